package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.okta.sdk.helper.ApiExceptionHelper;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.client.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  @Test
  void everyResponseCarriesRateLimitHeadersAndDate() throws Exception {
    try (SdkFixture f = SdkFixture.start(SandboxConfig.defaults())) {
      for (String p :
          List.of(
              "/api/v1/groups?limit=1",
              "/api/v1/users?limit=1",
              "/api/v1/groups/nosuch",
              "/api/v1/groups/rules")) {
        Http.Res r = Http.get(f.sandbox, p);
        assertNotNull(r.one("X-Rate-Limit-Limit"), p);
        assertNotNull(r.one("X-Rate-Limit-Remaining"), p);
        assertNotNull(r.one("X-Rate-Limit-Reset"), p);
        assertNotNull(r.one("Date"), p);
        assertNotNull(r.one("X-Okta-Request-Id"), p);
      }
    }
  }

  @Test
  void perEndpointBucketsWithOktasNumbersAndTheTokenShare() throws Exception {
    try (SdkFixture f = SdkFixture.start(SandboxConfig.defaults())) {
      assertEquals(
          "250",
          Http.get(f.sandbox, "/api/v1/groups?limit=1").one("X-Rate-Limit-Limit"),
          "groups: 500/min, half per token");
      assertEquals(
          "300",
          Http.get(f.sandbox, "/api/v1/users?limit=1").one("X-Rate-Limit-Limit"),
          "users: 600/min");
      assertEquals(
          "50",
          Http.get(f.sandbox, "/api/v1/apps/" + "0oax/groups").one("X-Rate-Limit-Limit"),
          "apps/*: 100/min");
      assertEquals(
          "600",
          Http.get(f.sandbox, "/api/v1/groups/rules").one("X-Rate-Limit-Limit"),
          "most other: 1,200/min");
      Http.Res a = Http.get(f.sandbox, "/api/v1/groups?limit=1");
      Http.Res b = Http.get(f.sandbox, "/api/v1/groups?limit=1");
      assertEquals(
          Integer.parseInt(a.one("X-Rate-Limit-Remaining")) - 1,
          Integer.parseInt(b.one("X-Rate-Limit-Remaining")));
    }
  }

  @Test
  void aGroupsAppListCountsInTheGroupListsBucket() throws Exception {
    try (SdkFixture f = SdkFixture.start(SandboxConfig.defaults())) {
      Http.Res before = Http.get(f.sandbox, "/api/v1/groups?limit=1");
      String id = before.body().replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
      Http.Res apps = Http.get(f.sandbox, "/api/v1/groups/" + id + "/apps");
      Http.Res after = Http.get(f.sandbox, "/api/v1/groups?limit=1");
      assertEquals(200, apps.status(), apps.body());
      assertEquals("250", apps.one("X-Rate-Limit-Limit"), "the groups bucket, not apps/* (50)");
      assertEquals(
          Integer.parseInt(before.one("X-Rate-Limit-Remaining")) - 2,
          Integer.parseInt(after.one("X-Rate-Limit-Remaining")),
          "the app list spent one of the group list's requests");
    }
  }

  @Test
  void exhaustionIs429E0000047WithAResetTheClientCanWaitFor() throws Exception {
    // The users bucket is 300 per token per minute; a time scale of 10 makes the minute 6 s.
    try (SdkFixture f = SdkFixture.start(SandboxConfig.defaults().withTimeScale(10))) {
      GroupApi groups = new GroupApi(f.client);
      int ok = 0;
      ApiException limited = null;
      for (int i = 0; i < 400 && limited == null; i++) {
        try {
          groups.listGroups(null, null, null, 1, null, null, null, null);
          ok++;
        } catch (ApiException e) {
          limited = e;
        }
      }
      assertEquals(250, ok);
      assertNotNull(limited);
      assertEquals(429, limited.getCode());
      assertEquals("E0000047", ApiExceptionHelper.getError(limited).getErrorCode());
      assertNotNull(header(limited, "Date"), "the SDK needs Date to compute its back-off");
      assertEquals("0", header(limited, "X-Rate-Limit-Remaining"));
      long reset = Long.parseLong(header(limited, "X-Rate-Limit-Reset"));
      long now = System.currentTimeMillis() / 1000;
      assertTrue(
          reset >= now && reset <= now + 7, "reset within one scaled minute: " + (reset - now));
      assertEquals(1, f.sandbox.stats().rateLimited());
      Thread.sleep(Math.max(0, (reset + 1) * 1000 - System.currentTimeMillis()));
      groups.listGroups(null, null, null, 1, null, null, null, null); // a new window
    }
  }

  /**
   * Header names are case-insensitive; the JDK server sends them normalised (X-rate-limit-reset)
   * where Okta sends X-Rate-Limit-Reset, so clients must not look them up by exact case.
   */
  static String header(ApiException e, String name) {
    return e.getResponseHeaders().entrySet().stream()
        .filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase(name))
        .map(h -> h.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  @Test
  void theConcurrencyLimitAnswers429WithZeroLimit() throws Exception {
    try (SdkFixture f = SdkFixture.start(SandboxConfig.defaults().withConcurrencyLimit(2))) {
      f.sandbox
          .faults()
          .add(new Faults.Rule("GET", "/api/v1/groups", 1, 3, Faults.Kind.LATENCY, 600));
      ExecutorService pool = Executors.newFixedThreadPool(3);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Http.Res>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return Http.get(f.sandbox, "/api/v1/groups");
                }));
      }
      go.countDown();
      List<Http.Res> rs = new ArrayList<>();
      for (Future<Http.Res> fu : futures) {
        rs.add(fu.get());
      }
      pool.shutdown();
      Http.Res refused =
          rs.stream()
              .filter(r -> r.status() == 429)
              .findFirst()
              .orElseThrow(() -> new AssertionError(rs));
      assertEquals("0", refused.one("X-Rate-Limit-Limit"));
      assertEquals("0", refused.one("X-Rate-Limit-Remaining"));
      assertEquals(2, rs.stream().filter(r -> r.status() == 200).count());
    }
  }
}
