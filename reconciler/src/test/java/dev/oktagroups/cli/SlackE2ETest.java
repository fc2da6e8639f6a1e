package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.testing.Cli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack push groups and their channels, end to end: the real CLI, through okta-sdk-java and Slack's
 * SDK, against the sandbox's Okta and Slack. After every apply a second plan is empty.
 */
class SlackE2ETest {
  static final String SECURITY = "groups/hybrid/push.slack.div.security.yaml";

  @TempDir Path tmp;

  @Test
  void aNewSlackPushGroupEndsLinkedToBothItsChannels() {
    try (E2E e = E2E.ownGroups(tmp)) {
      JsonNode plan = e.planJson(ExitCode.OK);
      Cli.Result r = e.reconcile();
      assertTrue(r.out().contains("+ link channel #security to @div.security"), r.out());
      // The impact's count of people joining #security is who the channel has after apply.
      int joining = -1;
      for (JsonNode g : plan.path("impact")) {
        for (JsonNode c : g.path("channels")) {
          if (g.path("group").asText().equals("push.slack.div.security")
              && c.path("channel").asText().equals("#security")) {
            joining = c.path("joining").size();
          }
        }
      }
      assertTrue(joining > 0, plan.path("impact").toString());
      assertEquals(joining, channel(e, "security").path("num_members").asInt());
      assertEquals(Set.of("security", "security-announcements"), linked(e, "div.security"));
      assertEquals(Set.of("engineering", "eng-announcements"), linked(e, "dept.engineering"));
      assertEquals(Set.of("cats"), linked(e, "cat_owners"));
      // Linking made the user group's members join the channel.
      assertTrue(channel(e, "security").path("num_members").asInt() > 0, workspace(e).toString());
      e.assertConverged();
    }
  }

  @Test
  void aChannelAddedOrRemovedInTheManifestIsLinkedOrUnlinked() {
    try (E2E e = E2E.ownGroups(tmp)) {
      e.reconcile();
      int members = channel(e, "security-announcements").path("num_members").asInt();
      e.write(
          SECURITY,
          e.read(SECURITY).replace("[security, security-announcements]", "[security, general]"));
      Cli.Result plan = e.run("plan");
      assertTrue(plan.out().contains("+ link channel #general to @div.security"), plan.out());
      assertTrue(
          plan.out()
              .contains(
                  "- unlink channel #security-announcements from @div.security (nobody is removed"
                      + " from the channel)"),
          plan.out());
      e.reconcile();
      assertEquals(Set.of("security", "general"), linked(e, "div.security"));
      // Nobody left the channel that was unlinked.
      assertEquals(members, channel(e, "security-announcements").path("num_members").asInt());
      e.assertConverged();
    }
  }

  @Test
  void aLinkRemovedByHandIsPlannedAsDriftAndRestored() throws Exception {
    try (E2E e = E2E.ownGroups(tmp)) {
      e.reconcile();
      control(
          e, "links", "{\"userGroup\":\"div.security\",\"channel\":\"security\",\"linked\":false}");
      assertEquals(Set.of("security-announcements"), linked(e, "div.security"));
      Cli.Result plan = e.run("plan");
      assertTrue(
          plan.out()
              .contains(
                  "+ link channel #security to @div.security  (the manifest links #security;"
                      + " Slack has no such link (new, or unlinked by hand))"),
          plan.out());
      e.reconcile();
      assertEquals(Set.of("security", "security-announcements"), linked(e, "div.security"));
      e.assertConverged();
    }
  }

  @Test
  void aSavedPlanAppliesItsChannelLinks() throws Exception {
    try (E2E e = E2E.ownGroups(tmp)) {
      e.reconcile();
      control(e, "links", "{\"userGroup\":\"cat_owners\",\"channel\":\"cats\",\"linked\":false}");
      Path saved = tmp.resolve("drift.json");
      Cli.Result plan = e.run("plan", "--out", saved.toString());
      assertEquals(ExitCode.OK, plan.code(), plan.toString());
      assertTrue(Files.readString(saved).contains("\"channel-link\""));
      Cli.Result apply = e.run("apply", saved.toString(), "--auto-approve");
      assertEquals(ExitCode.OK, apply.code(), apply.toString());
      assertEquals(Set.of("cats"), linked(e, "cat_owners"));
      e.assertConverged();
    }
  }

