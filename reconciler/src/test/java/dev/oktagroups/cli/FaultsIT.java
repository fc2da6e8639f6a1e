package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.sandbox.Faults;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.testing.Storm;
import dev.oktagroups.validate.ValidationResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply as a separate process (the packaged jar) against a sandbox that injects faults: 503 on
 * every fifth write, resets, latency, lost create answers, kill -9 after about 10%, 50% and 90% of
 * the change lines of a 150-change apply, two applies started together, and a 429 storm from
 * another client. A thread polls the sandbox throughout and records any wanted membership, app
 * assignment or push mapping that goes missing, even for a moment. After a clean re-run the org is
 * converged with no duplicates.
 */
class FaultsIT {
  private static final String JAR = System.getProperty("okta-groups.jar", "target/okta-groups.jar");
  private static final String PREFIX = "app.figma.ft_";

  /** Each new group is five changes: the group, three members, the app assignment. */
  private static final int NEW_GROUPS = 30;

  private static final int CHANGES = NEW_GROUPS * 5;
  private static final Pattern CHANGE_LINE = Pattern.compile("\\[(\\d+)/(\\d+)\\]");

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

  /**
   * Polls the sandbox and keeps every key that went missing: a wanted one (what the org had before
   * the faults) at any poll, and any other once it had appeared. Access the faulty runs granted
   * must not come and go either.
   */
  static final class Watchdog implements AutoCloseable {
    final Set<String> missing = new TreeSet<>();
    final Set<String> lostAfterGrant = new TreeSet<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final Thread thread;
    volatile int polls;

    Watchdog(Sandbox s, Set<String> wanted) {
      Set<String> granted = new HashSet<>(wanted);
      thread =
          new Thread(
              () -> {
                while (!done.get()) {
                  Set<String> now = access(s.views().export());
                  synchronized (this) {
                    for (String w : granted) {
                      if (!now.contains(w)) {
                        (wanted.contains(w) ? missing : lostAfterGrant).add(w);
                      }
                    }
                  }
                  granted.addAll(now);
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

  /** An apply process whose output is copied to the log as it comes, its change lines counted. */
  static final class Apply {
    final Process process;
    final AtomicInteger lines = new AtomicInteger();
    final AtomicInteger planned = new AtomicInteger(-1);
    private final Thread pump;

    Apply(Path repo, Sandbox s, Path log) throws Exception {
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
              .redirectErrorStream(true);
      pb.environment().put("OKTA_API_TOKEN", s.token());
      process = pb.start();
      pump =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Matcher m = CHANGE_LINE.matcher(line);
                    if (m.find()) {
                      planned.compareAndSet(-1, Integer.parseInt(m.group(2)));
                      lines.incrementAndGet();
                    }
                    synchronized (FaultsIT.class) {
                      Files.writeString(
                          log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                  }
                } catch (IOException e) {
                  // the process was killed: its output ends here
                }
              },
              "apply-output");
      pump.setDaemon(true);
      pump.start();
    }

    /** How many of the 150 changes were done before this run began and since. */
    int doneOfAll() {
      int n = planned.get();
      return n < 0 ? -1 : CHANGES - n + lines.get();
    }

    int await(Path log) throws Exception {
      assertTrue(process.waitFor(2, TimeUnit.MINUTES), "apply hung:\n" + Files.readString(log));
      pump.join(5000);
      return process.exitValue();
    }
  }

  /**
   * A fault-free apply, in this JVM: only the runs under faults need a process of their own, and
   * each process start costs seconds on a busy machine.
   */
  private static int run(Path repo, Sandbox s, Path log) throws Exception {
    Cli.Result r =
        Cli.create()
            .clock(Clock.systemUTC())
            .env("OKTA_API_TOKEN", s.token())
            .run("apply", "--auto-approve", "--repo", repo.toString(), "--okta-url", s.url());
    note(log, "in-process apply, exit " + r.code() + "\n" + r.out() + r.err());
    return r.code();
  }

  /**
   * Starts an apply and kills it with SIGKILL once {@code target} of the 150 changes are done,
   * counting this run's change lines after those earlier runs did; returns where it was killed.
   */
  private static int killAt(int target, Path repo, Sandbox s, Path log) throws Exception {
    Apply a = new Apply(repo, s, log);
    long deadline = System.currentTimeMillis() + 60_000;
    while (a.doneOfAll() < target && a.process.isAlive()) {
      assertTrue(System.currentTimeMillis() < deadline, Files.readString(log));
      Thread.sleep(2);
    }
    assertTrue(a.process.isAlive(), "the apply ended before the kill:\n" + Files.readString(log));
    a.process.destroyForcibly(); // SIGKILL: no hook runs
    assertTrue(a.process.waitFor(20, TimeUnit.SECONDS));
    a.pump.join(5000);
    int at = a.doneOfAll();
    note(log, "killed at change " + at + " of " + CHANGES + " (aimed at " + target + ")");
    return at;
  }

  private static void note(Path log, String what) throws IOException {
    synchronized (FaultsIT.class) {
      Files.writeString(
          log,
          "\n--- " + java.time.Instant.now() + " " + what + " ---\n",
          StandardOpenOption.APPEND);
    }
  }

  private static void addGroups(Path repo) throws Exception {
    for (int i = 0; i < NEW_GROUPS; i++) {
      String name = PREFIX + String.format("%02d", i);
      StringBuilder members = new StringBuilder();
      for (String who : List.of("drew.kim", "jamie.park", "morgan.blake")) {
        members
            .append("  - user: ")
            .append(who)
            .append("@example.com\n    reason: test\n")
            .append("    request: https://gitlab.example.com/access-requests/-/issues/3301\n");
      }
      Files.writeString(
          repo.resolve("groups/manual/" + name + ".yaml"),
          "name: "
              + name
              + "\nkind: manual\ndescription: Figma fault test "
              + i
              + "\nowners: [\"@brand-design-leads\"]\nmembers:\n"
              + members
              + "apps:\n  - app: figma\n    profile:\n      role: admin\n");
    }
  }

  /**
   * 503 on every fifth write (of every client, counted once the rate limiter let it through),
   * resets of a read and a write, lost answers to group creates (the lease's among them), and
   * latency on every member write, which spreads the apply out so that the kills land where aimed.
   */
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
        new Faults.Rule(
            "PUT", "/api/v1/groups/[^/]+/users/[^/]+", 1, 1000, Faults.Kind.LATENCY, 15));
    f.add(
        new Faults.Rule("PUT", "/api/v1/apps/[^/]+/groups/[^/]+", 1, 30, Faults.Kind.LATENCY, 20));
  }

