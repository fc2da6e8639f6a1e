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

  /**
   * Okta's limiter answers before the service does: a request refused with 429 meets no injected
   * fault and does not count towards one. Counted, a storm's 429s made every fifth attempt of a
   * retried create a 503, and it gave up after eight of them.
   */
  @Test
  void aRequestTheRateLimiterRefusesIsNotCountedByAFault() throws Exception {
    try (Sandbox s = Sandbox.start(SandboxConfig.defaults())) {
      int limit = s.bucketOf("GET /api/v1/groups").perTokenLimit();
      for (int i = 0; i < limit; i++) {
        assertEquals(200, Http.get(s, "/api/v1/groups?limit=1").status());
      }
      s.faults().add(Faults.Rule.failNth("GET", "/api/v1/groups", 1, Faults.Kind.ERROR_503));
      assertEquals(429, Http.get(s, "/api/v1/groups?limit=1").status());
      assertEquals(429, Http.get(s, "/api/v1/groups?limit=1").status());
      s.resetRateLimits();
      assertEquals(503, Http.get(s, "/api/v1/groups?limit=1").status(), "the first counted");
      assertEquals(200, Http.get(s, "/api/v1/groups?limit=1").status());
    }
  }

  @Test
  void anInjected429AnnouncesAFarReset() throws Exception {
    try (Sandbox s = Sandbox.start(SandboxConfig.defaults())) {
      s.faults()
          .add(new Faults.Rule("GET", "/api/v1/groups", 1, 1, Faults.Kind.RATE_LIMIT_429, 60_000));
      Http.Res r = Http.get(s, "/api/v1/groups?limit=1");
      assertEquals(429, r.status());
      assertEquals("E0000047", r.json().path("errorCode").asText());
      assertEquals("0", r.one("X-Rate-Limit-Remaining"));
      long reset = Long.parseLong(r.one("X-Rate-Limit-Reset"));
      long now = System.currentTimeMillis() / 1000;
      assertTrue(reset >= now + 59 && reset <= now + 62, "resets in a minute: " + (reset - now));
      assertEquals(200, Http.get(s, "/api/v1/groups?limit=1").status());
    }
  }
}
