package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserLifecycleApi;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.User;
import dev.oktagroups.sandbox.org.DownstreamGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group push mappings through the SDK's ApiClient (SDK 24 has no API class for them), and the
 * downstream directory Okta keeps in step.
 */
class PushMappingsTest {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};

  private SdkFixture f;
  private GroupApi groups;
  private Group source;
  private User alice;
  private User bob;

  @BeforeEach
  void start() throws Exception {
    f = SdkFixture.start().seeded(0);
    groups = new GroupApi(f.client);
    UserApi users = new UserApi(f.client);
    source = Rules.group(groups, "push.slack.cat_owners");
    alice = Rules.user(users, "alice@example.com", Map.of());
    bob = Rules.user(users, "bob@example.com", Map.of());
    groups.assignUserToGroup(source.getId(), alice.getId());
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String path(String app) {
    return "/api/v1/apps/" + app + "/group-push/mappings";
  }

  private Map<String, Object> create(String app, Map<String, Object> body) {
    return f.call("POST", path(app), Map.of(), body, MAP);
  }

  private Map<String, Object> byName(String app, String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sourceGroupId", source.getId());
    body.put("targetGroupName", name);
    return create(app, body);
  }

  private DownstreamGroup downstream(String app) {
    return f.sandbox.org().downstream(app).get(0);
  }

  @Test
  void createByNameAnswers200AndFillsTargetGroupId() {
    Http.Res r =
        Http.send(
            f.sandbox,
            "POST",
            path(SdkFixture.SLACK),
            "{\"sourceGroupId\":\"" + source.getId() + "\",\"targetGroupName\":\"cat_owners\"}");
    assertEquals(200, r.status(), "live Okta answers 200; the spec says 201");
    JsonNode m = r.json();
    assertTrue(m.get("id").asText().startsWith("gPm"));
    assertEquals("ACTIVE", m.get("status").asText());
    String target = m.get("targetGroupId").asText();
    assertEquals(GroupType.APP_GROUP, groups.getGroup(target).getType());
    assertEquals("cat_owners", downstream(SdkFixture.SLACK).name());
    assertEquals(Set.of("alice@example.com"), downstream(SdkFixture.SLACK).members());
  }

  @Test
  void createByTargetGroupIdLinksAnExistingAppGroup() {
    Map<String, Object> first = byName(SdkFixture.SLACK, "cats");
    String target = (String) first.get("targetGroupId");
    f.call(
        "PATCH",
        path(SdkFixture.SLACK) + "/" + first.get("id"),
        Map.of(),
        Map.of("status", "INACTIVE"),
        MAP);
    f.call(
        "DELETE",
        path(SdkFixture.SLACK) + "/" + first.get("id"),
        Map.of("deleteTargetGroup", false),
        null,
        MAP);
    Map<String, Object> linked =
        create(SdkFixture.SLACK, Map.of("sourceGroupId", source.getId(), "targetGroupId", target));
    assertEquals(target, linked.get("targetGroupId"));
  }

  @Test
  void exactlyOneTargetFieldIsRequired() {
    assertEquals(
        400,
        SdkFixture.status(() -> create(SdkFixture.SLACK, Map.of("sourceGroupId", source.getId()))));
    assertEquals(
        400,
        SdkFixture.status(
            () ->
                create(
                    SdkFixture.SLACK,
                    Map.of(
                        "sourceGroupId",
                        source.getId(),
                        "targetGroupName",
                        "a",
                        "targetGroupId",
                        "00gx"))));
  }

  @Test
  void membershipChangesSyncDownstreamWhileActive() {
    byName(SdkFixture.SLACK, "cat_owners");
    groups.assignUserToGroup(source.getId(), bob.getId());
    assertEquals(
        Set.of("alice@example.com", "bob@example.com"), downstream(SdkFixture.SLACK).members());
    new UserLifecycleApi(f.client).deactivateUser(bob.getId(), false, null);
    assertEquals(
        Set.of("alice@example.com"),
        downstream(SdkFixture.SLACK).members(),
        "inactive users are not pushed");
  }

  @Test
  void googleGroupsGetAnAddress() {
    byName(SdkFixture.GOOGLE, "cat_owners");
    assertEquals("cat_owners@example.com", downstream(SdkFixture.GOOGLE).email().orElseThrow());
  }

  @Test
  void patchChangesStatusOnlyAndInactiveStopsPushing() {
    Map<String, Object> m = byName(SdkFixture.SLACK, "cat_owners");
    Map<String, Object> inactive =
        f.call(
            "PATCH",
            path(SdkFixture.SLACK) + "/" + m.get("id"),
            Map.of(),
            Map.of("status", "INACTIVE"),
            MAP);
    assertEquals("INACTIVE", inactive.get("status"));
    groups.assignUserToGroup(source.getId(), bob.getId());
    assertEquals(
        Set.of("alice@example.com"),
        downstream(SdkFixture.SLACK).members(),
        "an inactive mapping does not push");
    f.call(
        "PATCH",
        path(SdkFixture.SLACK) + "/" + m.get("id"),
        Map.of(),
        Map.of("status", "ACTIVE"),
        MAP);
    assertEquals(
        Set.of("alice@example.com", "bob@example.com"),
        downstream(SdkFixture.SLACK).members(),
        "reactivation pushes in full");
    Http.Res other =
        Http.send(
            f.sandbox,
            "PATCH",
            path(SdkFixture.SLACK) + "/" + m.get("id"),
            "{\"targetGroupName\":\"x\"}");
    assertEquals(400, other.status());
  }

  @Test
  void deleteRequiresInactiveAndTheDeleteTargetGroupParameter() {
    Map<String, Object> m = byName(SdkFixture.SLACK, "cat_owners");
    String id = (String) m.get("id");
    assertEquals(
        400,
        Http.send(
                f.sandbox,
                "DELETE",
                path(SdkFixture.SLACK) + "/" + id + "?deleteTargetGroup=false",
                null)
            .status(),
        "an ACTIVE mapping cannot be deleted");
    f.call("PATCH", path(SdkFixture.SLACK) + "/" + id, Map.of(), Map.of("status", "INACTIVE"), MAP);
    assertEquals(
        400,
        Http.send(f.sandbox, "DELETE", path(SdkFixture.SLACK) + "/" + id, null).status(),
        "deleteTargetGroup is required");
    Http.Res del =
        Http.send(
            f.sandbox,
            "DELETE",
            path(SdkFixture.SLACK) + "/" + id + "?deleteTargetGroup=false",
            null);
    assertEquals(200, del.status(), "live Okta answers 200; the spec says 204");
    assertEquals("", del.body());
    assertEquals(
        1, f.sandbox.org().downstream(SdkFixture.SLACK).size(), "the downstream group stays");
    assertEquals(GroupType.APP_GROUP, groups.getGroup((String) m.get("targetGroupId")).getType());
  }

  @Test
  void deleteWithDeleteTargetGroupRemovesTheDownstreamGroup() {
    Map<String, Object> m = byName(SdkFixture.SLACK, "cat_owners");
    f.call(
        "PATCH",
        path(SdkFixture.SLACK) + "/" + m.get("id"),
        Map.of(),
        Map.of("status", "INACTIVE"),
        MAP);
    f.call(
        "DELETE",
        path(SdkFixture.SLACK) + "/" + m.get("id"),
        Map.of("deleteTargetGroup", true),
        null,
        MAP);
    assertEquals(List.of(), f.sandbox.org().downstream(SdkFixture.SLACK));
    assertEquals(404, SdkFixture.status(() -> groups.getGroup((String) m.get("targetGroupId"))));
  }

  @Test
  void appsThatCannotPushPutTheMappingInErrorWhichCanBeDeleted() {
    Map<String, Object> m = byName(SdkFixture.GITLAB, "devs");
    assertEquals("ERROR", m.get("status"));
    assertTrue(((String) m.get("errorSummary")).contains("not supported"));
    f.call(
        "DELETE",
        path(SdkFixture.GITLAB) + "/" + m.get("id"),
        Map.of("deleteTargetGroup", false),
        null,
        MAP);
    assertEquals(List.of(), f.call("GET", path(SdkFixture.GITLAB), Map.of(), null, LIST));
  }

  @Test
  void errorMappingsCannotBeDeletedInOlderOrgs() {
    f.sandbox.settings().deletePushMappingInError = false;
    Map<String, Object> m = byName(SdkFixture.GITLAB, "devs");
    assertEquals(
        400,
        SdkFixture.status(
            () ->
                f.call(
                    "DELETE",
                    path(SdkFixture.GITLAB) + "/" + m.get("id"),
                    Map.of("deleteTargetGroup", false),
                    null,
                    MAP)));
  }

  @Test
  void oneMappingPerSourceGroupAndApp() {
    byName(SdkFixture.SLACK, "cat_owners");
    assertEquals(400, SdkFixture.status(() -> byName(SdkFixture.SLACK, "cat_owners_2")));
  }

  @Test
  void listFiltersBySourceAndPages() {
    for (int i = 0; i < 5; i++) {
      Group g = Rules.group(groups, "push.slack.g" + i);
      create(SdkFixture.SLACK, Map.of("sourceGroupId", g.getId(), "targetGroupName", "g" + i));
    }
    byName(SdkFixture.SLACK, "cat_owners");
    List<Map<String, Object>> bySource =
        f.call("GET", path(SdkFixture.SLACK), Map.of("sourceGroupId", source.getId()), null, LIST);
    assertEquals(1, bySource.size());
    List<Map<String, Object>> all =
        Rules.all(
            (after, limit) ->
                f.call(
                    "GET",
                    path(SdkFixture.SLACK),
                    after == null ? Map.of("limit", limit) : Map.of("limit", limit, "after", after),
                    null,
                    LIST),
            2);
    assertEquals(6, all.size());
    assertFalse(Http.get(f.sandbox, path(SdkFixture.SLACK) + "?limit=2").all("Link").isEmpty());
  }

  private int pushCount() {
    Map<String, Object> g =
        f.call(
                "GET",
                "/api/v1/groups",
                Map.of("filter", "id eq \"" + source.getId() + "\"", "expand", "stats"),
                null,
                LIST)
            .get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> stats =
        (Map<String, Object>) ((Map<String, Object>) g.get("_embedded")).get("stats");
    return ((Number) stats.get("groupPushMappingsCount")).intValue();
  }

  @Test
  void lastUpdatedFilterTakesMappingsUpdatedOnOrAfter() {
    Map<String, Object> m = byName(SdkFixture.SLACK, "cat_owners");
    String at = (String) m.get("lastUpdated");
    java.time.Instant t = java.time.Instant.parse(at);
    assertEquals(
        1, f.call("GET", path(SdkFixture.SLACK), Map.of("lastUpdated", at), null, LIST).size());
    assertEquals(
        0,
        f.call(
                "GET",
                path(SdkFixture.SLACK),
                Map.of("lastUpdated", t.plusMillis(1).toString()),
                null,
                LIST)
            .size(),
        "not before the time");
    Map<String, Object> patched =
        f.call(
            "PATCH",
            path(SdkFixture.SLACK) + "/" + m.get("id"),
            Map.of(),
            Map.of("status", "INACTIVE"),
            MAP);
    assertEquals(
        1,
        f.call(
                "GET",
                path(SdkFixture.SLACK),
                Map.of("lastUpdated", (String) patched.get("lastUpdated")),
                null,
                LIST)
            .size(),
        "a status change moves lastUpdated");
  }

  @Test
  void pushMappingsCountTakesEveryStatusUnlessSetOtherwise() {
    Map<String, Object> m = byName(SdkFixture.SLACK, "cat_owners");
    byName(SdkFixture.GITLAB, "devs"); // ERROR: GitLab cannot push
    assertEquals(2, pushCount());
    f.call(
        "PATCH",
        path(SdkFixture.SLACK) + "/" + m.get("id"),
        Map.of(),
        Map.of("status", "INACTIVE"),
        MAP);
    assertEquals(2, pushCount(), "INACTIVE and ERROR mappings count");
    f.sandbox.settings().pushMappingsCountActiveOnly = true;
    assertEquals(0, pushCount(), "only ACTIVE ones, when set so");
  }

  @Test
  void deletingTheSourceGroupDeletesItsMappings() {
    byName(SdkFixture.SLACK, "cat_owners");
    groups.deleteGroup(source.getId());
    assertEquals(List.of(), f.call("GET", path(SdkFixture.SLACK), Map.of(), null, LIST));
    assertEquals("cat_owners", downstream(SdkFixture.SLACK).name(), "the downstream group stays");
  }
}
