package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The knobs that make the sandbox lag like Okta: off by default, on for tests that need them. */
class RealismKnobsTest {
  @Test
  void searchLagHidesNewObjectsFromListsButNotFromGets() throws Exception {
    try (SdkFixture f = SdkFixture.start()) {
      f.sandbox.settings().searchLag = Duration.ofMillis(400);
      GroupApi groups = new GroupApi(f.client);
      var g = Rules.group(groups, "dept.fresh");
      assertEquals(
          0,
          groups.listGroups("dept.fresh", null, null, 10, null, null, null, null).size(),
          "q reads the lagging index");
      assertEquals(
          "dept.fresh",
          groups.getGroup(g.getId()).getProfile().getName(),
          "GET by id is consistent");
      Thread.sleep(500);
      assertEquals(
          1, groups.listGroups("dept.fresh", null, null, 10, null, null, null, null).size());
    }
  }

  @Test
  void ruleEvaluationDelay() throws Exception {
    try (SdkFixture f = SdkFixture.start()) {
      f.sandbox.settings().ruleEvaluationDelay = Duration.ofMillis(300);
      GroupApi groups = new GroupApi(f.client);
      var g = Rules.group(groups, "div.security");
      var u = Rules.user(new UserApi(f.client), "a@example.com", Map.of("division", "Security"));
      var r =
          Rules.rules(f)
              .createGroupRule(
                  Rules.create("div.security", "user.division == \"Security\"", g.getId()));
      Rules.rules(f).activateGroupRule(r.getId());
      assertEquals(
          0, groups.listGroupUsers(g.getId(), null, 200).size(), "evaluation has not run yet");
      long deadline = System.currentTimeMillis() + 5000;
      while (groups.listGroupUsers(g.getId(), null, 200).isEmpty()
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(u.getId(), groups.listGroupUsers(g.getId(), null, 200).get(0).getId());
      assertTrue(System.currentTimeMillis() < deadline);
    }
  }
}