  @Test
  void applyUnderFaultsAndKillsConvergesWithoutDuplicatesAndNobodyLosesAccess(@TempDir Path tmp)
      throws Exception {
    Path repo = Repo.copyOwnGroups(tmp.resolve("repo"));
    addGroups(repo);
    ValidationResult v = Pipeline.validate(DirectorySource.read(repo), LocalDate.now());
    assertEquals(0, v.errorCount(), v.diagnostics().toString());
    Path base = Repo.copyOwnGroups(tmp.resolve("base"));
    // Kept where the build's reports are, so a failure can be read after the run.
    Path log = Files.createDirectories(Path.of("target/faults-it")).resolve("apply.log");
    Files.writeString(log, "");
    // One Okta minute is 6 s: waits for a window stay short, yet the storm has time to spend the
    // groups bucket (250 requests) on a busy machine, which a 1 s window did not always give it.
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, 300, 42, EmbeddedSandbox.randomToken(), 10.0, true, null);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
      assertEquals(0, run(base, s, log), Files.readString(log));
      Set<String> wanted = access(s.views().export());
      assertTrue(wanted.size() > 20, wanted.toString());
      AtomicInteger stormMet = new AtomicInteger();
      s.onExchange(
          x -> {
            if (x.status() == 429 && !x.query().equals(Storm.QUERY)) {
              stormMet.incrementAndGet(); // a 429 that an apply met, not the storm itself
            }
          });
      arm(s.faults());
      try (Watchdog dog = new Watchdog(s, wanted)) {
        List<Integer> kills = new ArrayList<>();
        for (int aim : List.of(CHANGES / 10, CHANGES / 2, CHANGES * 9 / 10)) {
          int last = kills.isEmpty() ? 0 : kills.get(kills.size() - 1);
          kills.add(killAt(Math.max(aim, last + 1), repo, s, log));
        }
        assertTrue(
            kills.get(0) < kills.get(1) && kills.get(1) < kills.get(2) && kills.get(2) < CHANGES,
            "three kill points inside the apply: " + kills);
        // Two applies at once, while another client of the same token storms the groups bucket:
        // for at least 3 s and until the applies have met three of its 429s, at most 20 s.
        AtomicBoolean storming = new AtomicBoolean(true);
        Thread storm = Storm.start(s, storming);
        long spent = System.currentTimeMillis() + 20_000;
        while (s.stats().rateLimited() == 0) {
          assertTrue(System.currentTimeMillis() < spent, "the storm never spent the bucket");
          Thread.sleep(10); // the applies start into a spent bucket
        }
        Apply a = new Apply(repo, s, log);
        Apply b = new Apply(repo, s, log);
        long t0 = System.currentTimeMillis();
        while (a.process.isAlive() || b.process.isAlive()) {
          long ran = System.currentTimeMillis() - t0;
          if (ran > 20_000 || (ran > 3_000 && stormMet.get() >= 3)) {
            break;
          }
          Thread.sleep(20);
        }
        storming.set(false);
        storm.join(5000);
        int codeA = a.await(log);
        int codeB = b.await(log);
        note(log, "two applies: exits " + codeA + " and " + codeB + "; 429s met " + stormMet.get());
        assertTrue(stormMet.get() > 0, "the storm never reached the applies");
        // Neither may crash or time out on the lease; a change that gave up under the faults
        // (exit 1) is what the clean re-run below is for.
        assertTrue(codeA <= ExitCode.FAILURE, Files.readString(log));
        assertTrue(codeB <= ExitCode.FAILURE, Files.readString(log));
        s.faults().clear();
        assertEquals(0, run(repo, s, log), Files.readString(log));
        dog.close();
        assertTrue(dog.polls > 10, "the watchdog barely ran");
        assertEquals(Set.of(), dog.missing, "access went missing during the faults");
        assertEquals(Set.of(), dog.lostAfterGrant, "access granted under faults came and went");
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
    Cli.Result plan =
        Cli.create()
            .clock(Clock.systemUTC())
            .env("OKTA_API_TOKEN", s.token())
            .run("plan", "--detailed-exitcode", "--repo", repo.toString(), "--okta-url", s.url());
    assertEquals(
        0,
        plan.code(),
        "a plan after the clean re-run still has changes:\n" + plan.out() + plan.err());
  }
}
