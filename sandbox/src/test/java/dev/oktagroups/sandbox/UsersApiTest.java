package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserLifecycleApi;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.UpdateUserRequest;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsersApiTest {
  private SdkFixture f;
  private UserApi users;

  @BeforeEach
  void start() throws Exception {
    f = SdkFixture.start().seeded(450);
    users = new UserApi(f.client);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void createActivatedOrStagedAndGetByIdOrLogin() {
    User active = Rules.user(users, "new.person@example.com", Map.of("department", "Engineering"));
    assertEquals(UserStatus.ACTIVE, active.getStatus());
    assertTrue(active.getId().startsWith("00u") && active.getId().length() == 20, active.getId());
    UserProfile p =
        new UserProfile()
            .login("staged.person@example.com")
            .email("staged.person@example.com")
            .firstName("S")
            .lastName("P");
    User staged = users.createUser(new CreateUserRequest().profile(p), false, null, null);
    assertEquals(UserStatus.STAGED, staged.getStatus());
    assertEquals(active.getId(), users.getUser("new.person@example.com", null, null).getId());
    assertEquals(
        "Engineering", users.getUser(active.getId(), null, null).getProfile().getDepartment());
  }

  @Test
  void duplicateLoginAndMissingFieldsAreValidationErrors() {
    Rules.user(users, "dup@example.com", Map.of());
    assertEquals(
        "E0000001",
        SdkFixture.fails(() -> Rules.user(users, "DUP@example.com", Map.of())).getErrorCode());
    UserProfile p = new UserProfile().login("x@example.com").email("x@example.com");
    assertEquals(
        "E0000001",
        SdkFixture.fails(
                () -> users.createUser(new CreateUserRequest().profile(p), true, null, null))
            .getErrorCode());
  }

  @Test
  void listPagesThroughLinkHeadersWithOktaDefaults() {
    List<User> first = users.listUsers(null, null, null, null, null, null, null, null);
    assertEquals(200, first.size(), "Okta's default page is 200 users");
    assertTrue(first instanceof PagedList<?> pl && pl.hasMoreItems());
    List<User> all =
        Rules.all(
            (after, limit) -> users.listUsers(null, null, after, limit, null, null, null, null),
            200);
    long listed =
        f.sandbox.org().allUsers().stream()
            .filter(u -> u.status() != dev.oktagroups.sandbox.org.User.Status.DEPROVISIONED)
            .count();
    assertEquals(listed, all.size(), "every non-deprovisioned user exactly once");
    assertEquals(all.size(), new HashSet<>(all.stream().map(User::getId).toList()).size());
    assertEquals(
        200,
        users.listUsers(null, null, null, 5000, null, null, null, null).size(),
        "200 is the maximum");
  }

  @Test
  void searchSupportsEqSwCoPrAndOrAndParentheses() {
    Rules.user(
        users, "tst.pat.lee@example.com", Map.of("department", "Engineering", "countryCode", "US"));
    Rules.user(
        users, "tst.pat.kim@example.com", Map.of("department", "Sales", "countryCode", "CA"));
    Rules.user(
        users, "tst.sam.lee@example.com", Map.of("department", "Engineering", "countryCode", "CA"));
    String q =
        "profile.login sw \"tst.pat.\" and (profile.department eq \"Sales\" or profile.countryCode eq \"US\")";
    Set<String> logins = logins(users.listUsers(null, null, null, 200, null, q, null, null));
    assertEquals(Set.of("tst.pat.lee@example.com", "tst.pat.kim@example.com"), logins);
    assertEquals(
        Set.of("tst.sam.lee@example.com", "tst.pat.lee@example.com"),
        logins(
            users.listUsers(
                null,
                null,
                null,
                200,
                null,
                "profile.login co \".lee@\" and profile.login sw \"tst.\"",
                null,
                null)));
    assertTrue(
        users.listUsers(null, null, null, 200, null, "profile.managerId pr", null, null).size()
            > 100);
    assertEquals(
        Set.of("tst.pat.lee@example.com"),
        logins(
            users.listUsers(
                null,
                null,
                null,
                200,
                "profile.login eq \"tst.pat.lee@example.com\"",
                null,
                null,
                null)));
    assertEquals(
        "E0000031",
        SdkFixture.fails(
                () ->
                    users.listUsers(
                        null, null, null, 200, "profile.department eq \"Sales\"", null, null, null))
            .getErrorCode(),
        "filter does not support arbitrary profile attributes; search does");
    assertEquals(
        "E0000031",
        SdkFixture.fails(
                () ->
                    users.listUsers(
                        null, null, null, 200, null, "profile.department like \"x\"", null, null))
            .getErrorCode());
  }

  @Test
  void profileUpdateReevaluatesActiveRules() {
    GroupApi groups = new GroupApi(f.client);
    Group g = Rules.group(groups, "dept.quality");
    var rule =
        Rules.rules(f)
            .createGroupRule(
                Rules.create("dept.quality", "user.department == \"Quality\"", g.getId()));
    Rules.rules(f).activateGroupRule(rule.getId());
    User u = Rules.user(users, "mover@example.com", Map.of("department", "Support"));
    assertFalse(memberIds(groups, g).contains(u.getId()));
    users.updateUser(
        u.getId(), new UpdateUserRequest().profile(new UserProfile().department("Quality")), null);
    assertTrue(memberIds(groups, g).contains(u.getId()), "matching now: added by the rule");
    users.updateUser(
        u.getId(), new UpdateUserRequest().profile(new UserProfile().department("Support")), null);
    assertFalse(
        memberIds(groups, g).contains(u.getId()), "not matching any more: removed by the rule");
  }

  @Test
  void deactivateThenDeleteAndUserGroupsIncludeEveryone() {
    GroupApi groups = new GroupApi(f.client);
    Group g = Rules.group(groups, "app.figma.admins");
    User u = Rules.user(users, "leaver@example.com", Map.of());
    groups.assignUserToGroup(g.getId(), u.getId());
    List<Group> mine =
        new com.okta.sdk.resource.api.UserResourcesApi(f.client).listUserGroups(u.getId());
    assertEquals(
        Set.of("Everyone", "app.figma.admins"),
        new HashSet<>(mine.stream().map(x -> x.getProfile().getName()).toList()));
    assertTrue(mine.stream().anyMatch(x -> x.getType() == GroupType.BUILT_IN));
    new UserLifecycleApi(f.client).deactivateUser(u.getId(), false, null);
    assertEquals(UserStatus.DEPROVISIONED, users.getUser(u.getId(), null, null).getStatus());
    assertTrue(
        memberIds(groups, g).contains(u.getId()), "deactivated users keep their memberships");
    users.deleteUser(u.getId(), false, null);
    assertEquals(404, SdkFixture.status(() -> users.getUser(u.getId(), null, null)));
    assertFalse(memberIds(groups, g).contains(u.getId()));
  }

  @Test
  void firstDeleteOfAnActiveUserOnlyDeactivates() {
    User u = Rules.user(users, "twice@example.com", Map.of());
    users.deleteUser(u.getId(), false, null);
    assertEquals(UserStatus.DEPROVISIONED, users.getUser(u.getId(), null, null).getStatus());
  }

  static Set<String> logins(List<User> us) {
    Set<String> s = new HashSet<>();
    us.forEach(u -> s.add(u.getProfile().getLogin()));
    return s;
  }

  static Set<String> memberIds(GroupApi groups, Group g) {
    Set<String> s = new HashSet<>();
    Rules.all((after, limit) -> groups.listGroupUsers(g.getId(), after, limit), 200)
        .forEach(u -> s.add(u.getId()));
    return s;
  }
}
