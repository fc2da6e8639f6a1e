package dev.oktagroups.watch;

import static dev.oktagroups.watch.WatchStateTest.CONFIG;
import static dev.oktagroups.watch.WatchStateTest.T0;
import static dev.oktagroups.watch.WatchStateTest.appliedAt;
import static dev.oktagroups.watch.WatchStateTest.fresh;
import static dev.oktagroups.watch.WatchStateTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the watcher does next, asked of the pure schedule with instants chosen by the test. */
class ScheduleTest {
  private static Schedule.Step next(WatchState s, Instant now) {
    return Schedule.next(s, CONFIG, now);
  }

  @Test
  void aRoundStartsWithAFetch() {
    assertEquals(new Schedule.Fetch(), next(fresh(), T0));
    assertEquals(new Schedule.Fetch(), next(appliedAt("c1", T0).due(), T0));
  }

  @Test
  void aNewHeadIsReconciledAndABurstIsCoalescedIntoItsNewest() {
    assertEquals(new Schedule.Reconcile("c1"), next(fresh().afterFetch("c1", 1), T0));
    // c2, c3 and c4 arrived between two polls: only c4 is reconciled.
    assertEquals(new Schedule.Reconcile("c4"), next(appliedAt("c1", T0).afterFetch("c4", 3), T0));
  }

  @Test
  void anAppliedHeadWaitsForTheNextPoll() {
    WatchState s = appliedAt("c1", T0);
    assertEquals(new Schedule.Idle(T0.plusSeconds(60)), next(s, T0));
    assertEquals(
        new Schedule.Idle(T0.plusSeconds(70)), next(s.afterFetch("c1", 0), T0.plusSeconds(10)));
  }

  @Test
  void thePollIsOneIntervalAfterTheRoundsFetchNotAfterItsReconcile() {
    // The round fetched at T0 and its reconcile ended 20 s later: the next fetch is at T0 + 60 s.
    WatchState s = appliedAt("c2", T0.plusSeconds(20));
    assertEquals(
        new Schedule.Idle(T0.plusSeconds(60)), Schedule.next(s, CONFIG, T0.plusSeconds(20), T0));
  }

  @Test
  void aRoundLongerThanTheIntervalFetchesAgainAtOnce() {
    WatchState s = appliedAt("c2", T0.plusSeconds(90));
    Instant end = T0.plusSeconds(90);
    assertEquals(new Schedule.Idle(end), Schedule.next(s, CONFIG, end, T0));
  }

  @Test
  void aFailedCommitIsNotRetriedBeforeItsBackoffEnds() {
    WatchState s = fresh().afterFetch("c1", 1);
    for (int i = 0; i < 3; i++) {
      s = s.failed(Optional.of("c1"), "Okta answered 500", T0, CONFIG);
    }
    Instant retryAt = T0.plusSeconds(240);
    Instant soon = T0.plusSeconds(100);
    assertEquals(new Schedule.BackOff(soon.plusSeconds(60), retryAt), next(s, soon));
    assertEquals(
        new Schedule.BackOff(retryAt, retryAt),
        next(s.afterFetch("c1", 1), T0.plusSeconds(230)),
        "the wait ends at the retry when that comes before the next poll");
    assertEquals(new Schedule.Reconcile("c1"), next(s.afterFetch("c1", 1), retryAt));
  }

  @Test
  void aNewHeadIsTriedAtOnceDespiteTheBackoff() {
    WatchState s = fresh().afterFetch("c1", 1).failed(Optional.of("c1"), "boom", T0, CONFIG);
    assertEquals(new Schedule.Reconcile("c2"), next(s.afterFetch("c2", 1), T0.plusSeconds(1)));
  }

  @Test
  void aFailedFetchBacksOffButHoldsNoCommit() {
    WatchState s = fresh().failed(Optional.empty(), "fetch failed: timeout", T0, CONFIG);
    assertEquals(new Schedule.BackOff(T0.plusSeconds(60), T0.plusSeconds(60)), next(s, T0));
    assertEquals(new Schedule.Reconcile("c1"), next(s.due().afterFetch("c1", 1), T0));
  }

