package dev.oktagroups.cli;

import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.source.GitAuth;
import dev.oktagroups.source.GitException;
import dev.oktagroups.source.GitSource;
import dev.oktagroups.source.RemoteMirror;
import dev.oktagroups.source.RepoSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.TextProgressMonitor;
import picocli.CommandLine.Option;

/**
 * Where manifests come from; shared by every command that reads them: a working directory, a Git
 * repository on disk (optionally at a revision), or a remote Git URL read at a revision through a
 * local mirror, without a checkout.
 */
final class RepoOptions {
  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "The repository holding okta-groups.yaml and groups/: a working directory or a Git repository (default: the current directory).")
  String repo;

  @Option(
      names = "--git-url",
      paramLabel = "URL",
      description =
          "Read the manifests from this Git remote (HTTPS with OKTA_GROUPS_GIT_TOKEN, SSH with a key, or a path), without a checkout.")
  String gitUrl;

  @Option(
      names = "--ref",
      paramLabel = "REV",
      description =
          "The commit to read: a branch, tag, SHA or refs/merge-requests/<iid>/head (default: HEAD). With --repo, reads Git instead of the working tree.")
  String ref;

  @Option(
      names = "--git-cache",
      paramLabel = "DIR",
      description =
          "Where --git-url keeps its mirror (default: $XDG_CACHE_HOME/okta-groups/git, or ~/.cache/okta-groups/git).")
  String gitCache;

  @Option(
      names = "--allow-empty",
      description =
          "Accept a repository without manifests: every group okta-groups owns is then to be deleted, within the deletion cap.")
  boolean allowEmpty;

  /** Reads the manifests for validation: a working tree as it is on disk, without Git's status. */
  RepoSnapshot read(Main main) {
    return read(main, false);
  }

  /**
   * Reads the manifests and, when they come from Git, the commit they are at: for a working tree in
   * Git, its HEAD when nothing under groups/ or okta-groups.yaml is uncommitted.
   */
  RepoSnapshot readWithCommit(Main main) {
    return read(main, true);
  }

  private RepoSnapshot read(Main main, boolean commit) {
    return checked(load(main, commit));
  }

  /**
   * The snapshot, if it looks like an okta-groups repository: one with neither okta-groups.yaml nor
   * manifests is the wrong directory; one with okta-groups.yaml and no manifests would plan to
   * delete every group, so it needs --allow-empty.
   */
  private RepoSnapshot checked(RepoSnapshot snap) {
    if (!snap.files().isEmpty() || allowEmpty) {
      return snap;
    }
    if (snap.config().isEmpty()) {
      throw CliException.usage(
          snap.origin()
              + " is not an okta-groups repository: it has no okta-groups.yaml and no groups/."
              + " Run in the repository's root, or pass --repo DIR (or --git-url URL)");
    }
    throw new CliException(
        ExitCode.INVALID,
        snap.origin()
            + " has okta-groups.yaml but no manifests under groups/, so every group okta-groups"
            + " owns would be deleted. Add manifests under groups/, or pass --allow-empty if that"
            + " is really meant (the deletion cap still applies)");
  }

  private RepoSnapshot load(Main main, boolean commit) {
    Env env = main.env();
    try {
      if (gitUrl != null) {
        if (repo != null) {
          throw CliException.usage("--repo and --git-url are alternatives; give one");
        }
        try (RemoteMirror m = mirror(main)) {
          String rev = ref == null ? "HEAD" : ref;
          String sha = m.resolve(rev, progress(main)).name();
          return GitSource.read(m.repository(), "", sha, m.url());
        }
      }
      Path dir = dir(env);
      if (!Files.isDirectory(dir)) {
        throw CliException.usage("--repo " + repo + ": no such directory");
      }
      Optional<GitSource.Located> located =
          ref != null || commit || GitSource.isBareRepository(dir)
              ? GitSource.locate(dir)
              : Optional.empty();
      if (ref != null && located.isEmpty()) {
        throw CliException.usage("--ref " + ref + ": " + dir + " is not in a Git repository");
      }
      try (GitSource.Located at = located.orElse(null)) {
        if (at != null && (ref != null || at.bare())) {
          return GitSource.read(
              at.repository(), at.prefix(), ref == null ? "HEAD" : ref, dir.toString());
        }
        RepoSnapshot onDisk = DirectorySource.read(dir);
        ObjectId head = at == null ? null : at.repository().resolve("HEAD");
        if (head == null) {
          return onDisk; // not in Git, or a repository without commits yet
        }
        if (GitSource.dirty(at)) {
          main.err()
              .println(
                  "okta-groups: "
                      + dir
                      + " has uncommitted changes to groups/ or okta-groups.yaml; the plan records no commit");
          return onDisk;
        }
        return new RepoSnapshot(
            onDisk.origin(), Optional.of(head.name()), onDisk.config(), onDisk.files());
      }
    } catch (GitException e) {
      throw new CliException(ExitCode.FAILURE, e.getMessage());
    } catch (java.io.IOException e) {
      throw new CliException(
          ExitCode.FAILURE, "cannot read Git in " + dir(env) + ": " + e.getMessage());
    }
  }

  /**
   * Runs {@code body} with the Git repository the manifests come from and the path of the
   * okta-groups files in it; empty when they do not come from Git.
   */
  <T> Optional<T> withGit(
      Main main, java.util.function.BiFunction<org.eclipse.jgit.lib.Repository, String, T> body) {
    if (gitUrl != null) {
      try (RemoteMirror m = mirror(main)) {
        return Optional.ofNullable(body.apply(m.repository(), ""));
      }
    }
    try (GitSource.Located at = GitSource.locate(dir(main.env())).orElse(null)) {
      return at == null
          ? Optional.empty()
          : Optional.ofNullable(body.apply(at.repository(), at.prefix()));
    }
  }

  /** Clones or fetches the mirror of --git-url, showing Git's progress on standard error. */
  RemoteMirror mirror(Main main) {
    Env env = main.env();
    Path root = gitCache != null ? env.resolve(gitCache) : defaultCache(env);
    main.err().println("okta-groups: fetching " + RemoteMirror.redact(gitUrl) + " into " + root);
    main.err().flush();
    return RemoteMirror.sync(
        gitUrl, RemoteMirror.cacheDir(root, gitUrl), auth(env), progress(main));
  }

  static ProgressMonitor progress(Main main) {
    return new TextProgressMonitor(main.err());
  }

  static Path defaultCache(Env env) {
    return env.var("XDG_CACHE_HOME")
        .map(Path::of)
        .orElseGet(() -> env.home().resolve(".cache"))
        .resolve("okta-groups")
        .resolve("git");
  }

  /**
   * Git credentials from the environment: OKTA_GROUPS_GIT_TOKEN (user OKTA_GROUPS_GIT_USERNAME,
   * default "oauth2"), else GitLab's CI_JOB_TOKEN as "gitlab-ci-token"; for SSH,
   * OKTA_GROUPS_SSH_KEY and OKTA_GROUPS_SSH_KNOWN_HOSTS, else the files in ~/.ssh.
   */
  static GitAuth auth(Env env) {
    Optional<String> token = env.var("OKTA_GROUPS_GIT_TOKEN");
    Optional<String> user = env.var("OKTA_GROUPS_GIT_USERNAME");
    if (token.isEmpty() && env.var("CI_JOB_TOKEN").isPresent()) {
      token = env.var("CI_JOB_TOKEN");
      user = Optional.of("gitlab-ci-token");
    }
    return new GitAuth(
        user,
        token,
        env.var("OKTA_GROUPS_SSH_KEY").map(env::resolve),
        env.var("OKTA_GROUPS_SSH_KNOWN_HOSTS").map(env::resolve),
        env.home().resolve(".ssh"));
  }

  /** The --repo directory, or the current directory. */
  Path dir(Env env) {
    return env.resolve(repo == null ? "." : repo);
  }

  boolean fromGitUrl() {
    return gitUrl != null;
  }
}
