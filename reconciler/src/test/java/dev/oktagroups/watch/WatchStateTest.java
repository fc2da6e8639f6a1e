package dev.oktagroups.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The watcher's transitions, each from a plain state and a given instant. */
class WatchStateTest {
  static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
  static final Watcher.Config CONFIG =
      new Watcher.Config(
          "https://org.okta.com",
          "main",
          Duration.ofSeconds(60),
          Duration.ofMinutes(30),
          Duration.ofMinutes(15),
          Duration.ofHours(8));

  static Watcher.Result result(Watcher.Kind kind, int planned) {
    return new Watcher.Result(kind, planned, kind == Watcher.Kind.APPLIED ? planned : 0, 3, "msg");
  }

  static WatchState fresh() {
    return WatchState.resume(Optional.empty(), Optional.empty(), T0, CONFIG.driftInterval());
  }

  static WatchState appliedAt(String commit, Instant at) {
    return fresh()
        .afterFetch(commit, 1)
        .afterReconcile(commit, false, result(Watcher.Kind.APPLIED, 1), at, CONFIG);
  }

  @Test
  void aResumedStateStartsFromTheStoredCommitWithAFetchDue() {
    WatchState s =
        WatchState.resume(
            Optional.of("c1"), Optional.of(T0.minusSeconds(5)), T0, CONFIG.driftInterval());
    assertEquals(WatchState.Phase.FETCH_DUE, s.phase());
    assertEquals(Optional.of("c1"), s.lastApplied());
    assertEquals(Optional.of(T0.minusSeconds(5)), s.lastSuccessAt());
    assertEquals(T0.plus(CONFIG.driftInterval()), s.drift().nextAt());
    assertEquals(0, s.backoff().failures());
  }

  @Test
  void aFetchRecordsTheHeadAndItsLag() {
    assertEquals(1, fresh().afterFetch("c1", 7).commitLag(), "nothing applied: a lag of one");
    WatchState applied = appliedAt("c1", T0);
    assertEquals(0, applied.afterFetch("c1", 7).commitLag());
    assertTrue(applied.behind("c4"));
    WatchState fetched = applied.afterFetch("c4", 3);
    assertEquals(3, fetched.commitLag());
    assertEquals(Optional.of("c4"), fetched.head());
    assertEquals(WatchState.Phase.FETCHED, fetched.phase());
  }

  @Test
  void aSuccessRecordsTheCommitClearsTheErrorAndRestartsTheDriftTimer() {
    Instant t1 = T0.plusSeconds(90);
    WatchState s =
        fresh()
            .afterFetch("c1", 1)
            .failed(Optional.of("c1"), "boom", T0, CONFIG)
            .afterReconcile("c1", false, result(Watcher.Kind.NOOP, 0), t1, CONFIG);
    assertEquals(Optional.of("c1"), s.lastApplied());
    assertEquals(Optional.of(t1), s.lastSuccessAt());
    assertEquals(WatchState.Backoff.NONE, s.backoff());
    assertEquals(Optional.empty(), s.lastError());
    assertEquals(Optional.of(T0), s.lastErrorAt(), "when the last error happened is kept");
    assertEquals(t1.plus(CONFIG.driftInterval()), s.drift().nextAt());
    assertEquals(0, s.commitLag());
    assertEquals(WatchState.Phase.SETTLED, s.phase());
  }

  @Test
  void failuresBackOffExponentiallyUpToMaxBackoff() {
    WatchState s = fresh().afterFetch("c1", 1);
    long[] expectedSeconds = {60, 120, 240, 480, 900, 900, 900};
    for (long expected : expectedSeconds) {
      s = s.failed(Optional.of("c1"), "Okta answered 500", T0, CONFIG);
      assertEquals(Optional.of(T0.plusSeconds(expected)), s.backoff().retryAt());
    }
    assertEquals(7, s.backoff().failures());
    assertEquals(Optional.of("Okta answered 500"), s.lastError());
    for (int i = 0; i < 100; i++) {
      s = s.failed(Optional.of("c1"), "still down", T0, CONFIG);
    }
    assertEquals(Optional.of(T0.plus(CONFIG.maxBackoff())), s.backoff().retryAt(), "no overflow");
  }

  @Test
  void aRefusalIsAFailureNamingTheCommit() {
    WatchState s =
        fresh()
            .afterFetch("0123456789abcdef", 1)
            .afterReconcile(
                "0123456789abcdef", false, result(Watcher.Kind.REFUSED, 40), T0, CONFIG);
    assertEquals(1, s.backoff().failures());
    assertEquals(Optional.of("0123456789abcdef"), s.backoff().commit());
    assertEquals(Optional.of("commit 01234567: msg"), s.lastError());
  }

  @Test
  void anInvalidCommitIsReportedNotAppliedAndClearedByTheNextValidHead() {
    WatchState s =
        appliedAt("c1", T0)
            .afterFetch("c2", 1)
            .afterReconcile("c2", false, result(Watcher.Kind.INVALID, 0), T0, CONFIG);
    assertEquals(Optional.of("c1"), s.lastApplied());
    assertEquals(Optional.of("c2"), s.invalidCommit());
    assertTrue(s.lastError().orElseThrow().contains("invalid manifests"));
    WatchState drift =
        s.afterReconcile("c1", true, result(Watcher.Kind.NOOP, 0), T0.plusSeconds(1), CONFIG);
    assertEquals(Optional.of("c2"), drift.invalidCommit(), "a drift check does not clear it");
    WatchState next =
        drift
            .afterFetch("c3", 1)
            .afterReconcile("c3", false, result(Watcher.Kind.APPLIED, 1), T0, CONFIG);
    assertEquals(Optional.empty(), next.invalidCommit());
    assertEquals(Optional.of("c3"), next.lastApplied());
  }

  @Test
  void aDriftCheckRecordsWhatItFoundAndCountsCorrections() {
    Instant t1 = T0.plus(Duration.ofMinutes(31));
    WatchState s =
        appliedAt("c1", T0)
            .afterFetch("c1", 0)
            .afterReconcile("c1", true, result(Watcher.Kind.APPLIED, 2), t1, CONFIG);
    assertEquals(Optional.of(t1), s.drift().lastCheckAt());
    assertEquals(2, s.drift().lastChanges());
    assertEquals(1, s.drift().corrections());
    assertEquals(t1.plus(CONFIG.driftInterval()), s.drift().nextAt());
    Instant t2 = t1.plus(Duration.ofMinutes(31));
    WatchState clean = s.afterReconcile("c1", true, result(Watcher.Kind.NOOP, 0), t2, CONFIG);
    assertEquals(0, clean.drift().lastChanges());
    assertEquals(1, clean.drift().corrections());
  }

  @Test
  void aStoppedReconcileRecordsNothing() {
    WatchState before = appliedAt("c1", T0).afterFetch("c2", 1);
    WatchState s = before.afterReconcile("c2", false, result(Watcher.Kind.STOPPED, 3), T0, CONFIG);
    assertEquals(Optional.of("c1"), s.lastApplied());
    assertEquals(before.backoff(), s.backoff());
    assertEquals(WatchState.Phase.SETTLED, s.phase());
  }

  @Test
  void aPauseIsKeptUntilTheFileSaysOtherwise() {
    WatchState s = fresh().afterFetch("c1", 1).withPause(Optional.of("INC-1"));
    assertEquals(Optional.of("INC-1"), s.afterFetch("c2", 1).paused());
    assertEquals(Optional.empty(), s.withPause(Optional.empty()).paused());
  }
}
