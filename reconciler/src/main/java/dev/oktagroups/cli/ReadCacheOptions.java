package dev.oktagroups.cli;

import dev.oktagroups.manifest.OrgConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How a command uses the read cache: shared by plan, apply, reconcile and watch. The cache lets a
 * read ask Okta only what changed since the last one; {@link Dir} says where it lives (the watcher
 * keeps it in its own state directory instead).
 */
final class ReadCacheOptions {
  @Option(
      names = "--full-read",
      description =
          "Read all of Okta's state, trusting nothing in the read cache (which is then refreshed).")
  boolean fullRead;

  @Option(
      names = "--max-cache-age",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "Read in full when the read cache is older than this, e.g. 6h (default: readCache.maxAge in okta-groups.yaml, else 24h; at most 89d, within the System Log's retention).")
  Duration maxCacheAge;

  /** The bound on the cache's age: the flag's when given, else okta-groups.yaml's. */
  Duration maxAge(OrgConfig.ReadCache file) {
    return maxCacheAge != null ? maxCacheAge : file.maxAge();
  }

  /** Where the read cache lives, for the commands that have no state directory of their own. */
  static final class Dir {
    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        description =
            "Where the read cache is kept (default: $XDG_CACHE_HOME/okta-groups/<org-host>, or ~/.cache/okta-groups/<org-host>).")
    String stateDir;

    /** The read cache's default home for an org: per org host, under the XDG cache directory. */
    static Path defaultFor(Env env, String orgUrl) {
      String host = orgUrl.replaceAll("^[a-z]+://", "").replaceAll("[^A-Za-z0-9._-]+", "_");
      return env.var("XDG_CACHE_HOME")
          .map(Path::of)
          .orElseGet(() -> env.home().resolve(".cache"))
          .resolve("okta-groups")
          .resolve(host);
    }
  }
}
