package dev.oktagroups.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.source.RepoSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Look-ups that only inform may fail without failing a reconcile, but never silently. */
class WatcherLookupErrorTest {
  @TempDir Path tmp;

  /** A branch whose lag and touched-groups answers fail. */
  static final class BrokenLookups implements Watcher.Source {
    String head = "c1";

    @Override
    public String fetch() {
      return head;
    }

    @Override
    public RepoSnapshot read(String commit) {
      return new RepoSnapshot("fake", Optional.of(commit), Optional.empty(), List.of());
    }

    @Override
    public int lag(String base, String h) {
      throw new IllegalStateException("missing object " + base);
    }

    @Override
    public String touched(Optional<String> base, String h) {
      throw new IllegalStateException("cannot diff " + h);
    }
  }

  final WatcherTest.MovableClock clock = new WatcherTest.MovableClock();
  final BrokenLookups source = new BrokenLookups();
  final WatcherTest.FakeEngine engine = new WatcherTest.FakeEngine();
  final List<String> log = new ArrayList<>();
  final Metrics metrics = new Metrics();

  private Watcher watcher(StateStore store) {
    Watcher.Config config =
        new Watcher.Config(
            "https://org.okta.com",
            "main",
            Duration.ofSeconds(60),
            Duration.ofMinutes(30),
            Duration.ofMinutes(15),
            Duration.ofHours(8));
    return new Watcher(config, source, engine, store, clock, log::add, metrics);
  }

  @Test
  void aFailedLagCountIsLoggedAndCountedAndTheHeadIsStillReconciled() {
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      w.tick();
      source.head = "c2";
      engine.answers.add(new Watcher.Result(Watcher.Kind.FAILED, 1, 0, 1, "Okta answered 500"));
      w.tick();
      assertEquals(List.of("c1", "c2"), engine.commits);
      assertEquals(1, w.status().commitLag(), "the lag it could not count shows as 1");
      assertEquals(1, metrics.value("okta_groups_git_lookup_errors_total", "lookup", "lag"));
      assertTrue(
          log.contains(
              "cannot count the commits from c1 to c2: missing object c1;"
                  + " showing a commit lag of 1"),
          log.toString());
      assertTrue(
          metrics.render().contains("okta_groups_git_lookup_errors_total{lookup=\"lag\"} 1"));
    }
  }

  @Test
  void aFailedTouchedGroupsLookupIsLoggedAndCountedAndTheCommitIsStillApplied() {
    try (StateStore store = StateStore.open(tmp)) {
      Watcher w = watcher(store);
      w.tick();
      source.head = "c2";
      w.tick();
      assertEquals(Optional.of("c2"), w.status().lastApplied());
      assertEquals(2, metrics.value("okta_groups_git_lookup_errors_total", "lookup", "touched"));
      assertTrue(
          log.contains(
              "cannot name the groups commit c2 touches: cannot diff c2; reconciling it anyway"),
          log.toString());
      assertTrue(log.contains("reconciling commit c2"), log.toString());
    }
  }
}
