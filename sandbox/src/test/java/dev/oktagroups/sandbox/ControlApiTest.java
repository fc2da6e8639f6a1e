package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.GroupApi;
import org.junit.jupiter.api.Test;

class ControlApiTest {
  @Test
  void seedExportChangeProfileAndCountRequests() throws Exception {
    try (SdkFixture f = SdkFixture.start()) {
      Http.Res seeded =
          Http.send(
              f.sandbox,
              "POST",
              "/__sandbox/seed",
              "{\"users\":25,\"seed\":3,\"attributes\":[{\"okta\":\"division\",\"values\":[\"Security\",\"Sales\"]}],"
                  + "\"apps\":[{\"id\":\"0oa1slack00000000007\",\"name\":\"slack\",\"label\":\"Slack\",\"push\":true,\"pushType\":\"slack\"}]}");
      assertEquals(200, seeded.status(), seeded.body());
      assertEquals(25, f.sandbox.org().userCount());
      assertTrue(
          f.sandbox.org().allUsers().stream()
              .allMatch(
                  u -> java.util.Set.of("Security", "Sales").contains(u.profile().get("division"))),
          "seeded values come from the catalog");

      var g = Rules.group(new GroupApi(f.client), "div.security");
      var r =
          Rules.rules(f)
              .createGroupRule(
                  Rules.create("div.security", "user.division == \"Security\"", g.getId()));
      Rules.rules(f).activateGroupRule(r.getId());
      String login =
          f.sandbox.org().allUsers().stream()
              .filter(
                  u ->
                      "Sales".equals(u.profile().get("division"))
                          && u.status() == dev.oktagroups.sandbox.org.User.Status.ACTIVE)
              .findFirst()
              .orElseThrow()
              .login();
      Http.Res changed =
          Http.send(
              f.sandbox,
              "POST",
              "/__sandbox/users/" + login + "/profile",
              "{\"profile\":{\"division\":\"Security\"}}");
      assertEquals(200, changed.status());

      JsonNode state = Http.get(f.sandbox, "/__sandbox/state").json();
      JsonNode group = null;
      for (JsonNode x : state.get("groups")) {
        if (x.get("profile").get("name").asText().equals("div.security")) {
          group = x;
        }
      }
      boolean found = false;
      for (JsonNode m : group.get("members")) {
        if (m.get("login").asText().equals(login)) {
          found = true;
          assertEquals("RULE", m.get("type").asText());
        }
      }
      assertTrue(found, "a Workday change re-evaluates the rule");
      assertEquals(1, state.get("rules").size());

      JsonNode counts = Http.get(f.sandbox, "/__sandbox/requests").json();
      assertEquals(1, counts.get("endpoints").get("POST /api/v1/groups").get("requests").asInt());
      assertEquals(
          1,
          counts
              .get("endpoints")
              .get("POST /api/v1/groups/rules/{ruleId}/lifecycle/activate")
              .get("requests")
              .asInt());
      assertEquals(
          401,
          Http.send(f.sandbox, "GET", "/__sandbox/state", null, null).status(),
          "the control API needs the token too");
    }
  }

  @Test
  void faultsAndSettingsOverHttp() throws Exception {
    try (SdkFixture f = SdkFixture.start()) {
      assertEquals(
          204,
          Http.send(
                  f.sandbox,
                  "POST",
                  "/__sandbox/faults",
                  "{\"method\":\"GET\",\"path\":\"/api/v1/groups\",\"nth\":1,\"kind\":\"ERROR_503\"}")
              .status());
      assertEquals(503, Http.get(f.sandbox, "/api/v1/groups").status());
      JsonNode s =
          Http.send(
                  f.sandbox,
                  "POST",
                  "/__sandbox/settings",
                  "{\"editableRuleTargets\":false,\"searchLagMillis\":500}")
              .json();
      assertEquals(false, s.get("editableRuleTargets").asBoolean());
      assertEquals(false, f.sandbox.settings().editableRuleTargets);
      assertEquals(500, f.sandbox.settings().searchLag.toMillis());
    }
  }
}