  @Test
  void aSavedPlanIsStaleOnceALinkIsRemovedByHand() throws Exception {
    try (E2E e = E2E.ownGroups(tmp)) {
      e.reconcile();
      Path saved = tmp.resolve("empty.json");
      Cli.Result plan = e.run("plan", "--out", saved.toString());
      assertEquals(ExitCode.OK, plan.code(), plan.toString());
      control(
          e, "links", "{\"userGroup\":\"div.security\",\"channel\":\"security\",\"linked\":false}");
      Cli.Result apply = e.run("apply", saved.toString(), "--auto-approve");
      assertEquals(ExitCode.STALE, apply.code(), apply.toString());
      assertTrue(
          apply.toString().contains("Okta or Slack changed since it was computed"),
          apply.toString());
      assertEquals(Set.of("security-announcements"), linked(e, "div.security"), "nothing applied");
    }
  }

  @Test
  void anUnknownChannelIsAPlanErrorAtItsLine() throws Exception {
    try (E2E e = E2E.ownGroups(tmp)) {
      e.write(
          SECURITY,
          e.read(SECURITY).replace("[security, security-announcements]", "[security, nope-nope]"));
      int line = lineOf(e.repo.resolve(SECURITY), "channels:");
      Cli.Result plan = e.run("plan");
      assertEquals(ExitCode.INVALID, plan.code(), plan.toString());
      assertTrue(
          plan.out()
              .contains(SECURITY + ":" + line + ": channel 'nope-nope' does not exist in Slack"),
          plan.out());
      assertFalse(plan.out().contains("create group push.slack.div.security"), plan.out());
    }
  }

  @Test
  void aRateLimitIsWaitedOutAsRetryAfterSays() throws Exception {
    try (E2E e = E2E.ownGroups(tmp)) {
      control(e, "ratelimit", "{\"method\":\"conversations.list\",\"times\":1,\"retryAfter\":1}");
      control(e, "ratelimit", "{\"method\":\"usergroups.update\",\"times\":2,\"retryAfter\":1}");
      long t0 = System.nanoTime();
      Cli.Result r = e.reconcile();
      // The plan's wait comes alone; apply's two may overlap, as groups apply in parallel.
      assertTrue((System.nanoTime() - t0) / 1_000_000 >= 2000, "at least two 1 s waits in turn");
      assertEquals(
          2, r.err().split("Slack rate-limited usergroups.update", -1).length - 1, r.err());
      assertTrue(r.toString().contains("Slack calls (3 rate-limited)"), r.toString());
      assertTrue(
          r.err().contains("Slack rate-limited conversations.list (slack); waiting 1 s as it asks"),
          r.err());
      assertTrue(r.err().contains("Slack rate-limited usergroups.update (slack)"), r.err());
      assertEquals(Set.of("security", "security-announcements"), linked(e, "div.security"));
      e.assertConverged();
    }
  }

  @Test
  void enterpriseGridLinksThroughTheAdminMethods() throws Exception {
    try (E2E e = E2E.ownGroups(tmp)) {
      String team = workspace(e).path("teamId").asText();
      grid(e, team);
      e.slackToken = e.sandbox.slackAdminToken();
      control(
          e,
          "ratelimit",
          "{\"method\":\"admin.usergroups.addChannels\",\"times\":1,\"retryAfter\":1}");
      Cli.Result r = e.reconcile();
      assertTrue(r.err().contains("admin.usergroups.addChannels"), r.err());
      assertEquals(Set.of("security", "security-announcements"), linked(e, "div.security"));
      e.assertConverged();
      control(
          e, "links", "{\"userGroup\":\"div.security\",\"channel\":\"security\",\"linked\":false}");
      e.write(
          SECURITY,
          e.read(SECURITY).replace("[security, security-announcements]", "[security, random]"));
      e.reconcile();
      assertEquals(Set.of("security", "random"), linked(e, "div.security"));
      e.assertConverged();
    }
  }

