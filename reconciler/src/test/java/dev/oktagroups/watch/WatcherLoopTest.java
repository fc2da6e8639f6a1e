package dev.oktagroups.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.source.RepoSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's signalling, with latches instead of sleeps; the interval is too long to matter. */
class WatcherLoopTest {
  @TempDir Path tmp;

  /** Holds the first reconcile until the test lets it go; counts every reconcile it starts. */
  static final class HeldEngine implements Watcher.Engine {
    final List<String> commits = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstStarted = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);
    final CountDownLatch secondDone = new CountDownLatch(1);

    @Override
    public Watcher.Result reconcile(RepoSnapshot snapshot, BooleanSupplier stop) {
      commits.add(snapshot.commit().orElseThrow());
      if (commits.size() == 1) {
        firstStarted.countDown();
        try {
          releaseFirst.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        secondDone.countDown();
      }
      return new Watcher.Result(Watcher.Kind.APPLIED, 1, 1, 1, "1 to create");
    }
  }

  @Test
  void aPokeDuringAReconcileStartsTheNextRoundWithoutWaitingAndStopEndsTheLoop() throws Exception {
    WatcherTest.FakeSource source = new WatcherTest.FakeSource();
    HeldEngine engine = new HeldEngine();
    Duration hour = Duration.ofHours(1);
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w =
          new Watcher(
              new Watcher.Config("https://org.okta.com", "main", hour, hour, hour, hour),
              source,
              engine,
              store,
              Clock.systemUTC(),
              line -> {},
              new Metrics());
      Thread loop = new Thread(w::run, "watch-loop-test");
      loop.start();
      assertTrue(engine.firstStarted.await(10, TimeUnit.SECONDS));
      source.head = "c2";
      w.poke(); // arrives while c1 is in flight: it must not be lost
      engine.releaseFirst.countDown();
      assertTrue(engine.secondDone.await(10, TimeUnit.SECONDS), "the poke was lost");
      assertEquals(List.of("c1", "c2"), engine.commits);
      w.stop();
      loop.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(loop.isAlive(), "run() returns after stop()");
      assertFalse(w.status().running());
    }
  }
}
