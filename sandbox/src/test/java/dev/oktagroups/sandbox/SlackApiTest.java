package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.sandbox.org.App;
import dev.oktagroups.sandbox.org.Group;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sandbox's Slack, over raw HTTP: Slack's shapes, cursors, errors and tier limits. */
class SlackApiTest {
  static final String APP = "0oa1slacktest0000001";

  record Slack(Sandbox s, String userGroup) {
    Http.Res call(String method, String json, String token) {
      return Http.send(s, "POST", "/slack/" + APP + "/api/" + method, json, "Bearer " + token);
    }

    JsonNode ok(String method, String json, String token) {
      Http.Res r = call(method, json, token);
      assertEquals(200, r.status(), r.body());
      return r.json();
    }
  }

  /** A sandbox with a Slack app, one pushed group (so one user group), and 30 channels. */
  static Slack start(boolean rateLimits) throws Exception {
    Sandbox s = Sandbox.start(SandboxConfig.defaults().withRateLimits(rateLimits));
    s.org().addApp(APP, "slack", "Slack", true, App.PushType.SLACK, null);
    Group g = s.org().createGroup(Map.of("name", "push.slack.div.security", "description", ""));
    s.org().createMapping(APP, g.id(), null, "div.security", "ACTIVE");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      names.add("channel-" + i);
    }
    s.addSlackChannels(APP, names);
    return new Slack(s, "div.security");
  }

  @Test
  void conversationsListPagesWithOpaqueCursorsUntilAnEmptyOne() throws Exception {
    Slack k = start(false);
    try (Sandbox s = k.s()) {
      Set<String> seen = new HashSet<>();
      String cursor = "";
      int pages = 0;
      do {
        JsonNode r =
            k.ok(
                "conversations.list",
                "{\"limit\":7,\"cursor\":\"" + cursor + "\"}",
                s.slackBotToken());
        assertTrue(r.path("ok").asBoolean(), r.toString());
        r.path("channels").forEach(c -> seen.add(c.path("id").asText()));
        cursor = r.path("response_metadata").path("next_cursor").asText();
        pages++;
      } while (!cursor.isEmpty());
      assertEquals(30, seen.size());
      assertEquals(5, pages);
      JsonNode bad = k.ok("conversations.list", "{\"cursor\":\"nonsense!\"}", s.slackBotToken());
      assertEquals("invalid_cursor", bad.path("error").asText());
    }
  }

  @Test
  void errorsAreOkFalseWithSlacksErrorStrings() throws Exception {
    Slack k = start(false);
    try (Sandbox s = k.s()) {
      assertEquals("not_authed", k.ok("usergroups.list", "{}", "").path("error").asText());
      assertEquals(
          "invalid_auth", k.ok("usergroups.list", "{}", "xoxb-wrong").path("error").asText());
      assertEquals(
          "not_allowed_token_type",
          k.ok("admin.usergroups.listChannels", "{\"usergroup_id\":\"S1\"}", s.slackBotToken())
              .path("error")
              .asText());
      String ug =
          k.ok("usergroups.list", "{}", s.slackBotToken())
              .path("usergroups")
              .get(0)
              .path("id")
              .asText();
      assertEquals(
          "channel_not_found",
          k.ok(
                  "admin.usergroups.addChannels",
                  "{\"usergroup_id\":\"" + ug + "\",\"channel_ids\":\"C0NOPE\"}",
                  s.slackAdminToken())
              .path("error")
              .asText());
      for (String method :
          List.of("admin.usergroups.addChannels", "admin.usergroups.removeChannels")) {
        assertEquals(
            "channel_not_found",
            k.ok(
                    method,
                    "{\"usergroup_id\":\"" + ug + "\",\"channel_ids\":\"\"}",
                    s.slackAdminToken())
                .path("error")
                .asText(),
            method + " names no channel");
      }
      assertEquals(
          "no_such_subteam",
          k.ok(
                  "usergroups.update",
                  "{\"usergroup\":\"S0NOPE\",\"channels\":\"\"}",
                  s.slackBotToken())
              .path("error")
              .asText());
    }
  }

  @Test
  void linksShowInTheUserGroupTheAdminListAndTheDownstreamView() throws Exception {
    Slack k = start(false);
    try (Sandbox s = k.s()) {
      JsonNode groups = k.ok("usergroups.list", "{}", s.slackBotToken()).path("usergroups");
      assertEquals(1, groups.size());
      assertEquals("div.security", groups.get(0).path("handle").asText());
      String ug = groups.get(0).path("id").asText();
      String c0 = channelId(k, "channel-0");
      String c1 = channelId(k, "channel-1");
      JsonNode upd =
          k.ok(
              "usergroups.update",
              "{\"usergroup\":\"" + ug + "\",\"channels\":\"" + c0 + "," + c1 + "\"}",
              s.slackBotToken());
      assertEquals(2, upd.path("usergroup").path("prefs").path("channels").size(), upd.toString());
      k.ok(
          "admin.usergroups.removeChannels",
          "{\"usergroup_id\":\"" + ug + "\",\"channel_ids\":\"" + c0 + "\"}",
          s.slackAdminToken());
      JsonNode listed =
          k.ok(
              "admin.usergroups.listChannels",
              "{\"usergroup_id\":\"" + ug + "\"}",
              s.slackAdminToken());
      assertEquals(1, listed.path("channels").size(), listed.toString());
      assertEquals("channel-1", listed.path("channels").get(0).path("name").asText());
      JsonNode down = Http.get(s, "/__sandbox/downstream/" + APP).json().get(0);
      assertEquals(ug, down.path("userGroupId").asText());
      assertEquals("channel-1", down.path("channels").get(0).path("name").asText());
    }
  }

  @Test
  void aTiersBudgetSpentAnswers429WithRetryAfter() throws Exception {
    Slack k = start(true);
    try (Sandbox s = k.s()) {
      String ug =
          k.ok("usergroups.list", "{}", s.slackBotToken())
              .path("usergroups")
              .get(0)
              .path("id")
              .asText();
      int allowed = 0;
      Http.Res limited = null;
      for (int i = 0; i < 10 && limited == null; i++) {
        Http.Res r =
            k.call(
                "admin.usergroups.listChannels",
                "{\"usergroup_id\":\"" + ug + "\"}",
                s.slackAdminToken());
        if (r.status() == 429) {
          limited = r;
        } else {
          allowed++;
        }
      }
      assertEquals(SlackEndpoint.perMinute(1), allowed, "tier 1's budget");
      assertTrue(limited != null);
      assertTrue(Integer.parseInt(limited.one("Retry-After")) >= 1);
      assertEquals("ratelimited", limited.json().path("error").asText());
      assertFalse(limited.json().path("ok").asBoolean());
    }
  }

  static String channelId(Slack k, String name) {
    for (JsonNode c :
        k.ok("conversations.list", "{\"limit\":1000}", k.s().slackBotToken()).path("channels")) {
      if (c.path("name").asText().equals(name)) {
        return c.path("id").asText();
      }
    }
    throw new AssertionError("no channel " + name);
  }
}
