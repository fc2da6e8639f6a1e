package dev.oktagroups.okta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.port.OktaFailure;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An org that cannot be reached fails at once; one that fails for a moment is retried aloud. */
class UnreachableTest {
  private static final Plan.Scope SCOPE =
      new Plan.Scope(Set.of(), Set.of(), Map.of(), Set.of(), "m", "v");

  @Test
  void aRefusedConnectionFailsAtOnceWithoutRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    OktaConnection c =
        OktaConnection.connect("http://127.0.0.1:" + port, new OktaConnection.ApiToken("t"));
    List<String> retries = new CopyOnWriteArrayList<>();
    c.onRetry(retries::add);
    long t0 = System.nanoTime();
    OktaFailure f = assertThrows(OktaFailure.class, () -> c.reader(1).read(SCOPE, s -> {}));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(f.getMessage().contains("connection refused"), f.getMessage());
    assertTrue(f.getMessage().contains("127.0.0.1:" + port), f.getMessage());
    assertEquals(1, c.requests(), "a refused connection is not retried");
    assertEquals(List.of(), retries);
    assertTrue(ms < 3000, "failed in " + ms + " ms");
  }

  @Test
  void anUnknownHostFailsAtOnceAndSaysSo() {
    OktaConnection c =
        OktaConnection.connect("https://okta-groups.invalid", new OktaConnection.ApiToken("t"));
    OktaFailure f = assertThrows(OktaFailure.class, () -> c.reader(1).read(SCOPE, s -> {}));
    assertTrue(f.getMessage().contains("'okta-groups.invalid' does not resolve"), f.getMessage());
    assertEquals(1, c.requests());
  }

  @Test
  void aDroppedConnectionOnAReadIsRetriedAndEachAttemptAnnounced() {
    WireMockServer wm = new WireMockServer(options().dynamicPort());
    wm.start();
    try {
      String schema = "/api/v1/meta/schemas/group/default";
      wm.stubFor(
          get(urlPathEqualTo(schema))
              .inScenario("drop")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
              .willSetStateTo("up"));
      wm.stubFor(
          get(urlPathEqualTo(schema))
              .inScenario("drop")
              .whenScenarioStateIs("up")
              .willReturn(aResponse().withStatus(400).withBody("{\"errorCode\":\"E0000001\"}")));
      OktaConnection c =
          OktaConnection.connect("http://127.0.0.1:" + wm.port(), new OktaConnection.ApiToken("t"));
      List<String> retries = new CopyOnWriteArrayList<>();
      c.onRetry(retries::add);
      assertThrows(OktaFailure.class, () -> c.reader(1).read(SCOPE, s -> {}));
      wm.verify(2, getRequestedFor(urlPathEqualTo(schema)));
      assertEquals(1, retries.size(), retries.toString());
      assertTrue(retries.get(0).contains("attempt 1 of 8, trying again in"), retries.toString());
    } finally {
      wm.stop();
    }
  }

  @Test
  void aTimeoutIsTriedOnceMoreAnnouncedThenGivenUpAndAWriteIsNeverSentAgain() {
    // An org that answered before and has gone quiet: the SDK's timeout, tried once more.
    FirstContact answeredBefore = new FirstContact(FirstContact.DEADLINE);
    answeredBefore.answered();
    Calls calls = new Calls(new com.okta.sdk.resource.client.ApiClient(), answeredBefore);
    List<String> retries = new CopyOnWriteArrayList<>();
    calls.onRetry(retries::add);
    java.util.concurrent.atomic.AtomicInteger sent =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<String> silent =
        () -> {
          sent.incrementAndGet();
          throw new com.okta.sdk.resource.client.ApiException(
              new java.net.SocketTimeoutException("Read timed out"));
        };
    OktaFailure read =
        assertThrows(
            OktaFailure.class,
            () -> calls.run("GET /api/v1/groups", Calls.Retry.IDEMPOTENT, silent));
    assertEquals(Calls.MAX_TIMEOUTS, sent.get(), "a read is tried once more, not eight times");
    assertTrue(read.getMessage().startsWith("gave up after 2 attempts"), read.getMessage());
    assertTrue(read.getMessage().contains("no answer from Okta in 10 s"), read.getMessage());
    assertEquals(1, retries.size(), retries.toString());
    assertTrue(retries.get(0).contains("attempt 1 of 2"), retries.toString());

    sent.set(0);
    OktaFailure write =
        assertThrows(
            OktaFailure.class,
            () -> calls.run("POST /api/v1/groups/rules", Calls.Retry.ONLY_IF_REFUSED, silent));
    assertEquals(1, sent.get(), "a write that may have been done is not sent again");
    assertTrue(write.getMessage().contains("may or may not have been done"), write.getMessage());
  }

  @Test
  void aFirstReadThatIsNotAnsweredFailsAtTheDeadlineWithoutARetry() {
    Calls calls = new Calls(new com.okta.sdk.resource.client.ApiClient(), new FirstContact(SHORT));
    List<String> retries = new CopyOnWriteArrayList<>();
    calls.onRetry(retries::add);
    AtomicInteger sent = new AtomicInteger();
    long t0 = System.nanoTime();
    OktaFailure f =
        assertThrows(
            OktaFailure.class,
            () ->
                calls.run(
                    "GET /api/v1/groups",
                    Calls.Retry.IDEMPOTENT,
                    () -> {
                      sent.incrementAndGet();
                      return slowly("late", 5_000);
                    }));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(f.getMessage().contains("no answer to the first request in"), f.getMessage());
    assertTrue(f.getMessage().contains("check that the org URL points at Okta"), f.getMessage());
    assertEquals(1, sent.get(), "an org that never answered is not asked again");
    assertEquals(List.of(), retries);
    assertTrue(ms < 2_000, "failed at the deadline, not the SDK's timeout: " + ms + " ms");
  }

  @Test
  void onceTheOrgHasAnsweredASlowReadIsWaitedForEvenThroughTheLease() {
    Calls calls = new Calls(new com.okta.sdk.resource.client.ApiClient(), new FirstContact(SHORT));
    assertEquals("up", calls.run("GET /api/v1/groups", Calls.Retry.IDEMPOTENT, () -> "up"));
    // Slower than the first-contact deadline: the org answered before, so this is only slow.
    assertEquals(
        "slow", calls.run("GET /api/v1/groups", Calls.Retry.IDEMPOTENT, () -> slowly("slow", 800)));
    // The lease's calls share what was answered: their reads are not first contact either, so
    // they run on the caller's thread under the SDK's timeout alone.
    Thread caller = Thread.currentThread();
    Calls lease = calls.sibling();
    assertEquals(
        caller, lease.run("GET /api/v1/groups/g", Calls.Retry.IDEMPOTENT, Thread::currentThread));
  }

  @Test
  void aFirstWriteIsNeverAbandonedAtTheDeadline() {
    Calls calls = new Calls(new com.okta.sdk.resource.client.ApiClient(), new FirstContact(SHORT));
    assertEquals(
        "done",
        calls.run(
            "POST /api/v1/groups/g/lifecycle/activate",
            Calls.Retry.IDEMPOTENT,
            () -> slowly("done", 800)));
  }

  @Test
  void aFirstReadsHeadersReachTheCallersThread() {
    WireMockServer wm = new WireMockServer(options().dynamicPort());
    wm.start();
    try {
      wm.stubFor(
          get(urlPathEqualTo("/api/v1/groups"))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "application/json")
                      .withHeader("Date", "Tue, 01 Dec 2026 12:00:00 GMT")
                      .withBody("[]")));
      OktaConnection c =
          OktaConnection.connect("http://127.0.0.1:" + wm.port(), new OktaConnection.ApiToken("t"));
      Lists lists = new Lists(c.calls());
      lists
          .calls()
          .run(
              "GET /api/v1/groups",
              Calls.Retry.IDEMPOTENT,
              () ->
                  lists.invoke(
                      "/api/v1/groups",
                      "GET",
                      Map.of(),
                      null,
                      new com.fasterxml.jackson.core.type.TypeReference<List<Object>>() {}));
      assertEquals(
          "Tue, 01 Dec 2026 12:00:00 GMT",
          Calls.header(lists.calls().responseHeaders(), "Date"),
          "the Date header a first read was answered with, as LogPoller reads Okta's clock");
    } finally {
      wm.stop();
    }
  }

  private static final java.time.Duration SHORT = java.time.Duration.ofMillis(300);

  private static String slowly(String value, long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return value;
  }
}
