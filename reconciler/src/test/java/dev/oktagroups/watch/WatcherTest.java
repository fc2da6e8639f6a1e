package dev.oktagroups.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.source.RepoSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's decisions, driven tick by tick with a hand-moved clock and fakes for Git and Okta. */
class WatcherTest {
  @TempDir Path tmp;

  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-11-29T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A branch whose head tests move; commits named c1, c2, ... */
  static final class FakeSource implements Watcher.Source {
    String head = "c1";
    int fetches;

    @Override
    public String fetch() {
      fetches++;
      return head;
    }

    @Override
    public RepoSnapshot read(String commit) {
      return new RepoSnapshot("fake", Optional.of(commit), Optional.empty(), List.of());
    }

    @Override
    public int lag(String base, String h) {
      return Integer.parseInt(h.substring(1)) - Integer.parseInt(base.substring(1));
    }

    @Override
    public String touched(Optional<String> base, String h) {
      return "touched";
    }
  }

  /**
   * Records the commits it is asked to reconcile; answers from a queue, else APPLIED with 1 change.
   */
  static final class FakeEngine implements Watcher.Engine {
    final List<String> commits = Collections.synchronizedList(new ArrayList<>());
    final Deque<Watcher.Result> answers = new ArrayDeque<>();

    @Override
    public Watcher.Result reconcile(RepoSnapshot snapshot, BooleanSupplier stop) {
      commits.add(snapshot.commit().orElseThrow());
      Watcher.Result r = answers.poll();
      return r != null ? r : new Watcher.Result(Watcher.Kind.APPLIED, 1, 1, 5, "1 to create");
    }
  }

  final MovableClock clock = new MovableClock();
  final FakeSource source = new FakeSource();
  final FakeEngine engine = new FakeEngine();
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final Metrics metrics = new Metrics();

  private Watcher watcher(StateStore store) {
    return new Watcher(
        new Watcher.Config(
            "https://org.okta.com",
            "main",
            Duration.ofSeconds(60),
            Duration.ofMinutes(30),
            Duration.ofMinutes(15),
            Duration.ofHours(8)),
        source,
        engine,
        store,
        clock,
        log::add,
        metrics);
  }

