package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.SchemaApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.AddGroupRequest;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupSchema;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.OktaUserGroupProfile;
import com.okta.sdk.resource.model.User;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupsApiTest {
  private SdkFixture f;
  private GroupApi groups;

  @BeforeEach
  void start() throws Exception {
    f = SdkFixture.start().seeded(30);
    groups = new GroupApi(f.client);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void createAnswers200WithOktaShape() {
    Http.Res r =
        Http.send(
            f.sandbox,
            "POST",
            "/api/v1/groups",
            "{\"profile\":{\"name\":\"div.security\",\"description\":\"Security\"}}");
    assertEquals(200, r.status(), "Okta answers 200, not 201");
    JsonNode g = r.json();
    assertTrue(g.get("id").asText().startsWith("00g"));
    assertEquals("OKTA_GROUP", g.get("type").asText());
    assertEquals("okta:user_group", g.get("objectClass").get(0).asText());
    assertTrue(
        g.get("created").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    assertTrue(g.get("_links").get("users").get("href").asText().endsWith("/users"));
    assertTrue(r.one("X-Okta-Request-Id") != null);
  }

  @Test
  void oktaGroupNamesAreUniqueIgnoringCase() {
    Rules.group(groups, "dept.engineering");
    var err = SdkFixture.fails(() -> Rules.group(groups, "DEPT.Engineering"));
    assertEquals("E0000001", err.getErrorCode());
    assertEquals(400, SdkFixture.status(() -> Rules.group(groups, "dept.engineering")));
    assertTrue(err.getErrorCauses().get(0).getErrorSummary().contains("already exists"));
  }

  @Test
  void listPagesWithLinkHeadersAndOktaPageSizes() {
    for (int i = 0; i < 450; i++) {
      Rules.group(groups, String.format("team.g%03d", i));
    }
    List<Group> first = groups.listGroups(null, null, null, null, null, null, null, null);
    assertEquals(200, first.size(), "200 per page by default");
    assertEquals(
        200,
        groups.listGroups(null, null, null, 10000, null, null, null, null).size(),
        "and at most");
    Http.Res r = Http.get(f.sandbox, "/api/v1/groups?limit=2");
    List<String> links = r.all("Link");
    assertEquals(2, links.size(), "one Link header per relation: " + links);
    assertTrue(links.get(0).endsWith("rel=\"self\""));
    assertTrue(links.get(1).contains("after=") && links.get(1).endsWith("rel=\"next\""));
    List<Group> all =
        Rules.all(
            (after, limit) -> groups.listGroups(null, null, after, limit, null, null, null, null),
            200);
    assertEquals(451, all.size(), "450 groups and Everyone");
    Http.Res last = Http.get(f.sandbox, "/api/v1/groups?limit=200&after=" + all.get(399).getId());
    assertEquals(List.of(last.all("Link").get(0)), last.all("Link"), "the last page has only self");
  }

  @Test
  void qIsANamePrefixAndNotPageable() {
    for (int i = 0; i < 15; i++) {
      Rules.group(groups, "push.slack.team" + i);
    }
    Rules.group(groups, "app.figma.admins");
    List<Group> ten = groups.listGroups("push.slack", null, null, null, null, null, null, null);
    assertEquals(10, ten.size(), "q defaults to 10 results");
    assertFalse(ten instanceof PagedList<?> pl && pl.hasMoreItems(), "q is not pageable");
    assertEquals(
        15, groups.listGroups("PUSH.SLACK", null, null, 300, null, null, null, null).size());
  }

  @Test
  void searchAndFilter() {
    Group a = Rules.group(groups, "push.google.dept.engineering");
    Rules.group(groups, "dept.engineering");
    Rules.group(groups, "dept.sales");
    Set<String> co =
        names(
            groups.listGroups(
                null, null, null, 200, null, "profile.name co \"engineering\"", null, null));
    assertEquals(Set.of("push.google.dept.engineering", "dept.engineering"), co);
    Set<String> typed =
        names(groups.listGroups(null, "type eq \"BUILT_IN\"", null, 200, null, null, null, null));
    assertEquals(Set.of("Everyone"), typed);
    assertEquals(
        Set.of(a.getProfile().getName()),
        names(
            groups.listGroups(
                null, "id eq \"" + a.getId() + "\"", null, 200, null, null, null, null)));
    assertEquals(
        "E0000031",
        SdkFixture.fails(
                () ->
                    groups.listGroups(
                        null, "profile.name eq \"x\"", null, 200, null, null, null, null))
            .getErrorCode());
    assertEquals(
        "E0000031",
        SdkFixture.fails(
                () ->
                    groups.listGroups(
                        null, null, null, 200, null, "profile.foo co \"x\"", null, null))
            .getErrorCode(),
        "co works on name and description only");
  }

  @Test
  void membersAddListRemove() {
    Group g = Rules.group(groups, "app.figma.admins");
    String uid =
        new UserApi(f.client)
            .getUser(f.sandbox.org().allUsers().get(0).login(), null, null)
            .getId();
    Http.Res put = Http.send(f.sandbox, "PUT", "/api/v1/groups/" + g.getId() + "/users/" + uid, "");
    assertEquals(204, put.status());
    groups.assignUserToGroup(g.getId(), uid); // idempotent
    assertEquals(
        List.of(uid),
        groups.listGroupUsers(g.getId(), null, 200).stream().map(User::getId).toList());
    groups.unassignUserFromGroup(g.getId(), uid);
    assertEquals(List.of(), groups.listGroupUsers(g.getId(), null, 200));
    assertEquals(
        404, SdkFixture.status(() -> groups.assignUserToGroup(g.getId(), "00unosuchuser0000000")));
  }

  @Test
  void memberWritesOnBuiltInAndAppGroupsAre403() {
    Group everyone =
        groups.listGroups(null, "type eq \"BUILT_IN\"", null, 200, null, null, null, null).get(0);
    String user = f.sandbox.org().allUsers().get(0).id();
    var err = SdkFixture.fails(() -> groups.unassignUserFromGroup(everyone.getId(), user));
    assertEquals("E0000006", err.getErrorCode());
    assertEquals(403, SdkFixture.status(() -> groups.assignUserToGroup(everyone.getId(), user)));
    Group source = Rules.group(groups, "push.slack.x");
    var m = f.sandbox.org().createMapping(SdkFixture.SLACK, source.getId(), null, "x", "ACTIVE");
    assertEquals(GroupType.APP_GROUP, groups.getGroup(m.targetGroupId()).getType());
    assertEquals(403, SdkFixture.status(() -> groups.assignUserToGroup(m.targetGroupId(), user)));
    assertEquals(403, SdkFixture.status(() -> groups.deleteGroup(everyone.getId())));
  }

  @Test
  void replaceAndDeleteGroup() {
    Group g = Rules.group(groups, "dept.ux");
    Group r =
        groups.replaceGroup(
            g.getId(),
            new AddGroupRequest()
                .profile(new OktaUserGroupProfile().name("dept.ux").description("new")));
    assertEquals("new", r.getProfile().getDescription());
    groups.deleteGroup(g.getId());
    assertEquals("E0000007", SdkFixture.fails(() -> groups.getGroup(g.getId())).getErrorCode());
  }

  @Test
  void customProfileAttributesNeedTheGroupSchema() {
    Http.Res rejected =
        Http.send(
            f.sandbox,
            "POST",
            "/api/v1/groups",
            "{\"profile\":{\"name\":\"x.y\",\"okta_groups_managed_by\":\"repo\"}}");
    assertEquals(400, rejected.status());
    assertEquals("E0000001", rejected.json().get("errorCode").asText());
    SchemaApi schemas = new SchemaApi(f.client);
    GroupSchema before = schemas.getGroupSchema();
    assertTrue(before.getDefinitions().getCustom().getProperties().isEmpty());
    Http.Res updated =
        Http.send(
            f.sandbox,
            "POST",
            "/api/v1/meta/schemas/group/default",
            "{\"definitions\":{\"custom\":{\"id\":\"#custom\",\"type\":\"object\",\"properties\":{\"okta_groups_managed_by\":"
                + "{\"title\":\"Managed by okta-groups\",\"type\":\"string\",\"maxLength\":200}},\"required\":[]}}}");
    assertEquals(200, updated.status(), updated.body());
    assertTrue(
        schemas
            .getGroupSchema()
            .getDefinitions()
            .getCustom()
            .getProperties()
            .containsKey("okta_groups_managed_by"));
    Group g =
        groups.addGroup(
            new AddGroupRequest().profile(new OktaUserGroupProfile().name("x.y").description("d")));
    Http.Res withMarker =
        Http.send(
            f.sandbox,
            "PUT",
            "/api/v1/groups/" + g.getId(),
            "{\"profile\":{\"name\":\"x.y\",\"description\":\"d\",\"okta_groups_managed_by\":\"repo\"}}");
    assertEquals(200, withMarker.status(), withMarker.body());
    Map<String, Object> raw =
        f.call(
            "GET",
            "/api/v1/groups/" + g.getId(),
            Map.of(),
            null,
            new TypeReference<Map<String, Object>>() {});
    assertEquals("repo", ((Map<?, ?>) raw.get("profile")).get("okta_groups_managed_by"));
    // okta-sdk-java 24.0.0's GroupProfileDeserializer drops custom attributes, which is why
    // okta-groups reads groups through ApiClient.invokeAPI. This tripwire fails once it is fixed.
    assertTrue(groups.getGroup(g.getId()).getProfile().getAdditionalProperties().isEmpty());
  }

  @Test
  void statsExpansion() {
    Group g = Rules.group(groups, "dept.stats");
    groups.assignUserToGroup(g.getId(), f.sandbox.org().allUsers().get(0).id());
    Http.Res r =
        Http.get(
            f.sandbox,
            "/api/v1/groups?search="
                + java.net.URLEncoder.encode(
                    "id eq \"" + g.getId() + "\"", java.nio.charset.StandardCharsets.UTF_8)
                + "&expand=stats");
    assertEquals(1, r.json().get(0).get("_embedded").get("stats").get("usersCount").asInt());
  }

  private static Set<String> names(List<Group> gs) {
    return gs.stream().map(g -> g.getProfile().getName()).collect(Collectors.toSet());
  }
}
