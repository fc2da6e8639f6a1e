package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The watcher end to end: a real Git repository built with JGit, the real watcher loop, Git mirror,
 * engine and HTTP server, and a sandbox org over HTTP. Intervals are short so the test lives
 * through several polls and drift checks in seconds.
 */
class WatchE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "webhook-secret-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;

  private static final String FIGMA =
      """
      name: app.figma.admins
      kind: manual
      description: Figma administrators
      owners: ["@brand-design-leads"]
      members:
        - user: drew.kim@example.com
          reason: Design systems lead
          request: https://gitlab.example.com/access-requests/-/issues/3301
      apps:
        - app: figma
      """;

  /** The repository's own Sales division group. */
  private static final String SALES = Repo.read("groups/managed/div.sales.yaml");

  private static final String ENGINEERING =
      """
      name: div.engineering
      kind: managed
      description: Everyone in the Engineering division
      owners: ["@eng-ops"]
      rule:
        division: Engineering
      """;

  private final StringWriter err = new StringWriter();

  private Main main(Sandbox s) {
    Map<String, String> env = new HashMap<>();
    env.put("OKTA_API_TOKEN", s.token());
    env.put("GITLAB_WEBHOOK_SECRET", SECRET);
    env.put("HOME", tmp.toString());
    // A real clock: the watcher's intervals and drift checks run on it.
    return new Main(
        new PrintWriter(new StringWriter()),
        new PrintWriter(err, true),
        new Env(env, tmp, Clock.systemUTC()));
  }

  private WatchCommand.Running start(Main main, Sandbox s, Path repo, String interval) {
    WatchCommand cmd = new WatchCommand(main);
    new CommandLine(cmd)
        .parseArgs(
            "--git-url",
            repo.toString(),
            "--branch",
            "main",
            "--interval",
            interval,
            "--drift-interval",
            "3s",
            "--max-backoff",
            "1s",
            "--listen",
            "127.0.0.1:0",
            "--state-dir",
            tmp.resolve("state").toString(),
            "--git-cache",
            tmp.resolve("cache").toString(),
            "--okta-url",
            s.url());
    return cmd.assemble();
  }

  private static Thread loop(WatchCommand.Running r) {
    Thread t = new Thread(r.watcher::run, "watch-loop");
    t.start();
    return t;
  }

  private static void await(String what, Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(25);
    }
  }

  private static Optional<Group> group(Sandbox s, String name) {
    return s.org().allGroups().stream().filter(g -> g.name().equals(name)).findFirst();
  }

  private static String base(WatchCommand.Running r) {
    return "http://127.0.0.1:" + r.server.address().getPort();
  }

  private static JsonNode health(WatchCommand.Running r) throws Exception {
    return JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(base(r) + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static String metrics(WatchCommand.Running r) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(base(r) + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int hook(WatchCommand.Running r, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base(r) + "/hooks/gitlab"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}"));
    if (token != null) {
      b.header("X-Gitlab-Token", token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static double metric(String text, String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1));
      }
    }
    throw new AssertionError("no series " + series + " in\n" + text);
  }

  @Test
  void aWatcherPointedAtARealOrgLinksSlackChannels() throws Exception {
    String security = "groups/hybrid/push.slack.div.security.yaml";
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Files.copy(Repo.root().resolve("okta-groups.yaml"), git.dir.resolve("okta-groups.yaml"));
      git.write(security, Repo.read(security)).commit("Security with its channels");
      ValidationResult v = new Validator(LocalDate.now()).validate(DirectorySource.read(git.dir));
      EmbeddedSandbox.Options o =
          new EmbeddedSandbox.Options(0, 300, 7, "watch-e2e-token-0123456789", 600.0, true, null);
      try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
        Map<String, String> env = new HashMap<>();
        env.put("OKTA_API_TOKEN", s.token());
        env.put("GITLAB_WEBHOOK_SECRET", SECRET);
        env.put("HOME", tmp.toString());
        env.put("SLACK_TOKEN", s.slackBotToken());
        env.put("SLACK_API_URL", s.url() + "/slack/{appId}/api/");
        Main main =
            new Main(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                new Env(env, tmp, Clock.systemUTC()));
        String app = v.config().apps().get("slack").id();
        WatchCommand.Running r = start(main, s, git.dir, "200ms");
        Thread t = loop(r);
        try {
          await(
              "both channels linked to @div.security",
              Duration.ofSeconds(30),
              () ->
                  linked(s, app, "div.security")
                      .equals(Set.of("security", "security-announcements")));
        } finally {
          r.watcher.stop();
          t.join(10_000);
          r.close();
        }
        assertFalse(err.toString().contains("SLACK_TOKEN is not set"), err.toString());
        assertFalse(err.toString().contains(s.slackBotToken()), "the token is never printed");
      }
    }
  }

  /** The channels a Slack user group is linked to, by name; empty while it does not exist. */
  private static Set<String> linked(Sandbox s, String appId, String handle) {
    try {
      JsonNode down =
          JSON.readTree(
              HTTP.send(
                      HttpRequest.newBuilder(URI.create(s.url() + "/__sandbox/downstream/" + appId))
                          .header("Authorization", "SSWS " + s.token())
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      Set<String> out = new TreeSet<>();
      for (JsonNode d : down) {
        if (d.path("name").asText().equals(handle)) {
          d.path("channels").forEach(c -> out.add(c.path("name").asText()));
        }
      }
      return out;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void followsTheBranchRevertsDriftRefusesInvalidCommitsAndResumesAfterARestart() throws Exception {
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Files.copy(Repo.root().resolve("okta-groups.yaml"), git.dir.resolve("okta-groups.yaml"));
      String c1 = git.write("groups/manual/app.figma.admins.yaml", FIGMA).commit("Figma admins");
      ValidationResult v = new Validator(LocalDate.now()).validate(DirectorySource.read(git.dir));
      EmbeddedSandbox.Options o =
          new EmbeddedSandbox.Options(0, 300, 7, "watch-e2e-token-0123456789", 600.0, true, null);
      try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
        Main main = main(s);
        WatchCommand.Running r = start(main, s, git.dir, "200ms");
        Thread t = loop(r);
        try {
          // 1. The head at start is applied.
          await(
              "the first commit applied",
              Duration.ofSeconds(20),
              () -> group(s, "app.figma.admins").isPresent());
          await(
              "c1 recorded",
              Duration.ofSeconds(10),
              () -> r.watcher.status().lastApplied().equals(Optional.of(c1)));

          // 2. A commit that adds a group: it appears within a few polls.
          String c2 = git.write("groups/managed/div.sales.yaml", SALES).commit("Sales division");
          long t0 = System.nanoTime();
          await(
              "div.sales created", Duration.ofSeconds(10), () -> group(s, "div.sales").isPresent());
          assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
          await(
              "c2 recorded",
              Duration.ofSeconds(10),
              () -> r.watcher.status().lastApplied().equals(Optional.of(c2)));
          assertTrue(
              s.org().allRules().stream().anyMatch(x -> x.name().equals("div.sales")),
              "with its rule");

          // 3. A commit that deletes it removes it, rule and all.
          String c3 = git.delete("groups/managed/div.sales.yaml").commit("Remove Sales");
          await("div.sales deleted", Duration.ofSeconds(10), () -> group(s, "div.sales").isEmpty());
          await(
              "c3 recorded",
              Duration.ofSeconds(10),
              () -> r.watcher.status().lastApplied().equals(Optional.of(c3)));
          assertFalse(s.org().allRules().stream().anyMatch(x -> x.name().equals("div.sales")));

          // 4. An invalid commit is reported and not applied, even the parts of it that are valid.
          String c4 =
              git.write(
                      "groups/managed/div.engineering.yaml",
                      ENGINEERING.replace("kind: managed", "kind: managd"))
                  .write(
                      "groups/manual/app.figma.admins.yaml",
                      FIGMA.replace("Figma administrators", "Figma admins (edited)"))
                  .commit("Broken");
          await(
              "the invalid commit reported",
              Duration.ofSeconds(10),
              () -> r.watcher.status().invalidCommit().equals(Optional.of(c4)));
          JsonNode h = health(r);
          assertEquals("degraded", h.path("status").asText());
          assertEquals(c4, h.path("invalidCommit").asText());
          assertEquals(c3, h.path("lastAppliedCommit").asText());
          assertEquals(1, h.path("commitLag").asInt());
          assertTrue(h.path("lastError").asText().contains("invalid manifests"), h.toString());
          assertEquals(
              "Figma administrators",
              group(s, "app.figma.admins").orElseThrow().profile().get("description"));
          assertTrue(group(s, "div.engineering").isEmpty());
          assertTrue(
              err.toString().contains("NOT applied: commit " + c4.substring(0, 8)), err.toString());

          // 5. The fix is applied: both the new group and the edit.
          String c5 =
              git.write("groups/managed/div.engineering.yaml", ENGINEERING).commit("Fix the kind");
          await(
              "c5 applied",
              Duration.ofSeconds(10),
              () -> r.watcher.status().lastApplied().equals(Optional.of(c5)));
          assertTrue(group(s, "div.engineering").isPresent());
          assertEquals(
              "Figma admins (edited)",
              group(s, "app.figma.admins").orElseThrow().profile().get("description"));
          assertTrue(r.watcher.status().invalidCommit().isEmpty());

          // 6. Drift: an admin edits the group in the console; the drift check reverts it.
          Group figma = group(s, "app.figma.admins").orElseThrow();
          Map<String, Object> edited = new LinkedHashMap<>(figma.profile());
          edited.put("description", "changed by hand in the admin console");
          s.org().replaceGroup(figma.id(), edited);
          await(
              "the drift reverted",
              Duration.ofSeconds(15),
              () ->
                  "Figma admins (edited)"
                      .equals(
                          group(s, "app.figma.admins").orElseThrow().profile().get("description")));
          await(
              "the drift reported",
              Duration.ofSeconds(5),
              () -> r.watcher.status().driftCorrections() >= 1);
          h = health(r);
          assertEquals("ok", h.path("status").asText(), h.toString());
          assertTrue(h.path("drift").path("corrections").asInt() >= 1);
          // The metrics are counted just after the status changes, on the loop's thread.
          await(
              "the drift counted",
              Duration.ofSeconds(5),
              () -> {
                try {
                  return metric(metrics(r), "okta_groups_drift_changes_total") >= 1;
                } catch (Exception e) {
                  return false;
                }
              });
          String m = metrics(r);
          assertTrue(metric(m, "okta_groups_drift_changes_total") >= 1, m);
          assertTrue(metric(m, "okta_groups_reconciles_total{result=\"applied\"}") >= 5, m);
          assertTrue(metric(m, "okta_groups_reconciles_total{result=\"invalid\"}") >= 1, m);
          assertTrue(metric(m, "okta_groups_api_calls_total") > 0, m);
          assertEquals(0, metric(m, "okta_groups_commit_lag"), m);
          assertTrue(metric(m, "okta_groups_last_success_timestamp_seconds") > 1.7e9, m);

          // 7. Webhooks need the secret.
          assertEquals(401, hook(r, "wrong-secret"));
          assertEquals(401, hook(r, null));
          assertEquals(202, hook(r, SECRET));
        } finally {
          r.watcher.stop();
          t.join(10_000);
          r.close();
        }
        assertFalse(t.isAlive(), "the loop stops");
        String applied = r.watcher.status().lastApplied().orElseThrow();

        // 8. A restart resumes from the recorded commit: nothing is re-applied. The interval is an
        // hour now, so only the webhook can bring the next commit in quickly.
        WatchCommand.Running r2 = start(main, s, git.dir, "1h");
        Thread t2 = loop(r2);
        try {
          assertEquals(Optional.of(applied), r2.watcher.status().lastApplied());
          await(
              "the first poll after restart",
              Duration.ofSeconds(10),
              () -> r2.watcher.status().head().isPresent());
          assertEquals(0, r2.metrics.value("okta_groups_changes_applied_total"));
          assertEquals(0, r2.metrics.value("okta_groups_reconciles_total", "result", "applied"));
          String c6 = git.write("groups/managed/div.sales.yaml", SALES).commit("Sales again");
          Thread.sleep(300);
          assertTrue(
              group(s, "div.sales").isEmpty(), "not fetched yet: the next poll is an hour away");
          assertEquals(202, hook(r2, SECRET));
          await(
              "the webhook's commit applied",
              Duration.ofSeconds(10),
              () -> r2.watcher.status().lastApplied().equals(Optional.of(c6)));
          assertTrue(group(s, "div.sales").isPresent());
          assertEquals(1.0, metric(metrics(r2), "okta_groups_webhooks_total{result=\"accepted\"}"));
        } finally {
          r2.watcher.stop();
          t2.join(10_000);
          r2.close();
        }
        assertTrue(
            Files.readString(tmp.resolve("state/state.json"))
                .contains(git.git.getRepository().resolve("HEAD").name()));
      }
    }
  }

  @Test
  void aCommitIsReconciledAloneAndDriftElsewhereWaitsForTheDriftCheck() throws Exception {
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Files.copy(Repo.root().resolve("okta-groups.yaml"), git.dir.resolve("okta-groups.yaml"));
      String c1 = git.write("groups/manual/app.figma.admins.yaml", FIGMA).commit("Figma admins");
      ValidationResult v = new Validator(LocalDate.now()).validate(DirectorySource.read(git.dir));
      EmbeddedSandbox.Options o =
          new EmbeddedSandbox.Options(0, 300, 7, "watch-e2e-token-0123456789", 600.0, true, null);
      try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
        Main main = main(s);
        WatchCommand cmd = new WatchCommand(main);
        new CommandLine(cmd)
            .parseArgs(
                "--git-url", git.dir.toString(),
                "--interval", "200ms",
                "--drift-interval", "1h",
                "--listen", "127.0.0.1:0",
                "--state-dir", tmp.resolve("state").toString(),
                "--git-cache", tmp.resolve("cache").toString(),
                "--okta-url", s.url());
        WatchCommand.Running r = cmd.assemble();
        Thread t = loop(r);
        try {
          await(
              "c1 recorded",
              Duration.ofSeconds(20),
              () -> r.watcher.status().lastApplied().equals(Optional.of(c1)));
          // Drift on the Figma group, which the next commit does not touch.
          Group figma = group(s, "app.figma.admins").orElseThrow();
          Map<String, Object> edited = new LinkedHashMap<>(figma.profile());
          edited.put("description", "edited");
          s.org().replaceGroup(figma.id(), edited);
          String c2 = git.write("groups/managed/div.sales.yaml", SALES).commit("Sales division");
          await(
              "c2 recorded",
              Duration.ofSeconds(10),
              () -> r.watcher.status().lastApplied().equals(Optional.of(c2)));
          assertTrue(group(s, "div.sales").isPresent());
          assertEquals(
              "edited",
              group(s, "app.figma.admins").orElseThrow().profile().get("description"),
              "the commit's reconcile read and planned div.sales alone");
          String m = metrics(r);
          assertTrue(
              metric(m, "okta_groups_okta_requests_total{bucket=\"/api/v1/groups\"}") > 0, m);
          assertTrue(m.contains("okta_groups_rate_limit_headroom{bucket=\"/api/v1/apps*\"}"), m);
        } finally {
          r.watcher.stop();
          t.join(10_000);
          r.close();
        }
      }
    }
  }
}
