package dev.oktagroups.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.cli.EmbeddedSandbox;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.sandbox.Faults;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code okta-groups watch} as a process from the packaged jar, with its embedded sandbox: it
 * converges, answers /healthz, and on SIGTERM stops promptly and releases its lock.
 */
class WatchProcessIT {
  private static final String JAR = System.getProperty("okta-groups.jar", "target/okta-groups.jar");

  @Test
  void sigtermStopsTheWatcherPromptlyAndCleanly(@TempDir Path tmp) throws Exception {
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Repo.copyOwnGroups(git.dir);
      String head = git.commit("groups");
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      Path log = tmp.resolve("watch.log");
      Process p =
          new ProcessBuilder(
                  "java",
                  "-jar",
                  Path.of(JAR).toAbsolutePath().toString(),
                  "watch",
                  "--git-url",
                  git.dir.toString(),
                  "--sandbox",
                  "--interval",
                  "1s",
                  "--listen",
                  "127.0.0.1:" + port,
                  "--state-dir",
                  tmp.resolve("state").toString(),
                  "--git-cache",
                  tmp.resolve("cache").toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        String health = "";
        while (!health.contains("\"lastAppliedCommit\" : \"" + head + "\"")) {
          assertTrue(
              System.currentTimeMillis() < deadline,
              "not converged:\n" + health + "\n" + Files.readString(log));
          Thread.sleep(200);
          try {
            health =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body();
          } catch (java.io.IOException notYet) {
            // still starting
          }
        }
        assertTrue(health.contains("\"status\" : \"ok\""), health);
      } finally {
        long t0 = System.nanoTime();
        p.destroy(); // SIGTERM
        assertTrue(
            p.waitFor(20, TimeUnit.SECONDS),
            "the watcher did not stop on SIGTERM:\n" + Files.readString(log));
        assertTrue(
            System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2),
            "no write was in flight, so the stop takes under 2 s");
        assertEquals(0, p.exitValue(), "a watcher stopped by SIGTERM exits 0 (docs/exit-codes.md)");
      }
      String out = Files.readString(log);
      assertTrue(out.contains("stopping: the writes in flight finish, nothing new starts"), out);
      assertTrue(out.contains("okta-groups watch: stopped"), out);
      assertEquals(-1, out.indexOf("Exception"), out);
      assertTrue(Files.readString(tmp.resolve("state/state.json")).contains(head));
    }
  }

  /**
   * The watcher reads an org (a sandbox of this test's, so its faults are ours to set) whose groups
   * bucket another client has spent for a minute: it waits on the rate-limit window, and a SIGTERM
   * then ends that wait at once. Exit 0 within 2 s, as docs/exit-codes.md gives for a watcher.
   */
  @Test
  void sigtermStopsAWatcherWaitingOnARateLimitWindowWithinTwoSeconds(@TempDir Path tmp)
      throws Exception {
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Repo.copyOwnGroups(git.dir);
      git.commit("groups");
      ValidationResult v = Pipeline.validate(DirectorySource.read(git.dir), LocalDate.now());
      EmbeddedSandbox.Options o =
          new EmbeddedSandbox.Options(0, 100, 42, "00watch-rate-limit-token-0123", 1.0, true, null);
      try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
        AtomicInteger limited = new AtomicInteger();
        s.onExchange(
            x -> {
              if (x.status() == 429) {
                limited.incrementAndGet();
              }
            });
        s.faults()
            .add(
                new Faults.Rule(
                    "GET", "/api/v1/groups", 1, 1_000, Faults.Kind.RATE_LIMIT_429, 60_000));
        Path log = tmp.resolve("watch.log");
        ProcessBuilder pb =
            new ProcessBuilder(
                    "java",
                    "-jar",
                    Path.of(JAR).toAbsolutePath().toString(),
                    "watch",
                    "--git-url",
                    git.dir.toString(),
                    "--okta-url",
                    s.url(),
                    "--interval",
                    "1s",
                    "--listen",
                    "127.0.0.1:0",
                    "--state-dir",
                    tmp.resolve("state").toString(),
                    "--git-cache",
                    tmp.resolve("cache").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("OKTA_API_TOKEN", s.token());
        Process p = pb.start();
        try {
          long deadline = System.currentTimeMillis() + 60_000;
          while (limited.get() == 0) {
            assertTrue(
                System.currentTimeMillis() < deadline && p.isAlive(),
                "the watcher never met the 429:\n" + Files.readString(log));
            Thread.sleep(20);
          }
          int met = limited.get();
          Thread.sleep(500); // now well inside its wait for a window a minute away
          assertEquals(met, limited.get(), "a wait for the announced reset, not a retry loop");
        } finally {
          long t0 = System.nanoTime();
          p.destroy(); // SIGTERM
          assertTrue(
              p.waitFor(20, TimeUnit.SECONDS),
              "the watcher did not stop on SIGTERM:\n" + Files.readString(log));
          long ms = (System.nanoTime() - t0) / 1_000_000;
          assertTrue(
              ms < 2000, "a wait for a rate-limit window is abandoned at once: " + ms + " ms");
          assertEquals(
              0, p.exitValue(), "a watcher stopped by SIGTERM exits 0 (docs/exit-codes.md)");
        }
        String out = Files.readString(log);
        assertTrue(out.contains("stopping: the writes in flight finish, nothing new starts"), out);
        // Printed when the loop ends of itself: the wait was abandoned, not cut short by the hook.
        assertTrue(out.contains("okta-groups watch: stopped"), out);
        assertEquals(-1, out.indexOf("Exception"), out);
      }
    }
  }
}