  @Test
  void reconcilesANewHeadOnceAndCoalescesABurstOfCommits() {
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      w.tick();
      assertEquals(List.of("c1"), engine.commits);
      w.tick();
      assertEquals(List.of("c1"), engine.commits, "an applied head is not reconciled again");
      source.head = "c4"; // c2, c3 and c4 arrived between two polls
      w.tick();
      assertEquals(List.of("c1", "c4"), engine.commits, "only the newest of a burst is reconciled");
      assertEquals("c4", w.status().lastApplied().orElseThrow());
      assertEquals(0, w.status().commitLag());
      assertEquals(2, metrics.value("okta_groups_reconciles_total", "result", "applied"));
      assertEquals(2, metrics.value("okta_groups_changes_applied_total"));
      assertEquals(10, metrics.value("okta_groups_api_calls_total"));
    }
  }

  @Test
  void anInvalidCommitIsNeverAppliedAndTheWatcherStaysOnTheLastGoodOne() {
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      w.tick();
      source.head = "c2";
      engine.answers.add(
          new Watcher.Result(
              Watcher.Kind.INVALID, 0, 0, 0, "1 error, first groups/x.yaml:3:1: unknown key"));
      w.tick();
      assertEquals("c1", w.status().lastApplied().orElseThrow());
      assertEquals("c2", w.status().invalidCommit().orElseThrow());
      assertEquals(1, w.status().commitLag());
      assertTrue(w.status().lastError().orElseThrow().contains("invalid manifests"));
      assertEquals(1, metrics.value("okta_groups_invalid_commit"));
      w.tick();
      assertEquals(List.of("c1", "c2"), engine.commits, "an invalid head is not retried");
      // At the drift interval the last good commit is checked again, not the invalid one.
      clock.advance(Duration.ofMinutes(31));
      w.tick();
      assertEquals(List.of("c1", "c2", "c1"), engine.commits);
      assertEquals(
          "c2", w.status().invalidCommit().orElseThrow(), "still reported after a drift check");
      source.head = "c3";
      w.tick();
      assertEquals("c3", w.status().lastApplied().orElseThrow());
      assertTrue(w.status().invalidCommit().isEmpty());
      assertEquals(0, metrics.value("okta_groups_invalid_commit"));
    }
  }

  @Test
  void aFailingReconcileBacksOffExponentiallyAndANewHeadIsTriedAtOnce() {
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      for (int i = 0; i < 3; i++) {
        engine.answers.add(new Watcher.Result(Watcher.Kind.FAILED, 2, 0, 3, "Okta answered 500"));
      }
      w.tick();
      assertEquals(1, engine.commits.size());
      assertEquals(clock.now.plusSeconds(60), w.status().retryAt().orElseThrow());
      clock.advance(Duration.ofSeconds(30));
      w.tick();
      assertEquals(1, engine.commits.size(), "not retried before the backoff ends");
      clock.advance(Duration.ofSeconds(30));
      w.tick();
      assertEquals(2, engine.commits.size());
      assertEquals(
          clock.now.plusSeconds(120), w.status().retryAt().orElseThrow(), "the wait doubles");
      source.head = "c2";
      w.tick();
      assertEquals(
          List.of("c1", "c1", "c2"), engine.commits, "a new head does not wait for the backoff");
      assertEquals(3, w.status().consecutiveFailures());
      assertTrue(w.status().lastApplied().isEmpty());
      w.tick(); // c2 failed too (third answer); backing off
      clock.advance(Duration.ofMinutes(20));
      w.tick();
      assertEquals("c2", w.status().lastApplied().orElseThrow());
      assertEquals(0, w.status().consecutiveFailures());
      assertEquals(3, metrics.value("okta_groups_failures_total"));
    }
  }

  @Test
  void backoffIsCappedAtMaxBackoff() {
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      for (int i = 0; i < 12; i++) {
        engine.answers.add(new Watcher.Result(Watcher.Kind.REFUSED, 40, 0, 3, "refused"));
        w.tick();
        clock.advance(Duration.ofHours(1));
      }
      assertTrue(
          Duration.between(clock.now.minus(Duration.ofHours(1)), w.status().retryAt().orElseThrow())
                  .compareTo(Duration.ofMinutes(15))
              <= 0);
    }
  }

  @Test
  void driftIsCheckedAtTheIntervalAndReported() {
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      w.tick();
      clock.advance(Duration.ofMinutes(29));
      w.tick();
      assertEquals(1, engine.commits.size(), "not yet");
      clock.advance(Duration.ofMinutes(2));
      engine.answers.add(
          new Watcher.Result(Watcher.Kind.APPLIED, 2, 2, 9, "1 to update, 1 member to remove"));
      w.tick();
      assertEquals(List.of("c1", "c1"), engine.commits);
      assertEquals(2, w.status().lastDriftChanges());
      assertEquals(1, w.status().driftCorrections());
      assertEquals(2, metrics.value("okta_groups_drift_changes"));
      assertEquals(1, metrics.value("okta_groups_drift_checks_total"));
      assertTrue(
          log.stream().anyMatch(l -> l.contains("drift corrected: 2 changes")), log.toString());
      clock.advance(Duration.ofMinutes(31));
      engine.answers.add(new Watcher.Result(Watcher.Kind.NOOP, 0, 0, 9, "no changes"));
      w.tick();
      assertEquals(0, w.status().lastDriftChanges());
      assertEquals(1, w.status().driftCorrections());
    }
  }

  @Test
  void aRestartResumesFromTheRecordedCommitWithoutRepeatingIt() {
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      w.tick();
      source.head = "c2";
      engine.answers.add(
          new Watcher.Result(Watcher.Kind.STOPPED, 3, 1, 4, "stopped after 1 of 3 changes"));
      w.tick(); // shut down mid-way: c2 is not recorded
    }
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      assertEquals("c1", w.status().lastApplied().orElseThrow());
      w.tick();
      assertEquals(
          List.of("c1", "c2", "c2"),
          engine.commits,
          "the interrupted commit is done again, c1 is not");
    }
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      w.tick();
      assertEquals(3, engine.commits.size(), "after a clean restart nothing is repeated");
    }
  }

  @Test
  void aBreakGlassFilePausesEverythingUntilRemovedOrExpired() throws Exception {
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      w.tick();
      java.nio.file.Path file = tmp.resolve(Watcher.BREAK_GLASS_FILE);
      java.nio.file.Files.writeString(file, "INC-4711: emergency offboarding in the console\n");
      java.nio.file.Files.setLastModifiedTime(
          file, java.nio.file.attribute.FileTime.from(clock.now));
      source.head = "c2";
      clock.advance(Duration.ofMinutes(45)); // a new commit and a drift check are both due
      w.tick();
      assertEquals(List.of("c1"), engine.commits, "nothing is applied while paused");
      assertTrue(w.status().paused().orElseThrow().startsWith("INC-4711"), w.status().toString());
      assertEquals(1, metrics.value("okta_groups_paused"));
      assertTrue(log.stream().anyMatch(l -> l.startsWith("PAUSED by ")), log.toString());
      java.nio.file.Files.delete(file);
      w.tick();
      assertEquals(List.of("c1", "c2"), engine.commits, "removing the file resumes");
      assertTrue(w.status().paused().isEmpty());

      java.nio.file.Files.writeString(file, "forgotten");
      java.nio.file.Files.setLastModifiedTime(
          file, java.nio.file.attribute.FileTime.from(clock.now));
      source.head = "c3";
      w.tick();
      assertEquals(2, engine.commits.size());
      clock.advance(Duration.ofHours(9)); // past the 8-hour limit
      w.tick();
      assertEquals(
          "c3", engine.commits.get(engine.commits.size() - 1), "a forgotten pause expires");
    }
  }

  @Test
  void onlyOneWatcherMayHoldTheStateDirectory() {
    try (StateStore first = StateStore.open(tmp)) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> StateStore.open(tmp));
      assertTrue(e.getMessage().contains("another watcher is running"), e.getMessage());
      assertTrue(first.dir().equals(tmp));
    }
    StateStore.open(tmp).close(); // released
  }

  @Test
  void aStateForAnotherOrgIsRefused() {
    try (StateStore store = StateStore.open(tmp)) {
      store.save(
          new StateStore.Durable(
              "https://other.okta.com", "main", Optional.of("c9"), Optional.of(clock.now)));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> watcher(store));
      assertTrue(e.getMessage().contains("belongs to https://other.okta.com"));
    }
  }

  @Test
  void runStopsWhenAskedAndAPokeWakesItEarly() throws Exception {
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w =
          new Watcher(
              new Watcher.Config(
                  "https://org.okta.com",
                  "main",
                  Duration.ofHours(1),
                  Duration.ofHours(2),
                  Duration.ofHours(1),
                  Duration.ofHours(8)),
              source,
              engine,
              store,
              Clock.systemUTC(),
              log::add,
              metrics);
      CountDownLatch done = new CountDownLatch(1);
      Thread t =
          new Thread(
              () -> {
                w.run();
                done.countDown();
              });
      t.start();
      long deadline = System.currentTimeMillis() + 5000;
      while (engine.commits.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(List.of("c1"), engine.commits);
      source.head = "c2";
      w.poke(); // the interval is an hour: only the poke can make this happen now
      deadline = System.currentTimeMillis() + 5000;
      while (engine.commits.size() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(List.of("c1", "c2"), engine.commits);
      assertTrue(w.status().running());
      w.stop();
      assertTrue(done.await(5, TimeUnit.SECONDS), "run() returns after stop()");
      assertFalse(w.status().running());
    }
  }
}