  @Test
  void driftIsCheckedAtTheDriftIntervalOnTheAppliedCommit() {
    WatchState s = appliedAt("c1", T0);
    Instant due = T0.plus(CONFIG.driftInterval());
    assertEquals(
        new Schedule.Idle(due.minusSeconds(60)),
        next(s.afterFetch("c1", 0), due.minusSeconds(120)));
    assertEquals(
        new Schedule.Idle(due),
        next(s.afterFetch("c1", 0), due.minusSeconds(30)),
        "the wait ends when the drift check is due");
    assertEquals(new Schedule.DriftCheck("c1"), next(s.afterFetch("c1", 0), due));
  }

  @Test
  void anInvalidHeadIsNeverAppliedNorRetriedButTheLastGoodCommitIsStillCheckedForDrift() {
    WatchState s =
        appliedAt("c1", T0)
            .afterFetch("c2", 1)
            .afterReconcile("c2", false, result(Watcher.Kind.INVALID, 0), T0, CONFIG);
    assertEquals(
        new Schedule.Idle(T0.plusSeconds(120)),
        next(s.due().afterFetch("c2", 1), T0.plusSeconds(60)),
        "an invalid head is not retried");
    Instant due = T0.plus(CONFIG.driftInterval());
    assertEquals(new Schedule.DriftCheck("c1"), next(s.due().afterFetch("c2", 1), due));
    assertEquals(
        new Schedule.Reconcile("c3"), next(s.due().afterFetch("c3", 2), T0.plusSeconds(60)));
  }

  @Test
  void aBreakGlassPauseHoldsEverythingUntilItIsLifted() {
    Instant later = T0.plus(Duration.ofMinutes(45)); // a new commit and a drift check are both due
    WatchState s = appliedAt("c1", T0).afterFetch("c2", 1).withPause(Optional.of("INC-4711"));
    assertEquals(new Schedule.Paused(later.plusSeconds(60), "INC-4711"), next(s, later));
    assertEquals(new Schedule.Reconcile("c2"), next(s.withPause(Optional.empty()), later));
  }

  @Test
  void aDueDriftCheckThatCannotRunDoesNotCutTheWaitShort() {
    Instant late = T0.plus(Duration.ofHours(2)); // the drift check is long overdue
    WatchState paused = appliedAt("c1", T0).afterFetch("c1", 0).withPause(Optional.of("INC-1"));
    assertEquals(new Schedule.Paused(late.plusSeconds(60), "INC-1"), next(paused, late));
    WatchState failing =
        appliedAt("c1", T0)
            .afterFetch("c2", 1)
            .failed(Optional.of("c2"), "Okta answered 500", late.minusSeconds(1), CONFIG);
    assertEquals(
        new Schedule.BackOff(late.plusSeconds(59), late.plusSeconds(59)), next(failing, late));
    WatchState nothingApplied =
        fresh()
            .afterFetch("c1", 1)
            .afterReconcile("c1", false, result(Watcher.Kind.INVALID, 0), late, CONFIG);
    assertEquals(new Schedule.Idle(late.plusSeconds(60)), next(nothingApplied, late));
  }

  @Test
  void aStoppedReconcileIsNotRepeatedInTheSameRound() {
    WatchState s =
        appliedAt("c1", T0)
            .afterFetch("c2", 1)
            .afterReconcile("c2", false, result(Watcher.Kind.STOPPED, 3), T0, CONFIG);
    assertEquals(new Schedule.Idle(T0.plusSeconds(60)), next(s, T0));
    assertEquals(new Schedule.Reconcile("c2"), next(s.due().afterFetch("c2", 1), T0));
  }

  @Test
  void aRestartResumesFromTheStoredCommit() {
    WatchState s =
        WatchState.resume(Optional.of("c1"), Optional.of(T0), T0, CONFIG.driftInterval());
    assertEquals(new Schedule.Idle(T0.plusSeconds(60)), next(s.afterFetch("c1", 0), T0));
    assertEquals(new Schedule.Reconcile("c2"), next(s.afterFetch("c2", 1), T0));
  }
}
