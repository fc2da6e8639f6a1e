package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.GroupRuleApi;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  @Test
  void nthMatchingRequestFailsWithTheChosenStatus() throws Exception {
    try (SdkFixture f = SdkFixture.start()) {
      f.sandbox
          .faults()
          .add(Faults.Rule.failNth("GET", "/api/v1/groups", 2, Faults.Kind.ERROR_500));
      f.sandbox.faults().add(Faults.Rule.failNth("GET", "/api/v1/users", 1, Faults.Kind.ERROR_503));
      GroupApi groups = new GroupApi(f.client);
      groups.listGroups(null, null, null, 1, null, null, null, null);
      assertEquals(
          500,
          SdkFixture.status(() -> groups.listGroups(null, null, null, 1, null, null, null, null)));
      groups.listGroups(null, null, null, 1, null, null, null, null);
      assertEquals(503, Http.get(f.sandbox, "/api/v1/users").status());
      assertEquals(200, Http.get(f.sandbox, "/api/v1/users").status());
    }
  }

  @Test
  void ruleCreationWhileBusyIs423E0000239() throws Exception {
    try (SdkFixture f = SdkFixture.start()) {
      var g = Rules.group(new GroupApi(f.client), "x");
      f.sandbox
          .faults()
          .add(Faults.Rule.failNth("POST", "/api/v1/groups/rules", 1, Faults.Kind.LOCKED_423));
      GroupRuleApi rules = new GroupRuleApi(f.client);
      var err = SdkFixture.fails(() -> rules.createGroupRule(Rules.create("x", "true", g.getId())));
      assertEquals("E0000239", err.getErrorCode());
      rules.createGroupRule(Rules.create("x", "true", g.getId())); // transient: the retry succeeds
    }
  }

  @Test
  void resetDropsTheConnectionAndLatencyDelays() throws Exception {
    try (SdkFixture f = SdkFixture.start()) {
      f.sandbox.faults().add(Faults.Rule.failNth("GET", "/api/v1/groups", 1, Faults.Kind.RESET));
      GroupApi groups = new GroupApi(f.client);
      assertThrows(
          Exception.class, () -> groups.listGroups(null, null, null, 1, null, null, null, null));
      f.sandbox.faults().clear();
      f.sandbox
          .faults()
          .add(new Faults.Rule(null, "/api/v1/groups", 1, 1, Faults.Kind.LATENCY, 300));
      long t0 = System.nanoTime();
      groups.listGroups(null, null, null, 1, null, null, null, null);
      assertTrue((System.nanoTime() - t0) / 1_000_000 >= 290);
    }
  }
}
