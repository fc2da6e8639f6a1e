package dev.oktagroups.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the watcher knows between two steps, as one immutable value.
 *
 * <p>Each transition returns a new state and reads neither the clock nor any file: the loop passes
 * in what it observed and when. So every rule of the watcher (what a success clears, what a failure
 * backs off, when drift is next due) is a method tested with plain values.
 *
 * @param phase where the current round is: a round fetches, acts at most once, then waits
 * @param head the branch head last fetched
 * @param lastApplied the last commit reconciled in full (recorded durably too)
 * @param lastSuccessAt when a reconcile last succeeded
 * @param invalidCommit the head whose manifests are invalid, until a valid head replaces it
 * @param commitLag commits on the branch that are not applied yet
 * @param paused the break-glass reason (with its expiry) while the file pauses the watcher
 * @param backoff consecutive failures and when the failed commit may be retried
 * @param drift when drift is next checked, and what the last check found
 * @param lastError the last failure, until a reconcile succeeds
 * @param lastErrorAt when the last failure happened; kept after a success, for the record
 */
record WatchState(
    Phase phase,
    Optional<String> head,
    Optional<String> lastApplied,
    Optional<Instant> lastSuccessAt,
    Optional<String> invalidCommit,
    int commitLag,
    Optional<String> paused,
    Backoff backoff,
    Drift drift,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt) {

  /** Where a round is. */
  enum Phase {
    /** The next step fetches the branch. */
    FETCH_DUE,
    /** The head is fresh; the schedule decides whether to reconcile or check drift. */
    FETCHED,
    /** This round has acted (or failed); the next step waits. */
    SETTLED
  }

  /**
   * Consecutive failures and the retry they scheduled.
   *
   * @param failures failures since the last success
   * @param commit the commit that failed; empty when the fetch itself failed
   * @param retryAt when the next attempt is due
   */
  record Backoff(int failures, Optional<String> commit, Optional<Instant> retryAt) {
    static final Backoff NONE = new Backoff(0, Optional.empty(), Optional.empty());

    /** Whether {@code commit} failed last and its retry is not due at {@code now}. */
    boolean holds(String commit, Instant now) {
      return this.commit.map(commit::equals).orElse(false)
          && retryAt.map(now::isBefore).orElse(false);
    }

    /** One more failure: the wait is {@code interval} doubled per failure, up to {@code max}. */
    Backoff failed(Optional<String> commit, Instant now, Duration interval, Duration max) {
      int n = failures + 1;
      // The shift is capped so that a long outage cannot overflow the factor.
      Duration wait = interval.multipliedBy(1L << Math.min(n - 1, 20));
      if (wait.compareTo(max) > 0) {
        wait = max;
      }
      return new Backoff(n, commit, Optional.of(now.plus(wait)));
    }
  }

  /**
   * The drift timer and what the last drift check found.
   *
   * @param nextAt when the applied commit is next checked against Okta
   * @param lastCheckAt when a drift check last finished
   * @param lastChanges changes the last drift check found and corrected
   * @param corrections drift checks that found something to correct
   */
  record Drift(Instant nextAt, Optional<Instant> lastCheckAt, int lastChanges, long corrections) {
    static Drift startingAt(Instant nextAt) {
      return new Drift(nextAt, Optional.empty(), 0, 0);
    }

    boolean due(Instant now) {
      return !now.isBefore(nextAt);
    }

    /** Any successful reconcile also confirms the commit, so the timer starts over. */
    Drift restarted(Instant now, Duration interval) {
      return new Drift(now.plus(interval), lastCheckAt, lastChanges, corrections);
    }

    Drift checked(Instant now, int changes, Duration interval) {
      return new Drift(
          now.plus(interval), Optional.of(now), changes, corrections + (changes > 0 ? 1 : 0));
    }
  }

  /**
   * The state at start-up: resumes from the commit recorded durably, if any, with a fetch due and
   * the first drift check one {@code driftInterval} from {@code now}.
   */
  static WatchState resume(
      Optional<String> lastApplied,
      Optional<Instant> appliedAt,
      Instant now,
      Duration driftInterval) {
    return new WatchState(
        Phase.FETCH_DUE,
        Optional.empty(),
        lastApplied,
        appliedAt,
        Optional.empty(),
        0,
        Optional.empty(),
        Backoff.NONE,
        Drift.startingAt(now.plus(driftInterval)),
        Optional.empty(),
        Optional.empty());
  }

  /** Whether {@code head} is ahead of a commit applied before: then its lag is worth counting. */
  boolean behind(String head) {
    return lastApplied.map(a -> !a.equals(head)).orElse(false);
  }

  /**
   * The branch was fetched. {@code lag} is used only when {@link #behind} the head; with nothing
   * applied yet the lag counts as one.
   */
  WatchState afterFetch(String head, int lag) {
    int commitLag = lastApplied.map(a -> a.equals(head) ? 0 : lag).orElse(1);
    return new WatchState(
        Phase.FETCHED,
        Optional.of(head),
        lastApplied,
        lastSuccessAt,
        invalidCommit,
        commitLag,
        paused,
        backoff,
        drift,
        lastError,
        lastErrorAt);
  }

  /** The break-glass file was read: a reason while it pauses the watcher, else empty. */
  WatchState withPause(Optional<String> pause) {
    return new WatchState(
        phase,
        head,
        lastApplied,
        lastSuccessAt,
        invalidCommit,
        commitLag,
        pause,
        backoff,
        drift,
        lastError,
        lastErrorAt);
  }

  /**
   * A reconcile of {@code commit} finished with {@code result} at {@code now}; {@code drift} tells
   * a drift check of the applied commit from a reconcile of a new head.
   */
  WatchState afterReconcile(
      String commit, boolean drift, Watcher.Result result, Instant now, Watcher.Config config) {
    return switch (result.kind()) {
      case APPLIED, NOOP -> succeeded(commit, drift, result.planned(), now, config.driftInterval());
      case INVALID -> invalid(commit, result.message(), now);
      case REFUSED, FAILED -> {
        String message = describe(commit, drift) + ": " + result.message();
        yield failed(Optional.of(commit), message, now, config);
      }
      // Nothing is recorded: the next start reconciles the same commit again.
      case STOPPED -> withPhase(Phase.SETTLED);
    };
  }

  private WatchState succeeded(
      String commit, boolean driftCheck, int planned, Instant now, Duration driftInterval) {
    return new WatchState(
        Phase.SETTLED,
        head,
        Optional.of(commit),
        Optional.of(now),
        // A drift check leaves an invalid head reported; a newer, valid head replaces it.
        driftCheck ? invalidCommit : Optional.empty(),
        head.map(h -> h.equals(commit) ? 0 : commitLag).orElse(0),
        paused,
        Backoff.NONE,
        driftCheck
            ? drift.checked(now, planned, driftInterval)
            : drift.restarted(now, driftInterval),
        Optional.empty(),
        lastErrorAt);
  }

  private WatchState invalid(String commit, String message, Instant now) {
    return new WatchState(
        Phase.SETTLED,
        head,
        lastApplied,
        lastSuccessAt,
        Optional.of(commit),
        commitLag,
        paused,
        backoff,
        drift,
        Optional.of(
            "commit "
                + Report.shortSha(commit)
                + " has invalid manifests and was not applied: "
                + message),
        Optional.of(now));
  }

  /**
   * A fetch or reconcile failed at {@code now}: counts it, reports {@code message}, and schedules
   * the retry of {@code commit} (empty for a failed fetch) with backoff.
   */
  WatchState failed(Optional<String> commit, String message, Instant now, Watcher.Config config) {
    return new WatchState(
        Phase.SETTLED,
        head,
        lastApplied,
        lastSuccessAt,
        invalidCommit,
        commitLag,
        paused,
        backoff.failed(commit, now, config.interval(), config.maxBackoff()),
        drift,
        Optional.of(message),
        Optional.of(now));
  }

  /** The round decided there is nothing to do now. */
  WatchState settled() {
    return withPhase(Phase.SETTLED);
  }

  /** The wait is over (its time came, or a poke): the next step fetches. */
  WatchState due() {
    return withPhase(Phase.FETCH_DUE);
  }

  private WatchState withPhase(Phase p) {
    return new WatchState(
        p,
        head,
        lastApplied,
        lastSuccessAt,
        invalidCommit,
        commitLag,
        paused,
        backoff,
        drift,
        lastError,
        lastErrorAt);
  }

  /** How logs and errors name a reconcile. */
  static String describe(String commit, boolean drift) {
    return (drift ? "drift check at " : "commit ") + Report.shortSha(commit);
  }
}
