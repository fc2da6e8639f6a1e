package dev.oktagroups.watch;

import dev.oktagroups.source.RepoSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows a branch and keeps Okta converged to it.
 *
 * <ul>
 *   <li>Every {@code interval}, or at once when {@link #poke()} is called (a webhook), it fetches.
 *       If the branch head is not the last commit applied, it reconciles the head. Commits that
 *       arrived together are coalesced: only the newest is reconciled, as the plan is computed from
 *       the full desired state anyway.
 *   <li>A commit with invalid manifests is never applied. The watcher stays on the last good
 *       commit, reports the invalid one, and waits for a new head.
 *   <li>A failed or refused reconcile is retried with exponential backoff, up to {@code
 *       maxBackoff}; a new head is tried at once.
 *   <li>Every {@code driftInterval}, when the head is applied (or invalid), it reconciles the last
 *       applied commit again: whatever that plan finds is drift, which it corrects and reports.
 *   <li>Only a reconcile that finished records its commit, durably. After a restart the watcher
 *       resumes from that commit: it neither repeats a commit nor skips one.
 *   <li>{@link #stop()} lets the change in flight finish, skips the rest, and returns.
 * </ul>
 *
 * <p>The loop is thin: it asks {@link Schedule} for the next step, performs that one step's I/O
 * (fetch, reconcile, save), applies the matching {@link WatchState} transition, and waits for the
 * next round or a poke. All it holds that changes is the current state and the {@link Signal}
 * (pokes, repairs and the stop flag) that other threads reach it through.
 */
public final class Watcher {
  /** How the watcher paces itself. */
  public record Config(
      String orgUrl,
      String branch,
      Duration interval,
      Duration driftInterval,
      Duration maxBackoff,
      Duration breakGlassMax) {
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

    /**
     * The names of the groups the commits between {@code base} and {@code head} touched, deleted
     * ones included; empty when only a full reconcile will do (no base, or okta-groups.yaml
     * changed).
     */
    default Optional<Set<String>> touchedGroups(Optional<String> base, String head) {
      return Optional.empty();
    }
  }

  /** Validates, plans and applies one snapshot. Must not throw: failures are results. */
  public interface Engine {
    Result reconcile(RepoSnapshot snapshot, BooleanSupplier stop);

    /**
     * Reconciles only the groups {@code touched} names, when present: a commit's own groups, read
     * and planned at a cost that follows the commit, not the org. Drift elsewhere waits for the
     * next drift check, which reconciles everything.
     */
    default Result reconcile(
        RepoSnapshot snapshot, Optional<Set<String>> touched, BooleanSupplier stop) {
      return reconcile(snapshot, stop);
    }
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
  private final Report report;

  // Only the loop's thread replaces the state; the health endpoint and the gauges read whichever
  // value is current, and each value is consistent in itself.
  private volatile WatchState state;

  // Pokes, repairs and the stop flag: all that other threads hand the loop.
  private final Signal signal;
  private volatile boolean running;

  public Watcher(
      Config config,
      Source source,
      Engine engine,
      StateStore store,
      Clock clock,
      Consumer<String> log,
      Metrics metrics) {
    this.config = config;
    this.source = source;
    this.engine = engine;
    this.store = store;
    this.clock = clock;
    this.signal = new Signal(clock);
    Optional<StateStore.Durable> saved = store.load();
    if (saved.isPresent() && !saved.get().orgUrl().equals(config.orgUrl())) {
      throw new IllegalStateException(
          "the state in "
              + store.dir()
              + " belongs to "
              + saved.get().orgUrl()
              + ", not "
              + config.orgUrl()
              + "; give each org its own --state-dir");
    }
    this.state =
        WatchState.resume(
            saved.flatMap(StateStore.Durable::lastApplied),
            saved.flatMap(StateStore.Durable::appliedAt),
            clock.instant(),
            config.driftInterval());
    this.report = new Report(log, metrics, () -> state);
  }

  /** Asks for a fetch now (a webhook arrived). */
  public void poke() {
    signal.poke();
  }

  /**
   * Asks for {@code groups} to be reconciled again at the applied commit, at once: Okta removed
   * members from them (the System Log said so), and the manifests may still grant that access. Only
   * those groups are read and planned; the drift check's schedule is not moved.
   */
  public void repair(Set<String> groups) {
    signal.repair(groups);
  }

  /** Asks the loop to stop; the change in flight finishes first. */
  public void stop() {
    signal.stop();
  }

  /** The watcher's view for /healthz, consistent in itself; safe to call from any thread. */
  public Status status() {
    WatchState s = state;
    return new Status(
        config.orgUrl(),
        config.branch(),
        s.head(),
        s.lastApplied(),
        s.lastSuccessAt(),
        s.lastErrorAt(),
        s.lastError(),
        s.invalidCommit(),
        s.drift().lastCheckAt(),
        s.drift().lastChanges(),
        s.drift().corrections(),
        s.commitLag(),
        s.backoff().failures(),
        s.backoff().retryAt(),
        s.paused(),
        running);
  }

  /** Runs until {@link #stop()}. */
  public void run() {
    running = true;
    report.started(config, state.lastApplied());
    try {
      while (!signal.stopping()) {
        signal.await(tick().until());
      }
    } finally {
      running = false;
      report.stopped();
    }
  }

  /**
   * One round: takes the schedule's steps (a fetch, then at most one reconcile or drift check)
   * until it says to wait, and returns that wait without waiting.
   */
  Schedule.Wait tick() {
    state = state.due();
    Instant roundStart = clock.instant();
    while (true) {
      Instant now = clock.instant();
      Schedule.Step step = Schedule.next(state, config, now, roundStart);
      if (step instanceof Schedule.Wait) {
        Set<String> due = signal.takeRepairs();
        if (!due.isEmpty() && state.lastApplied().isPresent() && state.paused().isEmpty()) {
          repair(state.lastApplied().get(), due);
          continue;
        }
        state = state.settled();
        return (Schedule.Wait) step;
      } else if (step instanceof Schedule.Fetch) {
        fetch(now);
      } else if (step instanceof Schedule.Reconcile) {
        reconcile(((Schedule.Reconcile) step).commit(), false);
      } else if (step instanceof Schedule.DriftCheck) {
        reconcile(((Schedule.DriftCheck) step).commit(), true);
      }
    }
  }

  private void fetch(Instant now) {
    String h;
    try {
      h = source.fetch();
    } catch (RuntimeException e) {
      fail(Optional.empty(), "fetch failed: " + e.getMessage());
      return;
    }
    WatchState s = state;
    WatchState fetched = s.afterFetch(h, s.behind(h) ? lag(s.lastApplied().get(), h) : 1);
    Path file = store.dir().resolve(BREAK_GLASS_FILE);
    Optional<String> pause = BreakGlass.read(file, config.breakGlassMax(), now);
    if (!pause.equals(s.paused())) {
      report.pauseChanged(file, pause);
    }
    state = fetched.withPause(pause);
  }

  private int lag(String base, String h) {
    try {
      return source.lag(base, h);
    } catch (RuntimeException e) {
      report.lookupFailed(
          "lag",
          "count the commits from " + Report.shortSha(base) + " to " + Report.shortSha(h),
          e,
          "showing a commit lag of 1");
      return 1;
    }
  }

  private void reconcile(String commit, boolean drift) {
    String what = WatchState.describe(commit, drift);
    Optional<String> base = state.lastApplied();
    Optional<Set<String>> groups = Optional.empty();
    if (!drift) {
      groups = touchedGroups(base, commit, what);
      String touched;
      try {
        touched = source.touched(base, commit);
      } catch (RuntimeException e) {
        report.lookupFailed(
            "touched", "name the groups " + what + " touches", e, "reconciling it anyway");
        touched = "";
      }
      report.reconciling(what, touched);
    }
    RepoSnapshot snap;
    try {
      snap = source.read(commit);
    } catch (RuntimeException e) {
      fail(Optional.of(commit), "cannot read " + what + ": " + e.getMessage());
      return;
    }
    Result r = engine.reconcile(snap, groups, signal::stopping);
    Instant now = clock.instant();
    report.counted(r);
    WatchState after = state.afterReconcile(commit, drift, r, now, config);
    state = after;
    switch (r.kind()) {
      case APPLIED, NOOP ->
          store.save(
              new StateStore.Durable(
                  config.orgUrl(), config.branch(), Optional.of(commit), Optional.of(now)));
      case REFUSED, FAILED -> report.failed(after);
      case INVALID, STOPPED -> {}
    }
    report.reconciled(commit, drift, r, base);
  }

  /**
   * Reconciles {@code groups} at the applied {@code commit}; a failure waits for the drift check.
   */
  private void repair(String commit, Set<String> groups) {
    RepoSnapshot snap;
    try {
      snap = source.read(commit);
    } catch (RuntimeException e) {
      fail(Optional.of(commit), "cannot read " + Report.shortSha(commit) + ": " + e.getMessage());
      return;
    }
    Result r = engine.reconcile(snap, Optional.of(groups), signal::stopping);
    report.counted(r);
    report.repaired(groups, r);
  }

  /** The groups a commit touched, or empty (a full reconcile) when they cannot be named. */
  private Optional<Set<String>> touchedGroups(Optional<String> base, String commit, String what) {
    try {
      return source.touchedGroups(base, commit);
    } catch (RuntimeException e) {
      report.lookupFailed(
          "touched-groups", "name the groups " + what + " touches", e, "reconciling every group");
      return Optional.empty();
    }
  }

  /** Records a failure with its retry, and reports it. */
  private void fail(Optional<String> commit, String message) {
    state = state.failed(commit, message, clock.instant(), config);
    report.failed(state);
  }
}
