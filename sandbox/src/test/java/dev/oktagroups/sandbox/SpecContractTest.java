package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.GroupApi;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract checker itself: it must catch what breaks Okta's spec, and a scenario that touches
 * every Okta route must conform. (Every other sandbox test is also checked, in SdkFixture.close.)
 */
class SpecContractTest {
  private static Exchange x(
      String method,
      String path,
      String query,
      String template,
      String request,
      int status,
      String response) {
    return new Exchange(
        method,
        path,
        query,
        template,
        request.getBytes(StandardCharsets.UTF_8),
        status,
        Map.of(),
        response.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void catchesWrongEnumsStatusesBodiesAndParameters() {
    SpecContract c = SpecContract.get();
    String group =
        "{\"id\":\"00g1\",\"type\":\"OKTA_GROUP\",\"profile\":{\"name\":\"x\"},\"created\":\"2026-11-29T00:00:00.000Z\"}";
    assertEquals(
        List.of(),
        c.check(x("GET", "/api/v1/groups/00g1", "", "/api/v1/groups/{groupId}", "", 200, group)));
    assertFalse(
        c.check(
                x(
                    "GET",
                    "/api/v1/groups/00g1",
                    "",
                    "/api/v1/groups/{groupId}",
                    "",
                    200,
                    group.replace("OKTA_GROUP", "TEAM")))
            .isEmpty(),
        "an enum value outside the spec");
    assertFalse(
        c.check(
                x(
                    "GET",
                    "/api/v1/groups/00g1",
                    "",
                    "/api/v1/groups/{groupId}",
                    "",
                    200,
                    group.replace("\"created\":\"2026-11-29T00:00:00.000Z\"", "\"created\":5")))
            .isEmpty(),
        "a wrong type");
    assertFalse(
        c.check(
                x(
                    "POST",
                    "/api/v1/groups",
                    "",
                    "/api/v1/groups",
                    "{\"profile\":{\"name\":\"x\"}}",
                    201,
                    group))
            .isEmpty(),
        "201 where Okta answers 200");
    assertFalse(
        c.check(
                x(
                    "GET",
                    "/api/v1/groups/00g1",
                    "",
                    "/api/v1/groups/{groupId}",
                    "",
                    404,
                    "{\"message\":\"nope\"}"))
            .isEmpty(),
        "an error without Okta's fields");
    assertFalse(
        c.check(x("GET", "/api/v1/groups", "limt=2", "/api/v1/groups", "", 200, "[]")).isEmpty(),
        "an undeclared parameter");
    assertFalse(
        c.check(
                x(
                    "POST",
                    "/api/v1/groups/rules",
                    "",
                    "/api/v1/groups/rules",
                    "{\"type\":\"rule\"}",
                    200,
                    "{}"))
            .isEmpty(),
        "a request body outside the spec (type is the enum group_rule)");
    assertEquals(
        List.of(),
        c.check(
            x(
                "DELETE",
                "/api/v1/apps/0oa1/group-push/mappings/gPm1",
                "deleteTargetGroup=false",
                "/api/v1/apps/{appId}/group-push/mappings/{mappingId}",
                "",
                200,
                "")),
        "live Okta's 200 is a documented difference");
  }

  @Test
  void everyOktaRouteIsServedAndConforms() throws Exception {
    try (SdkFixture f = SdkFixture.start().seeded(20)) {
      Sandbox s = f.sandbox;
      GroupApi groups = new GroupApi(f.client);
      String user = s.org().allUsers().get(0).id();
      String login = s.org().allUsers().get(1).login();
      // users
      Http.get(s, "/api/v1/users?limit=2&search=" + enc("profile.department pr"));
      JsonNode created =
          Http.send(
                  s,
                  "POST",
                  "/api/v1/users?activate=false",
                  "{\"profile\":{\"login\":\"c@example.com\",\"email\":\"c@example.com\",\"firstName\":\"C\",\"lastName\":\"D\"}}")
              .json();
      String staged = created.get("id").asText();
      Http.get(s, "/api/v1/users/" + login);
      Http.send(s, "POST", "/api/v1/users/" + staged, "{\"profile\":{\"title\":\"Engineer\"}}");
      Http.send(
          s,
          "PUT",
          "/api/v1/users/" + staged,
          "{\"profile\":{\"login\":\"c@example.com\",\"email\":\"c@example.com\",\"firstName\":\"C\",\"lastName\":\"E\"}}");
      Http.send(s, "POST", "/api/v1/users/" + staged + "/lifecycle/activate?sendEmail=false", "");
      Http.send(s, "POST", "/api/v1/users/" + staged + "/lifecycle/suspend", "");
      Http.send(s, "POST", "/api/v1/users/" + staged + "/lifecycle/unsuspend", "");
      Http.send(s, "POST", "/api/v1/users/" + staged + "/lifecycle/deactivate", "");
      Http.send(s, "DELETE", "/api/v1/users/" + staged, null);
      Http.get(s, "/api/v1/users/" + user + "/groups");
      // groups and schema
      Http.send(
          s,
          "POST",
          "/api/v1/meta/schemas/group/default",
          "{\"definitions\":{\"custom\":{\"id\":\"#custom\",\"type\":\"object\",\"properties\":{\"okta_groups_managed_by\":{\"title\":\"m\",\"type\":\"string\"}},\"required\":[]}}}");
      Http.get(s, "/api/v1/meta/schemas/group/default");
      String g =
          Http.send(
                  s,
                  "POST",
                  "/api/v1/groups",
                  "{\"profile\":{\"name\":\"div.security\",\"description\":\"d\",\"okta_groups_managed_by\":\"r\"}}")
              .json()
              .get("id")
              .asText();
      Http.get(
          s, "/api/v1/groups?limit=1&search=" + enc("profile.name sw \"div\"") + "&expand=stats");
      Http.get(s, "/api/v1/groups/" + g);
      Http.send(
          s,
          "PUT",
          "/api/v1/groups/" + g,
          "{\"profile\":{\"name\":\"div.security\",\"description\":\"e\"}}");
      Http.send(s, "PUT", "/api/v1/groups/" + g + "/users/" + user, "");
      Http.get(s, "/api/v1/groups/" + g + "/users?limit=1");
      Http.get(s, "/api/v1/groups/" + g + "/apps");
      // rules
      String rule =
          Http.send(
                  s,
                  "POST",
                  "/api/v1/groups/rules",
                  "{\"type\":\"group_rule\",\"name\":\"r\",\"conditions\":{\"expression\":"
                      + "{\"type\":\"urn:okta:expression:1.0\",\"value\":\"user.division == \\\"Security\\\"\"}},\"actions\":{\"assignUserToGroups\":{\"groupIds\":[\""
                      + g
                      + "\"]}}}")
              .json()
              .get("id")
              .asText();
      Http.send(
          s,
          "PUT",
          "/api/v1/groups/rules/" + rule,
          "{\"type\":\"group_rule\",\"name\":\"r\",\"conditions\":{\"people\":{\"users\":{\"exclude\":[]}},\"expression\":"
              + "{\"type\":\"urn:okta:expression:1.0\",\"value\":\"user.division == \\\"Sales\\\"\"}},\"actions\":{\"assignUserToGroups\":{\"groupIds\":[\""
              + g
              + "\"]}}}");
      Http.send(s, "POST", "/api/v1/groups/rules/" + rule + "/lifecycle/activate", "");
      Http.get(s, "/api/v1/groups/rules?limit=5&expand=groupIdToGroupNameMap");
      Http.get(s, "/api/v1/groups/rules/" + rule + "?expand=groupIdToGroupNameMap");
      String ruleMember =
          s.org().group(g).members().entrySet().stream()
              .filter(e -> !e.getValue().rules().isEmpty())
              .findFirst()
              .map(Map.Entry::getKey)
              .orElse(user);
      Http.get(s, "/api/v1/groups/" + g + "/users/" + ruleMember + "/group-rules");
      Http.send(s, "POST", "/api/v1/groups/rules/" + rule + "/lifecycle/deactivate", "");
      Http.send(s, "DELETE", "/api/v1/groups/rules/" + rule + "?removeUsers=false", null);
      // apps and assignments
      Http.get(s, "/api/v1/apps?limit=20");
      Http.get(s, "/api/v1/apps/" + SdkFixture.FIGMA);
      Http.send(
          s,
          "PUT",
          "/api/v1/apps/" + SdkFixture.FIGMA + "/groups/" + g,
          "{\"priority\":1,\"profile\":{\"role\":\"admin\"}}");
      Http.send(
          s,
          "PATCH",
          "/api/v1/apps/" + SdkFixture.FIGMA + "/groups/" + g,
          "[{\"op\":\"replace\",\"path\":\"/profile\",\"value\":{\"role\":\"editor\"}}]");
      Http.get(s, "/api/v1/apps/" + SdkFixture.FIGMA + "/groups?limit=20&expand=group");
      Http.get(s, "/api/v1/apps/" + SdkFixture.FIGMA + "/groups/" + g + "?expand=group");
      Http.send(s, "DELETE", "/api/v1/apps/" + SdkFixture.FIGMA + "/groups/" + g, null);
      // push mappings
      String m =
          Http.send(
                  s,
                  "POST",
                  "/api/v1/apps/" + SdkFixture.SLACK + "/group-push/mappings",
                  "{\"sourceGroupId\":\"" + g + "\",\"targetGroupName\":\"div.security\"}")
              .json()
              .get("id")
              .asText();
      Http.get(
          s,
          "/api/v1/apps/"
              + SdkFixture.SLACK
              + "/group-push/mappings?limit=10&lastUpdated=2026-01-01T00:00:00Z&sourceGroupId="
              + g);
      Http.get(s, "/api/v1/apps/" + SdkFixture.SLACK + "/group-push/mappings/" + m);
      Http.send(
          s,
          "PATCH",
          "/api/v1/apps/" + SdkFixture.SLACK + "/group-push/mappings/" + m,
          "{\"status\":\"INACTIVE\"}");
      Http.send(
          s,
          "DELETE",
          "/api/v1/apps/"
              + SdkFixture.SLACK
              + "/group-push/mappings/"
              + m
              + "?deleteTargetGroup=false",
          null);
      // membership removal and deletes
      Http.send(s, "DELETE", "/api/v1/groups/" + g + "/users/" + user, null);
      groups.deleteGroup(g);
      // the System Log: a polling request and a bounded, filtered one
      Http.get(s, "/api/v1/logs?since=2026-01-01T00:00:00.000Z&limit=1000");
      Http.get(
          s,
          "/api/v1/logs?since=2026-01-01T00:00:00.000Z&until=2099-01-01T00:00:00.000Z&filter="
              + enc("eventType eq \"group.user_membership.add\""));

      Set<String> missing = new TreeSet<>();
      for (String route : s.routes()) {
        if (!route.contains("/__sandbox/") && !f.contract.seen().contains(route)) {
          missing.add(route);
        }
      }
      assertEquals(Set.of(), missing, "routes the scenario did not exercise");
      assertTrue(f.contract.seen().size() >= 35);
    } // close() fails on any violation
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
