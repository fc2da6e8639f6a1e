package dev.oktagroups.source;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to authenticate to a Git remote.
 *
 * @param username for HTTPS: GitLab accepts any non-empty name with a project or personal access
 *     token ("oauth2" by convention), and "gitlab-ci-token" with CI_JOB_TOKEN
 * @param token for HTTPS; never logged
 * @param sshKey for SSH: a private key file; empty means the usual files in the SSH directory
 * @param knownHosts for SSH: the known_hosts file; empty means the SSH directory's. Unknown host
 *     keys are always refused: there is nobody to ask in CI or in a watcher
 * @param sshDir the SSH directory (~/.ssh), for keys, known_hosts and config
 */
public record GitAuth(
    Optional<String> username,
    Optional<String> token,
    Optional<Path> sshKey,
    Optional<Path> knownHosts,
    Path sshDir) {
  /** No credentials: public HTTPS remotes, local paths, and SSH with the default keys. */
  public static GitAuth none(Path home) {
    return new GitAuth(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        home.resolve(".ssh"));
  }

  @Override
  public String toString() {
    // A record's default toString would print the token.
    return "GitAuth[username="
        + username.orElse("")
        + ", token="
        + (token.isPresent() ? "***" : "")
        + ", sshKey="
        + sshKey.map(Path::toString).orElse("")
        + "]";
  }
}
