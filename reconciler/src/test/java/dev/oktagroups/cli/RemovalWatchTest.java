package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.watch.Metrics;
import dev.oktagroups.watch.StateStore;
import dev.oktagroups.watch.Watcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The removal watch's pace: a short {@code --removal-poll} must not spend the System Log bucket
 * faster than the rate-limit share spreads it, or the polls go quiet for the rest of each minute.
 */
class RemovalWatchTest {
  @TempDir Path tmp;

  /** Polls for one second, and counts them. */
  private int pollsInOneSecond(Duration every, Duration spacing) throws Exception {
    AtomicInteger polls = new AtomicInteger();
    Watcher.Source source =
        new Watcher.Source() {
          @Override
          public String fetch() {
            return "c1";
          }

          @Override
          public RepoSnapshot read(String commit) {
            throw new IllegalStateException("not read: nothing was applied");
          }

          @Override
          public int lag(String base, String head) {
            return 0;
          }

          @Override
          public String touched(Optional<String> base, String head) {
            return "";
          }
        };
    Duration hour = Duration.ofHours(1);
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w =
          new Watcher(
              new Watcher.Config("https://org.okta.com", "main", hour, hour, hour, hour),
              source,
              (snapshot, stop) -> {
                throw new IllegalStateException("not reconciled in this test");
              },
              store,
              Clock.systemUTC(),
              line -> {},
              new Metrics());
      RemovalWatch.Poller poller =
          new RemovalWatch.Poller(
              notice -> {
                polls.incrementAndGet();
                return Set.of();
              },
              () -> spacing);
      try (RemovalWatch watch = new RemovalWatch(poller, w, source, every, line -> {}).start()) {
        Thread.sleep(1000);
      }
    }
    return polls.get();
  }

  @Test
  void theAppliedCommitIsTakenAsTheReconcilePreparedItNotPreparedAgain() throws Exception {
    Path repo = Repo.copyOwnGroups(tmp.resolve("repo"));
    RepoSnapshot dir = DirectorySource.read(repo);
    Preparation.Prepared c1 =
        (Preparation.Prepared)
            Pipeline.prepare(
                new RepoSnapshot(dir.origin(), Optional.of("c1"), dir.config(), dir.files()),
                LocalDate.now());
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger asked = new AtomicInteger();
    Watcher.Source source =
        new Watcher.Source() {
          @Override
          public String fetch() {
            return "c1";
          }

          @Override
          public RepoSnapshot read(String commit) {
            reads.incrementAndGet();
            throw new IllegalStateException("read again");
          }

          @Override
          public int lag(String base, String head) {
            return 0;
          }

          @Override
          public String touched(Optional<String> base, String head) {
            return "";
          }
        };
    Duration hour = Duration.ofHours(1);
    Path state = tmp.resolve("state");
    try (StateStore store = StateStore.open(state)) {
      store.save(
          new StateStore.Durable(
              "https://org.okta.com", "main", Optional.of("c1"), Optional.of(Instant.now())));
      Watcher w =
          new Watcher(
              new Watcher.Config("https://org.okta.com", "main", hour, hour, hour, hour),
              source,
              (snapshot, stop) -> {
                throw new IllegalStateException("not reconciled in this test");
              },
              store,
              Clock.systemUTC(),
              line -> {},
              new Metrics());
      RemovalWatch.Poller poller =
          new RemovalWatch.Poller(notice -> Set.of("app.figma.admins"), () -> Duration.ZERO);
      try (RemovalWatch watch =
          new RemovalWatch(
                  poller,
                  w,
                  source,
                  commit -> {
                    asked.incrementAndGet();
                    return commit.equals("c1") ? Optional.of(c1) : Optional.empty();
                  },
                  Duration.ofMillis(20),
                  line -> {})
              .start()) {
        Thread.sleep(300);
      }
    }
    assertTrue(asked.get() >= 1, "the watch asked for the prepared commit");
    assertEquals(0, reads.get(), "the applied commit was read and prepared again");
  }

  @Test
  void theShareSpacingWinsOverAShorterPollInterval() throws Exception {
    int n = pollsInOneSecond(Duration.ofMillis(10), Duration.ofMillis(300));
    // At 10 ms about a hundred; spaced at 300 ms, at most four (0, 300, 600, 900 ms).
    assertTrue(n >= 1 && n <= 5, n + " polls in one second");
  }

  @Test
  void theConfiguredIntervalWinsOverAShorterSpacing() throws Exception {
    int n = pollsInOneSecond(Duration.ofMillis(100), Duration.ZERO);
    assertTrue(n >= 3 && n <= 12, n + " polls in one second");
  }
}
