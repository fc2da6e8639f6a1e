package dev.oktagroups.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.GitServers;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteMirrorTest {
  @TempDir Path tmp;

  private static final NullProgressMonitor QUIET = NullProgressMonitor.INSTANCE;

  /** A working repository and a bare "server" copy of it that tests push to by re-cloning. */
  private Path serve(GitRepo work) throws Exception {
    Path bare = tmp.resolve("server.git");
    if (Files.exists(bare)) {
      try (Git g = Git.open(bare.toFile())) {
        g.fetch()
            .setRemote(work.dir.toUri().toString())
            .setRefSpecs("+refs/heads/*:refs/heads/*")
            .call();
      }
    } else {
      Git.cloneRepository()
          .setURI(work.dir.toUri().toString())
          .setDirectory(bare.toFile())
          .setBare(true)
          .call()
          .close();
    }
    return bare;
  }

  @Test
  void clonesOnceThenFetchesOnlyWhatIsNew() throws Exception {
    try (GitRepo work = GitRepo.init(tmp.resolve("work"))) {
      String c1 = work.write("groups/a.yaml", "name: a\n").commit("one");
      Path server = serve(work);
      Path cache = RemoteMirror.cacheDir(tmp.resolve("cache"), server.toUri().toString());
      try (RemoteMirror m =
          RemoteMirror.sync(server.toUri().toString(), cache, GitAuth.none(tmp), QUIET)) {
        assertEquals(c1, m.resolve("main", QUIET).name());
        assertEquals(c1, m.resolve("HEAD", QUIET).name());
      }
      String c2 = work.write("groups/b.yaml", "name: b\n").commit("two");
      serve(work);
      // A second sync reuses the mirror: the new commit arrives by fetch.
      try (RemoteMirror m =
          RemoteMirror.sync(server.toUri().toString(), cache, GitAuth.none(tmp), QUIET)) {
        assertEquals(c2, m.resolve("main", QUIET).name());
        RepoSnapshot s = GitSource.read(m.repository(), "", c2, m.url());
        assertEquals(2, s.files().size());
        String c3 = work.write("groups/c.yaml", "name: c\n").commit("three");
        serve(work);
        m.fetch(QUIET);
        assertEquals(c3, m.resolve("main", QUIET).name());
      }
    }
  }

  @Test
  void fetchesAMergeRequestRefOnDemand() throws Exception {
    try (GitRepo work = GitRepo.init(tmp.resolve("work"))) {
      work.write("groups/a.yaml", "name: a\n").commit("one");
      Path server = serve(work);
      String mr = work.write("groups/mr.yaml", "name: mr\n").commit("proposed");
      // GitLab keeps a merge request's head under refs/merge-requests/, outside the branches.
      try (Git g = Git.open(server.toFile())) {
        g.fetch()
            .setRemote(work.dir.toUri().toString())
            .setRefSpecs("+refs/heads/main:refs/merge-requests/7/head")
            .call();
        assertNotEquals(
            mr,
            g.getRepository().resolve("refs/heads/main").name(),
            "the proposal is on no branch");
        assertEquals(mr, g.getRepository().resolve("refs/merge-requests/7/head").name());
      }
      try (RemoteMirror m =
          RemoteMirror.sync(
              server.toUri().toString(), tmp.resolve("cache"), GitAuth.none(tmp), QUIET)) {
        assertEquals(mr, m.resolve("refs/merge-requests/7/head", QUIET).name());
        GitException e = assertThrows(GitException.class, () -> m.resolve("no-such-branch", QUIET));
        assertTrue(e.getMessage().contains("not a branch, tag or commit"), e.getMessage());
      }
    }
  }

  @Test
  void httpsWithATokenAndNeverShowsTheToken() throws Exception {
    try (GitRepo work = GitRepo.init(tmp.resolve("work"))) {
      String c1 = work.write("groups/a.yaml", "name: a\n").commit("one");
      Path server = serve(work);
      try (GitServers.Http http = new GitServers.Http(server, "oauth2", "glpat-secret-123")) {
        GitAuth good =
            new GitAuth(
                Optional.of("oauth2"),
                Optional.of("glpat-secret-123"),
                Optional.empty(),
                Optional.empty(),
                tmp);
        try (RemoteMirror m = RemoteMirror.sync(http.url(), tmp.resolve("cache1"), good, QUIET)) {
          assertEquals(c1, m.resolve("main", QUIET).name());
        }
        // Credentials in the URL work too, and are kept out of the mirror's config and messages.
        String withToken = http.url().replace("http://", "http://oauth2:glpat-secret-123@");
        try (RemoteMirror m =
            RemoteMirror.sync(withToken, tmp.resolve("cache2"), GitAuth.none(tmp), QUIET)) {
          assertEquals(c1, m.resolve("main", QUIET).name());
          assertFalse(m.url().contains("secret"));
          assertFalse(Files.readString(tmp.resolve("cache2/config")).contains("secret"));
        }
        GitAuth bad =
            new GitAuth(
                Optional.of("oauth2"),
                Optional.of("glpat-wrong-456"),
                Optional.empty(),
                Optional.empty(),
                tmp);
        GitException e =
            assertThrows(
                GitException.class,
                () -> RemoteMirror.sync(http.url(), tmp.resolve("cache3"), bad, QUIET));
        assertTrue(e.getMessage().contains("OKTA_GROUPS_GIT_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains("glpat-wrong-456"));
        assertFalse(
            Files.exists(tmp.resolve("cache3")),
            "a failed clone leaves no half-made mirror behind");
        assertTrue(http.refused.get() > 0);
      }
    }
  }

  @Test
  void sshWithAKeyAndAKnownHostKeyOnly() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair host = gen.generateKeyPair();
    KeyPair client = gen.generateKeyPair();
    Path sshDir = Files.createDirectories(tmp.resolve("ssh"));
    Path key = sshDir.resolve("deploy_key");
    try (OutputStream out = Files.newOutputStream(key)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "deploy key", null, out);
    }
    // SSH refuses private keys others can read, as OpenSSH does.
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    try (GitRepo work = GitRepo.init(tmp.resolve("work"))) {
      String c1 = work.write("groups/a.yaml", "name: a\n").commit("one");
      Path server = serve(work);
      try (GitServers.Ssh ssh = new GitServers.Ssh(server, host, client.getPublic())) {
        Path knownHosts = sshDir.resolve("known_hosts");
        Files.writeString(
            knownHosts,
            "[127.0.0.1]:" + ssh.port() + " " + PublicKeyEntry.toString(host.getPublic()) + "\n");
        GitAuth auth =
            new GitAuth(
                Optional.empty(),
                Optional.empty(),
                Optional.of(key),
                Optional.of(knownHosts),
                sshDir);
        try (RemoteMirror m = RemoteMirror.sync(ssh.url(), tmp.resolve("cache"), auth, QUIET)) {
          assertEquals(c1, m.resolve("main", QUIET).name());
        }

        Path empty = Files.writeString(sshDir.resolve("empty_known_hosts"), "");
        GitAuth unknownHost =
            new GitAuth(
                Optional.empty(), Optional.empty(), Optional.of(key), Optional.of(empty), sshDir);
        GitException e =
            assertThrows(
                GitException.class,
                () -> RemoteMirror.sync(ssh.url(), tmp.resolve("cache2"), unknownHost, QUIET));
        assertTrue(e.getMessage().contains("known_hosts"), e.getMessage());
      }
    }
  }

  @Test
  void redactsPasswordsFromUrls() {
    assertEquals(
        "https://oauth2@gitlab.example.com/corpsec/okta-groups.git",
        RemoteMirror.redact("https://oauth2:glpat-abc@gitlab.example.com/corpsec/okta-groups.git"));
    assertEquals(
        "git@gitlab.example.com:corpsec/okta-groups.git",
        RemoteMirror.redact("git@gitlab.example.com:corpsec/okta-groups.git"));
    Path a = RemoteMirror.cacheDir(Path.of("/c"), "https://t:secret@gitlab.example.com/x.git");
    assertFalse(a.toString().contains("secret"));
    assertNotEquals(a, RemoteMirror.cacheDir(Path.of("/c"), "https://gitlab.example.com/y.git"));
  }
}
