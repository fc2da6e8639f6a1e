package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read cache through the command line: where it lives, which read runs, and why. */
class ReadCacheE2ETest {
  private static final Pattern REQUESTS = Pattern.compile("read Okta in (\\d+) requests");

  @TempDir Path tmp;

  private static int requests(Cli.Result r) {
    Matcher m = REQUESTS.matcher(r.err());
    assertTrue(m.find(), r.err());
    return Integer.parseInt(m.group(1));
  }

  @Test
  void aSecondPlanReadsIncrementallyFromTheDefaultCache() throws Exception {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      Cli.Result first = e.run("plan");
      assertEquals(ExitCode.OK, first.code(), first.toString());
      assertTrue(first.err().contains("incremental read: read cache from"), first.err());
      String host = e.sandbox.url().replace("http://", "").replace(":", "_");
      Path cache = tmp.resolve("xdg-cache").resolve("okta-groups").resolve(host);
      assertTrue(Files.exists(cache.resolve("read-cache.json")), "kept under XDG_CACHE_HOME");

      Cli.Result fullRead = e.run("plan", "--full-read");
      assertTrue(fullRead.err().contains("full read: --full-read"), fullRead.err());
      assertTrue(
          requests(first) * 3 < requests(fullRead),
          "incremental " + requests(first) + ", full " + requests(fullRead));

      Files.writeString(cache.resolve("read-cache.json"), "{\"schemaVersion\": 99}");
      Cli.Result foreign = e.run("plan");
      assertTrue(foreign.err().contains("schema version 99, not 1"), foreign.err());
      assertEquals(ExitCode.OK, foreign.code(), foreign.toString());
    }
  }

  @Test
  void stateDirAndMaxCacheAgeAreHonoured() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      Path dir = tmp.resolve("state");
      Cli.Result cold = e.run("plan", "--state-dir", dir.toString());
      assertTrue(cold.err().contains("full read: no read cache in " + dir), cold.err());
      assertTrue(Files.exists(dir.resolve("read-cache.json")));
      Cli.Result old = e.run("plan", "--state-dir", dir.toString(), "--max-cache-age", "0s");
      assertTrue(old.err().contains("more than the bound"), old.err());
      Cli.Result warm = e.run("plan", "--state-dir", dir.toString());
      assertTrue(warm.err().contains("incremental read"), warm.err());
    }
  }

  @Test
  void oktaGroupsYamlBoundsTheCacheAgeAndTheFlagWins() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      String dir = tmp.resolve("state").toString();
      Cli.Result cold = e.run("plan", "--state-dir", dir);
      assertEquals(ExitCode.OK, cold.code(), cold.toString());
      e.write("okta-groups.yaml", e.read("okta-groups.yaml") + "\nreadCache:\n  maxAge: 0s\n");

      Cli.Result fromFile = e.run("plan", "--state-dir", dir);
      assertEquals(ExitCode.OK, fromFile.code(), fromFile.toString());
      assertTrue(fromFile.err().contains("more than the bound of 0"), fromFile.err());
      assertTrue(fromFile.err().contains("readCache.maxAge"), "names the key: " + fromFile.err());

      Cli.Result flag = e.run("plan", "--state-dir", dir, "--max-cache-age", "1h");
      assertTrue(flag.err().contains("incremental read: read cache from"), flag.err());
    }
  }
}
