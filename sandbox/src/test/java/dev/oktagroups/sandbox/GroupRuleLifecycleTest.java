package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.GroupRuleApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserLifecycleApi;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupRule;
import com.okta.sdk.resource.model.GroupRuleStatus;
import com.okta.sdk.resource.model.UpdateUserRequest;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Okta's group rule lifecycle, one rule per test, through the real SDK. */
class GroupRuleLifecycleTest {
  private static final String SECURITY = "user.division == \"Security\"";

  private SdkFixture f;
  private GroupApi groups;
  private GroupRuleApi rules;
  private UserApi users;
  private Group target;
  private User alice;
  private User bob;
  private User carol;

  @BeforeEach
  void start() throws Exception {
    f = SdkFixture.start().seeded(0);
    groups = new GroupApi(f.client);
    rules = new GroupRuleApi(f.client);
    users = new UserApi(f.client);
    target = Rules.group(groups, "div.security");
    alice = Rules.user(users, "alice@example.com", Map.of("division", "Security"));
    bob = Rules.user(users, "bob@example.com", Map.of("division", "Security"));
    carol = Rules.user(users, "carol@example.com", Map.of("division", "Sales"));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private GroupRule securityRule() {
    return rules.createGroupRule(Rules.create("div.security", SECURITY, target.getId()));
  }

  private Set<String> members() {
    return UsersApiTest.memberIds(groups, target);
  }

  /** The membership type the sandbox reports with expand=membership: DIRECT or RULE. */
  private String membershipType(String userId) {
    JsonNode list =
        Http.get(f.sandbox, "/api/v1/groups/" + target.getId() + "/users?expand=membership").json();
    for (JsonNode u : list) {
      if (u.get("id").asText().equals(userId)) {
        return u.get("_embedded").get("membership").get("type").asText();
      }
    }
    return "NONE";
  }

  @Test
  void ruleIsCreatedInactiveAndAdsNoOneUntilActivated() {
    GroupRule r = securityRule();
    assertEquals(GroupRuleStatus.INACTIVE, r.getStatus());
    assertTrue(r.getId().startsWith("0pr"));
    assertEquals(Set.of(), members());
    Http.Res raw = Http.get(f.sandbox, "/api/v1/groups/rules/" + r.getId());
    assertTrue(raw.json().get("allGroupsValid").asBoolean(), "live Okta returns allGroupsValid");
    assertTrue(
        raw.json().get("conditions").get("people").get("users").get("exclude").isArray(),
        "exclusions present as []");
  }

  @Test
  void activateAndDeactivateAnswer204() {
    GroupRule r = securityRule();
    assertEquals(
        204,
        Http.send(
                f.sandbox, "POST", "/api/v1/groups/rules/" + r.getId() + "/lifecycle/activate", "")
            .status());
    assertEquals(GroupRuleStatus.ACTIVE, rules.getGroupRule(r.getId(), null).getStatus());
    assertEquals(
        204,
        Http.send(
                f.sandbox,
                "POST",
                "/api/v1/groups/rules/" + r.getId() + "/lifecycle/deactivate",
                "")
            .status());
    assertEquals(GroupRuleStatus.INACTIVE, rules.getGroupRule(r.getId(), null).getStatus());
  }

  @Test
  void activationAddsActiveMatchesAsRuleManaged() {
    new UserLifecycleApi(f.client).deactivateUser(bob.getId(), false, null);
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    assertEquals(
        Set.of(alice.getId()),
        members(),
        "ACTIVE matches only: bob is deactivated, carol does not match");
    assertEquals("RULE", membershipType(alice.getId()));
  }

  @Test
  void putIsAllowedOnlyWhileInactive() {
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    GroupRule body =
        Rules.replace(r, "user.division == \"Sales\"", List.of(target.getId()), List.of());
    var err = SdkFixture.fails(() -> rules.replaceGroupRule(r.getId(), body));
    assertEquals("E0000001", err.getErrorCode());
    rules.deactivateGroupRule(r.getId());
    GroupRule replaced = rules.replaceGroupRule(r.getId(), body);
    assertEquals("user.division == \"Sales\"", replaced.getConditions().getExpression().getValue());
    assertEquals(GroupRuleStatus.INACTIVE, replaced.getStatus(), "PUT never changes status");
  }

  @Test
  void replacedExpressionAppliesOnReactivation() {
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    rules.deactivateGroupRule(r.getId());
    rules.replaceGroupRule(
        r.getId(),
        Rules.replace(r, "user.division == \"Sales\"", List.of(target.getId()), List.of()));
    rules.activateGroupRule(r.getId());
    assertEquals(
        Set.of(carol.getId()), members(), "no longer matching members left, new matches joined");
  }

  @Test
  void whileActiveProfileChangesAddAndRemoveMembers() {
    rules.activateGroupRule(securityRule().getId());
    users.updateUser(
        carol.getId(),
        new UpdateUserRequest().profile(new UserProfile().division("Security")),
        null);
    users.updateUser(
        alice.getId(), new UpdateUserRequest().profile(new UserProfile().division("Sales")), null);
    assertEquals(Set.of(bob.getId(), carol.getId()), members());
    GroupRule r = rules.listGroupRules(200, null, null, null).get(0);
    assertEquals(
        List.of(),
        r.getConditions().getPeople().getUsers().getExclude(),
        "leaving by attribute is not an exclusion");
  }

  @Test
  void deactivationKeepsExistingMembers() {
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    rules.deactivateGroupRule(r.getId());
    users.updateUser(
        alice.getId(), new UpdateUserRequest().profile(new UserProfile().division("Sales")), null);
    assertEquals(
        Set.of(alice.getId(), bob.getId()), members(), "an inactive rule neither adds nor removes");
  }

  @Test
  void deleteAnswers202AndKeepsMembersAsStaticWithoutRemoveUsers() {
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    rules.deactivateGroupRule(r.getId());
    Http.Res del =
        Http.send(
            f.sandbox, "DELETE", "/api/v1/groups/rules/" + r.getId() + "?removeUsers=false", null);
    assertEquals(202, del.status());
    assertEquals(Set.of(alice.getId(), bob.getId()), members());
    assertEquals(
        "DIRECT", membershipType(alice.getId()), "former rule members stay as static members");
  }

  @Test
  void deleteWithRemoveUsersRemovesWhatTheRuleAdded() {
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    groups.assignUserToGroup(target.getId(), carol.getId());
    rules.deactivateGroupRule(r.getId());
    rules.deleteGroupRule(r.getId(), true);
    assertEquals(Set.of(carol.getId()), members(), "direct members stay");
  }

  @Test
  void anActiveRuleMustBeDeactivatedBeforeDelete() {
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    assertEquals(400, SdkFixture.status(() -> rules.deleteGroupRule(r.getId(), false)));
  }

  @Test
  void deletingTheTargetGroupMakesTheRuleInvalidReadOrDeleteOnly() {
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    groups.deleteGroup(target.getId());
    GroupRule invalid = rules.getGroupRule(r.getId(), null);
    assertEquals(GroupRuleStatus.INVALID, invalid.getStatus());
    assertFalse(
        Http.get(f.sandbox, "/api/v1/groups/rules/" + r.getId())
            .json()
            .get("allGroupsValid")
            .asBoolean());
    var err = SdkFixture.fails(() -> rules.activateGroupRule(r.getId()));
    assertTrue(err.getErrorCauses().get(0).getErrorSummary().contains("INVALID"), err.toString());
    assertEquals(400, SdkFixture.status(() -> rules.deactivateGroupRule(r.getId())));
    assertEquals(
        400,
        SdkFixture.status(
            () ->
                rules.replaceGroupRule(
                    r.getId(), Rules.replace(invalid, SECURITY, List.of(), List.of()))));
    rules.deleteGroupRule(r.getId(), false);
    assertEquals(404, SdkFixture.status(() -> rules.getGroupRule(r.getId(), null)));
  }

  @Test
  void removingARuleMemberByHandExcludesThemFromTheRule() {
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    groups.unassignUserFromGroup(target.getId(), alice.getId());
    GroupRule after = rules.getGroupRule(r.getId(), null);
    assertEquals(List.of(alice.getId()), after.getConditions().getPeople().getUsers().getExclude());
    users.updateUser(
        alice.getId(),
        new UpdateUserRequest().profile(new UserProfile().title("still Security")),
        null);
    assertFalse(members().contains(alice.getId()), "the rule does not add an excluded user back");
  }

  @Test
  void resettingTheExclusionListLetsTheRuleAddThemBack() {
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    groups.unassignUserFromGroup(target.getId(), alice.getId());
    rules.deactivateGroupRule(r.getId());
    rules.replaceGroupRule(
        r.getId(), Rules.replace(r, SECURITY, List.of(target.getId()), List.of()));
    rules.activateGroupRule(r.getId());
    assertTrue(members().contains(alice.getId()));
  }

  @Test
  void aDirectMemberWhomTheRuleMatchesBecomesRuleManaged() {
    groups.assignUserToGroup(target.getId(), alice.getId());
    assertEquals("DIRECT", membershipType(alice.getId()));
    rules.activateGroupRule(securityRule().getId());
    assertEquals("RULE", membershipType(alice.getId()));
    Http.Res managing =
        Http.get(
            f.sandbox,
            "/api/v1/groups/" + target.getId() + "/users/" + alice.getId() + "/group-rules");
    assertEquals(200, managing.status());
    assertEquals("div.security", managing.json().get(0).get("name").asText());
  }

  @Test
  void editableTargetsAreOnByDefaultAndCanBeSwitchedOff() {
    Group other = Rules.group(groups, "div.security.copy");
    GroupRule r = securityRule();
    rules.activateGroupRule(r.getId());
    rules.deactivateGroupRule(r.getId());
    GroupRule moved =
        rules.replaceGroupRule(
            r.getId(), Rules.replace(r, SECURITY, List.of(other.getId()), List.of()));
    assertEquals(List.of(other.getId()), moved.getActions().getAssignUserToGroups().getGroupIds());
    assertEquals(Set.of(), members(), "the rule released the group it no longer feeds");

    f.sandbox.settings().editableRuleTargets = false; // an org from before 2026.08.0
    var err =
        SdkFixture.fails(
            () ->
                rules.replaceGroupRule(
                    r.getId(), Rules.replace(r, SECURITY, List.of(target.getId()), List.of())));
    assertEquals("E0000001", err.getErrorCode());
  }

  @Test
  void namesOver50CharactersAreRejected() {
    String name = "x".repeat(51);
    assertEquals(
        "E0000001",
        SdkFixture.fails(() -> rules.createGroupRule(Rules.create(name, SECURITY, target.getId())))
            .getErrorCode());
    assertEquals(
        50,
        rules
            .createGroupRule(Rules.create("x".repeat(50), SECURITY, target.getId()))
            .getName()
            .length());
  }

  @Test
  void expressionSyntaxErrorsAre400E0000001() {
    for (String bad :
        List.of(
            "user.division = \"Security\"",
            "user.division == \"Security\" and true",
            "user.nosuch == \"x\"",
            "user.division")) {
      var err =
          SdkFixture.fails(() -> rules.createGroupRule(Rules.create("bad", bad, target.getId())));
      assertEquals("E0000001", err.getErrorCode(), bad);
    }
  }

  @Test
  void expressionSubsetEvaluatesAsOkta() {
    Group eng = Rules.group(groups, "eng");
    User dave =
        Rules.user(
            users,
            "dave@example.com",
            Map.of("division", "Security", "title", "Staff Engineer", "countryCode", "US"));
    String expr =
        "String.startsWith(user.division, 'Sec') AND String.stringContains(user.title, \"Engineer\") AND "
            + "!(user.countryCode == \"CA\" OR user.countryCode != 'US') AND isMemberOfAnyGroup(\""
            + target.getId()
            + "\")";
    groups.assignUserToGroup(target.getId(), dave.getId());
    GroupRule r = rules.createGroupRule(Rules.create("eng", expr, eng.getId()));
    rules.activateGroupRule(r.getId());
    assertEquals(Set.of(dave.getId()), UsersApiTest.memberIds(groups, eng));
    groups.unassignUserFromGroup(target.getId(), dave.getId());
    assertEquals(
        Set.of(),
        UsersApiTest.memberIds(groups, eng),
        "membership changes re-evaluate rules that read membership");
  }

  @Test
  void targetsMustBeOktaGroups() {
    Group everyone =
        groups.listGroups(null, "type eq \"BUILT_IN\"", null, 200, null, null, null, null).get(0);
    assertEquals(
        400,
        SdkFixture.status(
            () -> rules.createGroupRule(Rules.create("x", SECURITY, everyone.getId()))));
    assertEquals(
        400,
        SdkFixture.status(
            () -> rules.createGroupRule(Rules.create("x", SECURITY, "00gnosuchgroup000000"))));
  }

  @Test
  void listPagesWith50ByDefault() {
    for (int i = 0; i < 120; i++) {
      rules.createGroupRule(Rules.create("r" + i, SECURITY, target.getId()));
    }
    assertEquals(50, rules.listGroupRules(null, null, null, null).size());
    assertEquals(
        120,
        Rules.all((after, limit) -> rules.listGroupRules(limit, after, null, null), 200).size());
    JsonNode expanded =
        Http.get(f.sandbox, "/api/v1/groups/rules?limit=1&expand=groupIdToGroupNameMap").json();
    assertEquals(
        "div.security",
        expanded.get(0).get("_embedded").get("groupIdToGroupNameMap").get(target.getId()).asText());
  }
}
