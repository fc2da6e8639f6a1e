package dev.oktagroups.watch;

import dev.oktagroups.source.RepoSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows a branch and keeps Okta converged to it.
 *
 * <ul>
 *   <li>Every {@code interval}, or at once when {@link #poke()} is called (a webhook), it fetches.
 *       If the branch head is not the last commit applied, it reconciles the head. Commits that
 *       arrived together are coalesced: only the newest is reconciled, as the plan is computed
 *       from the full desired state anyway.
 *   <li>A commit with invalid manifests is never applied. The watcher stays on the last good
 *       commit, reports the invalid one, and waits for a new head.
 *   <li>A failed or refused reconcile is retried with exponential backoff, up to
 *       {@code maxBackoff}; a new head is tried at once.
 *   <li>Every {@code driftInterval}, when the head is applied (or invalid), it reconciles the last
 *       applied commit again: whatever that plan finds is drift, which it corrects and reports.
 *   <li>Only a reconcile that finished records its commit, durably. After a restart the watcher
 *       resumes from that commit: it neither repeats a commit nor skips one.
 *   <li>{@link #stop()} lets the change in flight finish, skips the rest, and returns.
 * </ul>
 */
public final class Watcher {
  /** How the watcher paces itself. */
  public record Config(String orgUrl, String branch, Duration interval, Duration driftInterval, Duration maxBackoff, Duration breakGlassMax) {
    /** The usual limit on a break-glass pause. */
    public static final Duration BREAK_GLASS_MAX = Duration.ofHours(8);
  }

  /** The file that pauses the watcher during a break-glass change in the Okta console. */
  public static final String BREAK_GLASS_FILE = "break-glass";

  /** The outcome of one reconcile. */
  public enum Kind {
    /** Changes were applied, all of them. */
    APPLIED,
    /** Okta already matched. */
    NOOP,
    /** The manifests at the commit are invalid; nothing was planned. */
    INVALID,
    /** A safety rail refused the plan; nothing was changed. */
    REFUSED,
    /** Reading Okta failed, or some change failed. */
    FAILED,
    /** Stopped for shutdown before finishing. */
    STOPPED
  }

  /**
   * One reconcile's result.
   *
   * @param planned changes the plan had
   * @param applied changes applied
   * @param apiCalls Okta requests made
   * @param message a one-line account, for logs and health
   */
  public record Result(Kind kind, int planned, int applied, long apiCalls, String message) {}

  /** Where commits come from. */
  public interface Source {
    /** Fetches, and returns the branch's head commit. */
    String fetch();

    /** The manifests at a commit. */
    RepoSnapshot read(String commit);

    /** How many commits {@code head} has that {@code base} does not. */
    int lag(String base, String head);

    /** A line naming the groups the commits between {@code base} and {@code head} touched. */
    String touched(Optional<String> base, String head);
  }

  /** Validates, plans and applies one snapshot. Must not throw: failures are results. */
  public interface Engine {
    Result reconcile(RepoSnapshot snapshot, BooleanSupplier stop);
  }

  /** What /healthz shows: a consistent copy of the watcher's view. */
  public record Status(
      String orgUrl,
      String branch,
      Optional<String> head,
      Optional<String> lastApplied,
      Optional<Instant> lastSuccessAt,
      Optional<Instant> lastErrorAt,
      Optional<String> lastError,
      Optional<String> invalidCommit,
      Optional<Instant> lastDriftCheckAt,
      int lastDriftChanges,
      long driftCorrections,
      int commitLag,
      int consecutiveFailures,
      Optional<Instant> retryAt,
      Optional<String> paused,
      boolean running) {}

  private final Config config;
  private final Source source;
  private final Engine engine;
  private final StateStore store;
  private final Clock clock;
  private final Consumer<String> log;
  private final Metrics metrics;

  private final Object lock = new Object();
  private boolean poked;
  private volatile boolean stopping;
  private volatile boolean running;

  // Guarded by `lock` for reads from other threads (health endpoint).
  private Optional<String> head = Optional.empty();
  private Optional<String> lastApplied;
  private Optional<Instant> lastSuccessAt;
  private Optional<Instant> lastErrorAt = Optional.empty();
  private Optional<String> lastError = Optional.empty();
  private Optional<String> invalidCommit = Optional.empty();
  private Optional<Instant> lastDriftCheckAt = Optional.empty();
  private int lastDriftChanges;
  private long driftCorrections;
  private int commitLag;
  private int failures;
  private Optional<String> failedCommit = Optional.empty();
  private Optional<Instant> retryAt = Optional.empty();
  private Instant nextDrift;
  private Optional<String> paused = Optional.empty();

  public Watcher(Config config, Source source, Engine engine, StateStore store, Clock clock, Consumer<String> log, Metrics metrics) {
    this.config = config;
    this.source = source;
    this.engine = engine;
    this.store = store;
    this.clock = clock;
    this.log = log;
    this.metrics = metrics;
    Optional<StateStore.Durable> saved = store.load();
    if (saved.isPresent() && !saved.get().orgUrl().equals(config.orgUrl())) {
      throw new IllegalStateException("the state in " + store.dir() + " belongs to " + saved.get().orgUrl() + ", not "
          + config.orgUrl() + "; give each org its own --state-dir");
    }
    this.lastApplied = saved.flatMap(StateStore.Durable::lastApplied);
    this.lastSuccessAt = saved.flatMap(StateStore.Durable::appliedAt);
    this.nextDrift = clock.instant().plus(config.driftInterval());
    declare(metrics);
  }

  private void declare(Metrics m) {
    m.counter("okta_groups_reconciles_total", "Reconciles run, by result (applied, noop, invalid, refused, failed, stopped).");
    m.counter("okta_groups_changes_applied_total", "Changes applied to Okta.");
    m.counter("okta_groups_api_calls_total", "Okta API requests made by reconciles.");
    m.counter("okta_groups_failures_total", "Failed fetches and reconciles.");
    m.counter("okta_groups_drift_checks_total", "Drift checks run.");
    m.counter("okta_groups_drift_changes_total", "Changes made to correct drift.");
    m.gauge("okta_groups_drift_changes", "Changes the last drift check found and corrected.", () -> snapshotInt(() -> lastDriftChanges));
    m.gauge("okta_groups_commit_lag", "Commits on the branch not applied yet.", () -> snapshotInt(() -> commitLag));
    m.gauge("okta_groups_last_success_timestamp_seconds", "When a reconcile last succeeded (Unix time).",
        () -> snapshotLong(() -> lastSuccessAt.map(Instant::getEpochSecond).orElse(0L)));
    m.gauge("okta_groups_invalid_commit", "1 while the branch head has invalid manifests and is not applied.",
        () -> snapshotInt(() -> invalidCommit.isPresent() ? 1 : 0));
    m.gauge("okta_groups_paused", "1 while a break-glass file pauses the watcher.", () -> snapshotInt(() -> paused.isPresent() ? 1 : 0));
  }

  private int snapshotInt(java.util.function.IntSupplier s) {
    synchronized (lock) {
      return s.getAsInt();
    }
  }

  private long snapshotLong(java.util.function.LongSupplier s) {
    synchronized (lock) {
      return s.getAsLong();
    }
  }

  /** Asks for a fetch now (a webhook arrived). */
  public void poke() {
    synchronized (lock) {
      poked = true;
      lock.notifyAll();
    }
  }

  /** Asks the loop to stop; the change in flight finishes first. */
  public void stop() {
    stopping = true;
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  public Status status() {
    synchronized (lock) {
      return new Status(config.orgUrl(), config.branch(), head, lastApplied, lastSuccessAt, lastErrorAt, lastError, invalidCommit,
          lastDriftCheckAt, lastDriftChanges, driftCorrections, commitLag, failures, retryAt, paused, running);
    }
  }

  /** Runs until {@link #stop()}. */
  public void run() {
    running = true;
    log.accept("watching " + config.branch() + " every " + human(config.interval()) + ", drift check every "
        + human(config.driftInterval()) + (lastApplied.map(c -> "; last applied " + shortSha(c)).orElse("; nothing applied yet")));
    try {
      while (!stopping) {
        tick();
        waitForNext();
      }
    } finally {
      running = false;
      log.accept("stopped");
    }
  }

  /** One round: fetch, then reconcile the head or check drift if either is due. */
  void tick() {
    Instant now = clock.instant();
    String h;
    try {
      h = source.fetch();
    } catch (RuntimeException e) {
      fail(Optional.empty(), "fetch failed: " + e.getMessage());
      return;
    }
    synchronized (lock) {
      head = Optional.of(h);
      commitLag = lastApplied.map(a -> a.equals(h) ? 0 : safeLag(a, h)).orElse(1);
    }
    Optional<String> pause = breakGlass(now);
    if (!pause.equals(paused)) {
      log.accept(pause.map(r -> "PAUSED by " + store.dir().resolve(BREAK_GLASS_FILE) + ": " + r
          + "; nothing is applied and drift is left alone until the file is removed or expires").orElse("break-glass pause over: reconciling again"));
    }
    synchronized (lock) {
      paused = pause;
    }
    if (pause.isPresent()) {
      return;
    }
    boolean headApplied = lastApplied.map(h::equals).orElse(false);
    boolean headInvalid = invalidCommit.map(h::equals).orElse(false);
    boolean backingOff = failedCommit.map(h::equals).orElse(false) && retryAt.map(now::isBefore).orElse(false);
    if (!headApplied && !headInvalid && !backingOff) {
      reconcile(h, false);
    } else if ((headApplied || headInvalid) && lastApplied.isPresent() && !now.isBefore(nextDrift)) {
      reconcile(lastApplied.get(), true);
    }
  }

  /**
   * The reason in the break-glass file, while it is younger than {@code breakGlassMax}: a pause
   * that is forgotten must not switch GitOps off for good, so it expires (touch it to extend).
   */
  private Optional<String> breakGlass(Instant now) {
    java.nio.file.Path f = store.dir().resolve(BREAK_GLASS_FILE);
    try {
      if (!java.nio.file.Files.isRegularFile(f)) {
        return Optional.empty();
      }
      Instant since = java.nio.file.Files.getLastModifiedTime(f).toInstant();
      if (now.isAfter(since.plus(config.breakGlassMax()))) {
        return Optional.empty();
      }
      String reason = java.nio.file.Files.readString(f).strip();
      return Optional.of((reason.isEmpty() ? "no reason given" : reason.lines().findFirst().orElse("")) + " (until "
          + since.plus(config.breakGlassMax()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
    } catch (java.io.IOException e) {
      return Optional.of("the break-glass file exists but cannot be read: " + e.getMessage());
    }
  }

  private int safeLag(String base, String h) {
    try {
      return source.lag(base, h);
    } catch (RuntimeException e) {
      return 1;
    }
  }

  private void reconcile(String commit, boolean drift) {
    String what = drift ? "drift check at " + shortSha(commit) : "commit " + shortSha(commit);
    if (!drift) {
      String touched;
      try {
        touched = source.touched(lastApplied, commit);
      } catch (RuntimeException e) {
        touched = "";
      }
      log.accept("reconciling " + what + (touched.isEmpty() ? "" : ": " + touched));
    }
    RepoSnapshot snap;
    try {
      snap = source.read(commit);
    } catch (RuntimeException e) {
      fail(Optional.of(commit), "cannot read " + what + ": " + e.getMessage());
      return;
    }
    Result r = engine.reconcile(snap, () -> stopping);
    Instant now = clock.instant();
    metrics.inc("okta_groups_reconciles_total", "result", r.kind().name().toLowerCase(java.util.Locale.ROOT));
    metrics.add("okta_groups_changes_applied_total", r.applied());
    metrics.add("okta_groups_api_calls_total", r.apiCalls());
    switch (r.kind()) {
      case APPLIED, NOOP -> {
        synchronized (lock) {
          lastApplied = Optional.of(commit);
          lastSuccessAt = Optional.of(now);
          lastError = Optional.empty();
          if (!drift) {
            invalidCommit = Optional.empty(); // a newer, valid head replaced it
          }
          failures = 0;
          failedCommit = Optional.empty();
          retryAt = Optional.empty();
          commitLag = head.map(h -> h.equals(commit) ? 0 : commitLag).orElse(0);
          if (drift) {
            lastDriftCheckAt = Optional.of(now);
            lastDriftChanges = r.planned();
            if (r.planned() > 0) {
              driftCorrections++;
            }
          }
          nextDrift = now.plus(config.driftInterval());
        }
        store.save(new StateStore.Durable(config.orgUrl(), config.branch(), Optional.of(commit), Optional.of(now)));
        if (drift) {
          metrics.inc("okta_groups_drift_checks_total");
          metrics.add("okta_groups_drift_changes_total", r.planned());
          log.accept(r.planned() == 0 ? "drift check: Okta matches " + shortSha(commit)
              : "drift corrected: " + r.planned() + " changes made outside okta-groups were reverted (" + r.message() + ")");
        } else {
          log.accept("applied " + shortSha(commit) + ": " + r.message());
        }
      }
      case INVALID -> {
        synchronized (lock) {
          invalidCommit = Optional.of(commit);
          lastError = Optional.of("commit " + shortSha(commit) + " has invalid manifests and was not applied: " + r.message());
          lastErrorAt = Optional.of(now);
        }
        metrics.inc("okta_groups_failures_total");
        log.accept("NOT applied: commit " + shortSha(commit) + " has invalid manifests (" + r.message() + "); staying on "
            + lastApplied.map(Watcher::shortSha).orElse("nothing"));
      }
      case REFUSED, FAILED -> fail(Optional.of(commit), what + ": " + r.message());
      case STOPPED -> log.accept("stopped during " + what + "; the next start resumes from "
          + lastApplied.map(Watcher::shortSha).orElse("the branch head"));
    }
  }

  /** Counts and reports a failure, and schedules the retry with backoff. */
  private void fail(Optional<String> commit, String message) {
    metrics.inc("okta_groups_failures_total");
    Instant now = clock.instant();
    synchronized (lock) {
      failures++;
      failedCommit = commit;
      long factor = 1L << Math.min(failures - 1, 20);
      Duration wait = config.interval().multipliedBy(factor);
      if (wait.compareTo(config.maxBackoff()) > 0) {
        wait = config.maxBackoff();
      }
      retryAt = Optional.of(now.plus(wait));
      lastError = Optional.of(message);
      lastErrorAt = Optional.of(now);
    }
    log.accept("FAILED: " + message + "; retrying in " + human(Duration.between(now, retryAt.get())));
  }

  private void waitForNext() {
    synchronized (lock) {
      Instant now = clock.instant();
      Instant next = now.plus(config.interval());
      if (retryAt.isPresent() && retryAt.get().isAfter(now) && retryAt.get().isBefore(next)) {
        next = retryAt.get();
      }
      if (nextDrift.isBefore(next)) {
        next = nextDrift.isAfter(now) ? nextDrift : now;
      }
      while (!poked && !stopping) {
        long ms = Duration.between(clock.instant(), next).toMillis();
        if (ms <= 0) {
          break;
        }
        try {
          lock.wait(ms);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
      poked = false;
    }
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
