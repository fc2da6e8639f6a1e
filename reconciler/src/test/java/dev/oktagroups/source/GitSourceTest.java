package dev.oktagroups.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.source.GitSource.FileChange;
import dev.oktagroups.source.GitSource.FileChange.Kind;
import dev.oktagroups.testing.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {
  @TempDir Path tmp;

  private static final String SALES =
      """
      name: div.sales
      kind: managed
      description: Everyone in the Sales division, with a description long enough that a rename
        with a small edit is still recognised as a rename by its content similarity.
      owners: ["@sales-ops"]
      rule:
        division: Sales
      """;

  private static Map<String, String> files(RepoSnapshot s) {
    Map<String, String> out = new TreeMap<>();
    s.files().forEach(f -> out.put(f.path(), new String(f.bytes(), StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void readsEachCommitsTreeWithoutACheckout() {
    try (GitRepo r = GitRepo.init(tmp.resolve("repo"))) {
      String c1 =
          r.write("okta-groups.yaml", "org: {url: https://a.okta.com}\n")
              .write("groups/div.sales.yaml", SALES)
              .write("README.md", "not a manifest")
              .write("groups/notes.txt", "not a manifest either")
              .commit("first");
      String c2 =
          r.write("groups/manual/app.figma.admins.yaml", "name: app.figma.admins\n")
              .delete("groups/div.sales.yaml")
              .commit("second");
      // The working tree moves on; reading by commit must not see it.
      r.write("groups/uncommitted.yaml", "name: uncommitted\n");

      try (GitSource.Located at = GitSource.locate(r.dir).orElseThrow()) {
        RepoSnapshot s1 = GitSource.read(at.repository(), at.prefix(), c1, "origin");
        assertEquals(List.of("groups/div.sales.yaml"), List.copyOf(files(s1).keySet()));
        assertEquals(SALES, files(s1).get("groups/div.sales.yaml"));
        assertEquals(
            "org: {url: https://a.okta.com}\n",
            new String(s1.config().orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(c1, s1.commit().orElseThrow());

        RepoSnapshot s2 = GitSource.read(at.repository(), at.prefix(), "main", "origin");
        assertEquals(
            List.of("groups/manual/app.figma.admins.yaml"), List.copyOf(files(s2).keySet()));
        assertEquals(c2, s2.commit().orElseThrow());
        assertEquals(
            c1, GitSource.read(at.repository(), at.prefix(), "main~1", "o").commit().orElseThrow());
        assertEquals(
            c1,
            GitSource.read(at.repository(), at.prefix(), c1.substring(0, 10), "o")
                .commit()
                .orElseThrow());
      }
    }
  }

  @Test
  void findsTheFilesInASubdirectoryOfAMonorepo() {
    try (GitRepo r = GitRepo.init(tmp.resolve("mono"))) {
      String c =
          r.write("identity/okta-groups.yaml", "x: 1\n")
              .write("identity/groups/div.sales.yaml", SALES)
              .write("groups/elsewhere.yaml", "not ours\n")
              .commit("monorepo");
      try (GitSource.Located at = GitSource.locate(r.dir.resolve("identity")).orElseThrow()) {
        assertEquals("identity", at.prefix());
        RepoSnapshot s = GitSource.read(at.repository(), at.prefix(), "HEAD", "o");
        assertEquals(List.of("groups/div.sales.yaml"), List.copyOf(files(s).keySet()));
        assertTrue(s.config().isPresent());
        assertEquals(c, s.commit().orElseThrow());
      }
    }
  }

  @Test
  void opensABareRepositoryAndTellsWhenADirectoryIsNotInGit() throws Exception {
    try (GitRepo r = GitRepo.init(tmp.resolve("work"))) {
      String c = r.write("groups/div.sales.yaml", SALES).commit("one");
      Path bare = tmp.resolve("bare.git");
      Git.cloneRepository()
          .setURI(r.dir.toUri().toString())
          .setDirectory(bare.toFile())
          .setBare(true)
          .call()
          .close();
      try (GitSource.Located at = GitSource.locate(bare).orElseThrow()) {
        assertTrue(at.bare());
        assertEquals(
            c, GitSource.read(at.repository(), at.prefix(), "HEAD", "o").commit().orElseThrow());
      }
    }
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    assertTrue(GitSource.locate(plain).isEmpty(), "a directory outside Git has no repository");
  }

  @Test
  void tellsWhetherTheWorkingTreeDiffersFromHead() {
    try (GitRepo r = GitRepo.init(tmp.resolve("repo"))) {
      r.write("okta-groups.yaml", "x: 1\n")
          .write("groups/div.sales.yaml", SALES)
          .write("README.md", "a")
          .commit("one");
      try (GitSource.Located at = GitSource.locate(r.dir).orElseThrow()) {
        assertFalse(GitSource.dirty(at));
        r.write("README.md", "other files do not count");
        assertFalse(GitSource.dirty(at));
        r.write("groups/new.yaml", "name: new\n");
        assertTrue(
            GitSource.dirty(at), "an untracked manifest makes the tree differ from any commit");
        r.delete("groups/new.yaml").write("okta-groups.yaml", "x: 2\n");
        assertTrue(GitSource.dirty(at));
      }
    }
  }

  @Test
  void namesTheGroupsADiffTouchedIncludingRenamesAndDeletions() {
    try (GitRepo r = GitRepo.init(tmp.resolve("repo"))) {
      String base =
          r.write("okta-groups.yaml", "x: 1\n")
              .write("groups/div.sales.yaml", SALES)
              .write("groups/app.zoom.hosts.yaml", "name: app.zoom.hosts\nkind: manual\n")
              .write(
                  "groups/dept.old.yaml",
                  "name: dept.old\nkind: managed\nrule: {department: Old}\n")
              .write("groups/README.md", "docs")
              .commit("base");
      r.move("groups/div.sales.yaml", "groups/managed/div.sales_emea.yaml")
          .write("groups/managed/div.sales_emea.yaml", SALES.replace("div.sales", "div.sales_emea"))
          .delete("groups/dept.old.yaml")
          .write(
              "groups/app.zoom.hosts.yaml",
              "name: app.zoom.hosts\nkind: manual\ndescription: changed\n")
          .write("groups/push.slack.new.yaml", "name: push.slack.new\n")
          .write("groups/README.md", "docs changed: not a manifest")
          .commit("merge");
      try (GitSource.Located at = GitSource.locate(r.dir).orElseThrow()) {
        List<FileChange> changes = GitSource.changes(at.repository(), at.prefix(), base, "HEAD");
        assertEquals(4, changes.size(), changes.toString());
        FileChange rename =
            changes.stream().filter(c -> c.kind() == Kind.RENAME).findFirst().orElseThrow();
        assertEquals("groups/div.sales.yaml", rename.oldPath());
        assertEquals("groups/managed/div.sales_emea.yaml", rename.newPath());
        assertEquals("div.sales", rename.oldGroup().orElseThrow());
        assertEquals("div.sales_emea", rename.newGroup().orElseThrow());
        FileChange deleted =
            changes.stream().filter(c -> c.kind() == Kind.DELETE).findFirst().orElseThrow();
        assertEquals("dept.old", deleted.oldGroup().orElseThrow());
        assertTrue(deleted.newGroup().isEmpty());
        FileChange added =
            changes.stream().filter(c -> c.kind() == Kind.ADD).findFirst().orElseThrow();
        assertEquals("push.slack.new", added.newGroup().orElseThrow());
        assertTrue(added.oldGroup().isEmpty());
        FileChange modified =
            changes.stream().filter(c -> c.kind() == Kind.MODIFY).findFirst().orElseThrow();
        assertEquals("app.zoom.hosts", modified.newGroup().orElseThrow());
      }
    }
  }

  @Test
  void anUnknownRevisionIsAClearError() {
    try (GitRepo r = GitRepo.init(tmp.resolve("repo"))) {
      r.write("groups/a.yaml", "name: a\n").commit("one");
      try (GitSource.Located at = GitSource.locate(r.dir).orElseThrow()) {
        GitException e =
            assertThrows(
                GitException.class,
                () -> GitSource.read(at.repository(), "", "no-such-branch", "o"));
        assertTrue(e.getMessage().contains("'no-such-branch' is not a commit"), e.getMessage());
      }
    }
  }
}
