package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.reconcile.Policy;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.watch.Watcher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The watcher takes the read cache's age bound from each commit's okta-groups.yaml. */
class WatchEngineCacheAgeTest {
  @TempDir Path tmp;

  @Test
  void eachCommitsReadCacheMaxAgeBoundsItsRead() throws Exception {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      Main main =
          new Main(
              new PrintWriter(new StringWriter()),
              new PrintWriter(new StringWriter()),
              new Env(Map.of("OKTA_API_TOKEN", e.sandbox.token()), tmp, Clock.systemUTC()));
      ReadCacheOptions flags = new ReadCacheOptions();
      try (Wiring.Target t = Wiring.connect(main, e.sandbox.url())) {
        t.useReadCache(
            main, Optional.of(tmp.resolve("cache").toString()), flags, OrgConfig.ReadCache.DEFAULT);
        WatchEngine engine =
            new WatchEngine(
                t, 2, Policy.Overrides.NONE, Duration.ofSeconds(5), flags, e.clock, l -> {});
        long cold = reconcile(engine, e.repo);
        long warm = reconcile(engine, e.repo);
        String config = e.read("okta-groups.yaml");
        e.write("okta-groups.yaml", config + "\nreadCache:\n  maxAge: 0s\n");
        long bounded = reconcile(engine, e.repo);
        assertTrue(warm * 3 < cold, "warm " + warm + ", cold " + cold);
        assertTrue(bounded > warm * 3, "0s reads in full: " + bounded + ", warm " + warm);

        new CommandLine(flags).parseArgs("--max-cache-age", "1h");
        assertTrue(reconcile(engine, e.repo) < bounded, "the flag wins over the file");
      }
    }
  }

  private static long reconcile(WatchEngine engine, Path repo) {
    Watcher.Result r = engine.reconcile(DirectorySource.read(repo), () -> false);
    assertEquals(Watcher.Kind.NOOP, r.kind(), r.message());
    return r.apiCalls();
  }
}
