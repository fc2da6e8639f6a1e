package dev.oktagroups.source;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * A bare mirror of a remote repository in a local cache directory: cloned on first use, fetched
 * after that, so reading a commit never needs a checkout and a watcher's poll downloads only what
 * is new. Over HTTPS with a token, over SSH with a key, or from a local path.
 */
public final class RemoteMirror implements AutoCloseable {
  private static final List<RefSpec> SPECS =
      List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

  private final String url;
  private final Git git;
  private final GitAuth auth;
  private final SshdSessionFactory ssh;

  private RemoteMirror(String url, Git git, GitAuth auth, SshdSessionFactory ssh) {
    this.url = url;
    this.git = git;
    this.auth = auth;
    this.ssh = ssh;
  }

  /** The remote's URL with any password or token in it removed, fit for logs and plans. */
  public static String redact(String url) {
    try {
      URIish u = new URIish(url);
      return u.getPass() == null ? url : u.setPass(null).toString();
    } catch (URISyntaxException e) {
      return url.replaceAll("//[^/@]*@", "//");
    }
  }

  /**
   * Where the mirror of {@code url} lives under {@code cacheRoot}: readable, and unique per URL.
   */
  public static Path cacheDir(Path cacheRoot, String url) {
    String clean = redact(url);
    String readable = clean.replaceAll("^[a-z+]+://", "").replaceAll("[^A-Za-z0-9._-]+", "_");
    if (readable.length() > 60) {
      readable = readable.substring(readable.length() - 60);
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(clean.getBytes(StandardCharsets.UTF_8));
      return cacheRoot.resolve(readable + "-" + HexFormat.of().formatHex(h, 0, 4));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens the mirror of {@code url} in {@code dir}, cloning it when absent (or when what is there
   * is not a mirror of this URL), then fetches every branch and tag.
   */
  public static RemoteMirror sync(String url, Path dir, GitAuth auth, ProgressMonitor progress) {
    try {
      URIish u = new URIish(url);
      if (u.getPass() != null) {
        // Credentials in the URL become a credentials provider, so they are never written to the
        // mirror's config or shown in messages.
        auth =
            new GitAuth(
                Optional.ofNullable(u.getUser()),
                Optional.of(u.getPass()),
                auth.sshKey(),
                auth.knownHosts(),
                auth.sshDir());
        url = u.setPass(null).setUser(null).toString();
      }
    } catch (URISyntaxException e) {
      throw new GitException("'" + redact(url) + "' is not a Git URL: " + e.getMessage());
    }
    SshdSessionFactory ssh = sshFactory(auth);
    Optional<Git> existing = openExisting(url, dir);
    if (existing.isPresent()) {
      RemoteMirror m = new RemoteMirror(url, existing.get(), auth, ssh);
      m.fetch(progress);
      return m;
    }
    try {
      deleteTree(dir);
      Files.createDirectories(dir.getParent());
      Git git =
          configure(
                  Git.cloneRepository()
                      .setURI(url)
                      .setDirectory(dir.toFile())
                      .setBare(true)
                      .setCloneAllBranches(true)
                      .setProgressMonitor(progress),
                  auth,
                  ssh)
              .call();
      return new RemoteMirror(url, git, auth, ssh);
    } catch (GitAPIException e) {
      deleteTree(dir);
      throw failure("clone", url, e);
    } catch (IOException e) {
      throw new GitException("cannot create the Git cache " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Git> openExisting(String url, Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      Git git = Git.open(dir.toFile());
      String origin = git.getRepository().getConfig().getString("remote", "origin", "url");
      if (git.getRepository().isBare() && url.equals(origin)) {
        return Optional.of(git);
      }
      git.close();
    } catch (IOException e) {
      // not a repository (an interrupted clone?): clone again
    }
    return Optional.empty();
  }

  /** Fetches every branch and tag; branches deleted upstream are deleted here too. */
  public void fetch(ProgressMonitor progress) {
    try {
      FetchCommand f =
          git.fetch()
              .setRemote("origin")
              .setRefSpecs(SPECS)
              .setRemoveDeletedRefs(true)
              .setProgressMonitor(progress);
      configure(f, auth, ssh).call();
    } catch (GitAPIException e) {
      throw failure("fetch", url, e);
    }
  }

  /**
   * Resolves {@code rev} in the mirror. A ref outside branches and tags (GitLab's {@code
   * refs/merge-requests/12/head}) is fetched on demand.
   */
  public ObjectId resolve(String rev, ProgressMonitor progress) {
    try {
      return GitSource.resolve(repository(), rev);
    } catch (GitException notHere) {
      if (!rev.startsWith("refs/")) {
        throw new GitException(
            "'"
                + rev
                + "' is not a branch, tag or commit of "
                + redact(url)
                + " (a commit must be reachable from a branch or tag; for a merge request use refs/merge-requests/<iid>/head)");
      }
      try {
        configure(
                git.fetch()
                    .setRemote("origin")
                    .setRefSpecs(new RefSpec("+" + rev + ":" + rev))
                    .setProgressMonitor(progress),
                auth,
                ssh)
            .call();
      } catch (GitAPIException e) {
        throw failure("fetch " + rev + " from", url, e);
      }
      return GitSource.resolve(repository(), rev);
    }
  }

  public Repository repository() {
    return git.getRepository();
  }

  public String url() {
    return redact(url);
  }

  @Override
  public void close() {
    git.close();
    if (ssh != null) {
      ssh.close();
    }
  }

  private static <C extends TransportCommand<C, ?>> C configure(
      C cmd, GitAuth auth, SshdSessionFactory ssh) {
    if (auth.token().isPresent()) {
      cmd.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(
              auth.username().orElse("oauth2"), auth.token().get()));
    }
    cmd.setTransportConfigCallback(
        t -> {
          if (t instanceof SshTransport s && ssh != null) {
            s.setSshSessionFactory(ssh);
          }
        });
    cmd.setTimeout(60);
    return cmd;
  }

  private static SshdSessionFactory sshFactory(GitAuth auth) {
    SshdSessionFactoryBuilder b =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(
                auth.sshDir().getParent() == null
                    ? auth.sshDir().toFile()
                    : auth.sshDir().getParent().toFile())
            .setSshDirectory(auth.sshDir().toFile());
    auth.sshKey().ifPresent(k -> b.setDefaultIdentities(dir -> List.of(k)));
    auth.knownHosts().ifPresent(k -> b.setDefaultKnownHostsFiles(dir -> List.of(k)));
    return b.build(new JGitKeyCache());
  }

  private static GitException failure(String what, String url, GitAPIException e) {
    String msg =
        e.getMessage() == null
            ? e.getClass().getSimpleName()
            : e.getMessage().replace(url, redact(url));
    String hint;
    if (msg.contains("not authorized")
        || msg.contains("Authentication is required")
        || msg.contains("401")) {
      hint =
          "the remote refused the credentials: set OKTA_GROUPS_GIT_TOKEN to a token with read_repository"
              + " (or check the SSH key in OKTA_GROUPS_SSH_KEY)";
    } else if (msg.contains("Server key did not validate") || msg.contains("host key")) {
      hint =
          "the SSH host key is not known: add it to known_hosts (ssh-keyscan HOST >> ~/.ssh/known_hosts),"
              + " or point OKTA_GROUPS_SSH_KNOWN_HOSTS at a file that has it";
    } else if (msg.contains("Auth fail") || msg.contains("No more authentication methods")) {
      hint =
          "no SSH key was accepted: set OKTA_GROUPS_SSH_KEY to the deploy key's private key file";
    } else if (e instanceof TransportException) {
      hint = "check the URL and that this machine can reach it";
    } else {
      hint = "check the URL";
    }
    return new GitException("cannot " + what + " " + redact(url) + ": " + msg + "\n  " + hint, e);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new GitException("cannot clear the Git cache " + dir + ": " + e.getMessage(), e);
    }
  }
}
