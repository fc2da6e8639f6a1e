package dev.oktagroups.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the watcher tells its operator: the log lines and the metrics of each step. Kept apart from
 * the loop so that the loop reads as the steps it takes.
 */
final class Report {
  private final Consumer<String> log;
  private final Metrics metrics;

  /** Declares the watcher's metrics; the gauges read {@code state} when scraped. */
  Report(Consumer<String> log, Metrics metrics, Supplier<WatchState> state) {
    this.log = log;
    this.metrics = metrics;
    metrics.counter(
        "okta_groups_reconciles_total",
        "Reconciles run, by result (applied, noop, invalid, refused, failed, stopped).");
    metrics.counter("okta_groups_changes_applied_total", "Changes applied to Okta.");
    metrics.counter("okta_groups_api_calls_total", "Okta API requests made by reconciles.");
    metrics.counter(
        "okta_groups_repairs_total",
        "Reconciles of groups the System Log showed Okta removing members from, by result.");
    metrics.counter("okta_groups_failures_total", "Failed fetches and reconciles.");
    metrics.counter("okta_groups_drift_checks_total", "Drift checks run.");
    metrics.counter("okta_groups_drift_changes_total", "Changes made to correct drift.");
    metrics.counter(
        "okta_groups_git_lookup_errors_total",
        "Git look-ups that failed without failing the reconcile, by lookup (lag, touched).");
    metrics.gauge(
        "okta_groups_drift_changes",
        "Changes the last drift check found and corrected.",
        () -> state.get().drift().lastChanges());
    metrics.gauge(
        "okta_groups_commit_lag",
        "Commits on the branch not applied yet.",
        () -> state.get().commitLag());
    metrics.gauge(
        "okta_groups_last_success_timestamp_seconds",
        "When a reconcile last succeeded (Unix time).",
        () -> state.get().lastSuccessAt().map(Instant::getEpochSecond).orElse(0L));
    metrics.gauge(
        "okta_groups_invalid_commit",
        "1 while the branch head has invalid manifests and is not applied.",
        () -> state.get().invalidCommit().isPresent() ? 1 : 0);
    metrics.gauge(
        "okta_groups_paused",
        "1 while a break-glass file pauses the watcher.",
        () -> state.get().paused().isPresent() ? 1 : 0);
  }

  void started(Watcher.Config config, Optional<String> lastApplied) {
    log.accept(
        "watching "
            + config.branch()
            + " every "
            + human(config.interval())
            + ", drift check every "
            + human(config.driftInterval())
            + lastApplied
                .map(c -> "; last applied " + shortSha(c))
                .orElse("; nothing applied yet"));
  }

  void stopped() {
    log.accept("stopped");
  }

  /** The break-glass file appeared, changed, or went away. */
  void pauseChanged(Path file, Optional<String> pause) {
    log.accept(
        pause
            .map(
                r ->
                    "PAUSED by "
                        + file
                        + ": "
                        + r
                        + "; nothing is applied and drift is left alone until the file is"
                        + " removed or expires")
            .orElse("break-glass pause over: reconciling again"));
  }

  void reconciling(String what, String touched) {
    log.accept("reconciling " + what + (touched.isEmpty() ? "" : ": " + touched));
  }

  /** A repair of groups Okta took members from finished with {@code r}. */
  void repaired(java.util.Set<String> groups, Watcher.Result r) {
    metrics.inc("okta_groups_repairs_total", "result", r.kind().name().toLowerCase(Locale.ROOT));
    log.accept(
        "Okta removed members of "
            + String.join(", ", groups)
            + " that the manifests grant: "
            + r.kind().name().toLowerCase(Locale.ROOT)
            + ", "
            + r.message());
  }

  /** Counts a finished reconcile's result, changes and requests, whatever the outcome. */
  void counted(Watcher.Result r) {
    metrics.inc("okta_groups_reconciles_total", "result", r.kind().name().toLowerCase(Locale.ROOT));
    metrics.add("okta_groups_changes_applied_total", r.applied());
    metrics.add("okta_groups_api_calls_total", r.apiCalls());
  }

  /**
   * A reconcile finished with {@code r} and its outcome is recorded. {@code base} is the commit
   * applied before it. A failure or refusal is reported by {@link #failed} instead.
   */
  void reconciled(String commit, boolean drift, Watcher.Result r, Optional<String> base) {
    switch (r.kind()) {
      case APPLIED, NOOP -> applied(commit, drift, r);
      case INVALID -> {
        metrics.inc("okta_groups_failures_total");
        log.accept(
            "NOT applied: commit "
                + shortSha(commit)
                + " has invalid manifests ("
                + r.message()
                + "); staying on "
                + base.map(Report::shortSha).orElse("nothing"));
      }
      case STOPPED ->
          log.accept(
              "stopped during "
                  + WatchState.describe(commit, drift)
                  + "; the next start resumes from "
                  + base.map(Report::shortSha).orElse("the branch head"));
      case REFUSED, FAILED -> {}
    }
  }

  private void applied(String commit, boolean drift, Watcher.Result r) {
    if (!drift) {
      log.accept("applied " + shortSha(commit) + ": " + r.message());
      return;
    }
    metrics.inc("okta_groups_drift_checks_total");
    metrics.add("okta_groups_drift_changes_total", r.planned());
    log.accept(
        r.planned() == 0
            ? "drift check: Okta matches " + shortSha(commit)
            : "drift corrected: "
                + r.planned()
                + " changes made outside okta-groups were reverted ("
                + r.message()
                + ")");
  }

  /**
   * A look-up that only informs (the commit lag, the groups a commit touched) failed. The watcher
   * carries on without it, but says so: a repository that cannot answer these will soon fail worse.
   */
  void lookupFailed(String lookup, String what, RuntimeException e, String instead) {
    metrics.inc("okta_groups_git_lookup_errors_total", "lookup", lookup);
    log.accept("cannot " + what + ": " + e.getMessage() + "; " + instead);
  }

  /** A fetch or reconcile failed; {@code failed} is the state with its error and retry. */
  void failed(WatchState failed) {
    metrics.inc("okta_groups_failures_total");
    Instant at = failed.lastErrorAt().orElseThrow();
    log.accept(
        "FAILED: "
            + failed.lastError().orElseThrow()
            + "; retrying in "
            + human(Duration.between(at, failed.backoff().retryAt().orElseThrow())));
  }

  static String shortSha(String sha) {
    return sha.length() > 8 ? sha.substring(0, 8) : sha;
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 1) {
      return d.toMillis() + "ms";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
