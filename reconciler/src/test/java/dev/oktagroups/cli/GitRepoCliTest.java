package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan and apply reading manifests from Git: the commit a plan records, --ref, --git-url, and stale
 * commits.
 */
class GitRepoCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /** The repository's own Sales division group. */
  private static final String SALES = Repo.read("groups/managed/div.sales.yaml");

  private static JsonNode json(Cli.Result r) throws Exception {
    return JSON.readTree(r.out());
  }

  @Test
  void thePlanRecordsTheCommitOnlyWhenTheWorkingTreeIsThatCommit() throws Exception {
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Repo.copyOwnGroups(git.dir);
      String c1 = git.commit("groups");
      ValidationResult v =
          new Validator(LocalDate.of(2026, 11, 29)).validate(DirectorySource.read(git.dir));
      EmbeddedSandbox.Options o =
          new EmbeddedSandbox.Options(0, 200, 3, "git-cli-token-0123456789", 600.0, true, null);
      try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
        Cli cli = Cli.create().cwd(git.dir).env("OKTA_API_TOKEN", s.token());
        Cli.Result clean = cli.run("plan", "--format", "json", "--okta-url", s.url());
        assertEquals(c1, json(clean).path("source").path("commit").asText(), clean.toString());

        git.write("groups/managed/div.sales.yaml", SALES.replace("Everyone", "All"));
        Cli.Result dirty = cli.run("plan", "--format", "json", "--okta-url", s.url());
        assertTrue(json(dirty).path("source").path("commit").isNull(), dirty.out());
        assertTrue(dirty.err().contains("uncommitted changes"), dirty.err());

        // --ref reads Git, not the working tree: the uncommitted edit is not in it.
        Cli.Result atRef =
            cli.run("plan", "--format", "json", "--ref", "main", "--okta-url", s.url());
        assertEquals(c1, json(atRef).path("source").path("commit").asText(), atRef.toString());
        assertTrue(
            !atRef.out().contains("All in the Sales"),
            "the working tree's edit is not read at --ref");

        // A bare repository and a remote URL give the same commit.
        Path bare = tmp.resolve("bare.git");
        Git.cloneRepository()
            .setURI(git.dir.toUri().toString())
            .setDirectory(bare.toFile())
            .setBare(true)
            .call()
            .close();
        assertEquals(
            c1,
            json(cli.run(
                    "plan", "--format", "json", "--repo", bare.toString(), "--okta-url", s.url()))
                .path("source")
                .path("commit")
                .asText());
        Cli.Result remote =
            cli.env("HOME", tmp.toString())
                .run(
                    "plan",
                    "--format",
                    "json",
                    "--git-url",
                    bare.toUri().toString(),
                    "--git-cache",
                    tmp.resolve("cache").toString(),
                    "--okta-url",
                    s.url());
        assertEquals(c1, json(remote).path("source").path("commit").asText(), remote.toString());
        assertTrue(remote.err().contains("fetching " + bare.toUri()), remote.err());
      }
    }
  }

  @Test
  void aSavedPlanIsRefusedOnceTheRepositoryMovedOn() throws Exception {
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Repo.copyOwnGroups(git.dir);
      git.commit("groups");
      ValidationResult v =
          new Validator(LocalDate.of(2026, 11, 29)).validate(DirectorySource.read(git.dir));
      EmbeddedSandbox.Options o =
          new EmbeddedSandbox.Options(0, 200, 3, "git-cli-token-0123456789", 600.0, true, null);
      try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
        Cli cli = Cli.create().cwd(git.dir).env("OKTA_API_TOKEN", s.token());
        Path plan = tmp.resolve("plan.json");
        assertEquals(
            ExitCode.OK, cli.run("plan", "--out", plan.toString(), "--okta-url", s.url()).code());
        git.delete("groups/managed/div.sales.yaml");
        String c2 = git.commit("remove Sales");
        int groupsBefore = s.org().allGroups().size();
        Cli.Result stale = cli.run("apply", plan.toString(), "--auto-approve");
        assertEquals(ExitCode.STALE, stale.code(), stale.toString());
        assertTrue(
            stale.err().contains("the repository is now at " + c2.substring(0, 12)), stale.err());
        assertEquals(groupsBefore, s.org().allGroups().size(), "nothing was changed");

        // Planned again at the new commit, it applies.
        assertEquals(
            ExitCode.OK, cli.run("plan", "--out", plan.toString(), "--okta-url", s.url()).code());
        Cli.Result ok = cli.run("apply", plan.toString(), "--auto-approve");
        assertEquals(ExitCode.OK, ok.code(), ok.toString());
        assertTrue(Files.exists(plan));
      }
    }
  }

  @Test
  void anUnknownRefIsAClearError() {
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Repo.copyOwnGroups(git.dir);
      git.commit("groups");
      Cli.Result r = Cli.create().cwd(git.dir).run("validate", "--ref", "no-such-branch");
      assertEquals(ExitCode.FAILURE, r.code(), r.toString());
      assertTrue(r.err().contains("'no-such-branch' is not a commit"), r.err());
      Cli.Result notGit =
          Cli.create()
              .cwd(tmp)
              .run(
                  "validate",
                  "--repo",
                  Files.isDirectory(tmp) ? tmp.toString() : ".",
                  "--ref",
                  "main");
      assertEquals(ExitCode.USAGE, notGit.code(), notGit.toString());
      assertTrue(notGit.err().contains("is not in a Git repository"), notGit.err());
    }
  }
}
