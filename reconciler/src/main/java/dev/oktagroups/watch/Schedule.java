package dev.oktagroups.watch;

import java.time.Instant;
import java.util.Optional;

/**
 * What the watcher does next, as a pure function of its state, its configuration and the time.
 *
 * <p>It reads no clock and never sleeps: the loop passes {@code now} in and performs the step. A
 * round is one fetch, then at most one reconcile (the head, or a drift check of the applied
 * commit), then a wait; a poke ends the wait early.
 */
final class Schedule {
  private Schedule() {}

  /** One step of the loop. */
  sealed interface Step permits Fetch, Reconcile, DriftCheck, Wait {}

  /** Fetch the branch (and read the break-glass file). */
  record Fetch() implements Step {}

  /** Reconcile the branch head, a commit not applied yet. */
  record Reconcile(String commit) implements Step {}

  /** Reconcile the applied commit again: whatever its plan finds is drift. */
  record DriftCheck(String commit) implements Step {}

  /** Wait until {@code until()} or a poke, whichever comes first; then fetch. */
  sealed interface Wait extends Step permits BackOff, Paused, Idle {
    Instant until();
  }

  /** A reconcile failed; its commit is not retried before {@code retryAt}. */
  record BackOff(Instant until, Instant retryAt) implements Wait {}

  /** A break-glass file pauses the watcher: nothing is applied, drift is left alone. */
  record Paused(Instant until, String reason) implements Wait {}

  /** Nothing to do until the next poll or drift check. */
  record Idle(Instant until) implements Wait {}

  /** The step to take in {@code state} at {@code now}, in a round that began {@code now}. */
  static Step next(WatchState state, Watcher.Config config, Instant now) {
    return next(state, config, now, now);
  }

  /**
   * The step to take in {@code state} at {@code now}, in a round whose fetch began at {@code
   * roundStart}. Polls keep to the interval from one fetch to the next, not from the end of one
   * round's reconcile to the next fetch: a commit that lands just after a fetch waits one interval,
   * not one interval plus the reconcile that fetch started.
   */
  static Step next(WatchState state, Watcher.Config config, Instant now, Instant roundStart) {
    return switch (state.phase()) {
      case FETCH_DUE -> new Fetch();
      case FETCHED -> work(state, now).orElseGet(() -> wait(state, config, now, roundStart));
      case SETTLED -> wait(state, config, now, roundStart);
    };
  }

  /** Reconcile the head or check drift; empty when neither is due. */
  private static Optional<Step> work(WatchState state, Instant now) {
    if (state.paused().isPresent() || state.head().isEmpty()) {
      return Optional.empty();
    }
    String head = state.head().get();
    boolean headApplied = state.lastApplied().map(head::equals).orElse(false);
    boolean headInvalid = state.invalidCommit().map(head::equals).orElse(false);
    if (!headApplied && !headInvalid && !state.backoff().holds(head, now)) {
      // Only the newest head is reconciled: the commits before it are coalesced into it, as the
      // plan is computed from the full desired state anyway.
      return Optional.of(new Reconcile(head));
    }
    if (driftCheckable(state) && state.drift().due(now)) {
      return Optional.of(new DriftCheck(state.lastApplied().get()));
    }
    return Optional.empty();
  }

  /**
   * Whether a due drift check would run: not while paused, not with nothing applied, and not while
   * a newer head waits to be applied (its reconcile checks everything anyway).
   */
  private static boolean driftCheckable(WatchState state) {
    if (state.paused().isPresent() || state.lastApplied().isEmpty() || state.head().isEmpty()) {
      return false;
    }
    String head = state.head().get();
    return state.lastApplied().get().equals(head)
        || state.invalidCommit().map(head::equals).orElse(false);
  }

  /**
   * The wait that ends a round: the next poll, or the retry or drift check if one is due sooner.
   */
  private static Wait wait(
      WatchState state, Watcher.Config config, Instant now, Instant roundStart) {
    Instant poll = roundStart.plus(config.interval());
    Instant next = poll.isAfter(now) ? poll : now;
    Instant retryAt = state.backoff().retryAt().orElse(now);
    if (retryAt.isAfter(now) && retryAt.isBefore(next)) {
      next = retryAt;
    }
    Instant driftAt = state.drift().nextAt();
    // A drift check that could not run now must not end the wait: the loop would fetch again at
    // once, and keep doing so for as long as a pause or a backoff lasts.
    if (driftCheckable(state) && driftAt.isBefore(next)) {
      next = driftAt.isAfter(now) ? driftAt : now;
    }
    if (state.paused().isPresent()) {
      return new Paused(next, state.paused().get());
    }
    if (retryAt.isAfter(now)) {
      return new BackOff(next, retryAt);
    }
    return new Idle(next);
  }
}