  @Test
  void onGridAChannelGivenByAnUnknownIdIsAPlanErrorAtItsLine() throws Exception {
    try (E2E e = E2E.ownGroups(tmp)) {
      grid(e, workspace(e).path("teamId").asText());
      e.slackToken = e.sandbox.slackAdminToken();
      String known = channel(e, "security-announcements").path("id").asText();
      e.write(
          SECURITY,
          e.read(SECURITY)
              .replace("[security, security-announcements]", "[security, " + known + "]"));
      Cli.Result ok = e.run("plan");
      assertEquals(ExitCode.OK, ok.code(), ok.toString());
      assertTrue(ok.out().contains("+ link channel #security-announcements"), ok.out());
      e.write(SECURITY, e.read(SECURITY).replace(known, "C0NOSUCH99"));
      int line = lineOf(e.repo.resolve(SECURITY), "channels:");
      Cli.Result plan = e.run("plan");
      assertEquals(ExitCode.INVALID, plan.code(), plan.toString());
      assertTrue(
          plan.out()
              .contains(SECURITY + ":" + line + ": channel 'C0NOSUCH99' does not exist in Slack"),
          plan.out());
    }
  }

  @Test
  void gridWithABotTokenSaysWhatTokenItNeeds() throws Exception {
    try (E2E e = E2E.ownGroups(tmp)) {
      grid(e, workspace(e).path("teamId").asText());
      Cli.Result r = e.run("reconcile");
      assertEquals(ExitCode.FAILURE, r.code(), r.toString());
      assertTrue(r.toString().contains("not_allowed_token_type"), r.toString());
      assertTrue(r.toString().contains("admin.usergroups:write"), r.toString());
      assertFalse(r.toString().contains("Exception"), r.toString());
    }
  }

  @Test
  void theSlackTokenAppearsInNoOutputLogOrSavedPlan() throws Exception {
    try (E2E e = E2E.ownGroups(tmp)) {
      String token = e.slackToken;
      Path saved = tmp.resolve("plan.json");
      StringBuilder all = new StringBuilder();
      for (String[] args :
          List.of(
              new String[] {"plan", "--out", saved.toString()},
              new String[] {"plan", "--format", "markdown"},
              new String[] {"plan", "--format", "json"},
              new String[] {"reconcile"},
              new String[] {"plan"})) {
        Cli.Result r = e.run(args);
        all.append(r.out()).append(r.err());
      }
      all.append(Files.readString(saved));
      assertTrue(all.toString().contains("link channel #security"), all.toString());
      assertFalse(all.toString().contains(token), "the Slack token was printed");
      assertFalse(all.toString().contains(token.substring(5, 15)), "part of the token was printed");
    }
  }

  // ---------------------------------------------------------------- helpers

  static String slackApp(E2E e) {
    return e.config().apps().get("slack").id();
  }

  /** Makes the repository's Slack app an Enterprise Grid workspace. */
  static void grid(E2E e, String team) {
    e.write(
        "okta-groups.yaml",
        e.read("okta-groups.yaml")
            .replace("workspace: plain", "workspace: grid\n      teamId: " + team));
  }

  static JsonNode workspace(E2E e) {
    return get(e, "/__sandbox/slack/" + slackApp(e));
  }

  static JsonNode channel(E2E e, String name) {
    for (JsonNode c : workspace(e).path("channels")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no channel " + name);
  }

  /** The names of the channels a Slack user group is linked to, from the downstream view. */
  static Set<String> linked(E2E e, String handle) {
    for (JsonNode d : get(e, "/__sandbox/downstream/" + slackApp(e))) {
      if (d.path("name").asText().equals(handle)) {
        Set<String> out = new TreeSet<>();
        d.path("channels").forEach(c -> out.add(c.path("name").asText()));
        return out;
      }
    }
    throw new AssertionError("no Slack user group " + handle);
  }

  static int lineOf(Path file, String text) throws Exception {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static JsonNode get(E2E e, String path) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(e.sandbox.url() + path))
                  .header("Authorization", "SSWS " + e.sandbox.token())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return E2E.JSON.readTree(r.body());
    } catch (Exception x) {
      throw new AssertionError(x);
    }
  }

  static void control(E2E e, String what, String json) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(e.sandbox.url() + "/__sandbox/slack/" + slackApp(e) + "/" + what))
                .header("Authorization", "SSWS " + e.sandbox.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
  }
}
