package dev.oktagroups.okta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.oktagroups.port.OktaFailure;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter's pacing and retries, against WireMock faults where timing must be exact. */
class CallsTest {
  private WireMockServer wm;
  private OktaConnection conn;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort());
    wm.start();
    conn =
        OktaConnection.connect(
            "http://127.0.0.1:" + wm.port(), new OktaConnection.ApiToken("t0ken-for-wiremock"));
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private static String date(Instant i) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(i);
  }

  @Test
  void a429WaitsUntilTheAnnouncedResetByTheServersClockThenRetries() {
    Instant serverNow = Instant.now().minusSeconds(3600); // a server clock an hour behind ours
    wm.stubFor(
        post(urlPathEqualTo("/api/v1/groups"))
            .inScenario("rl")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Date", date(serverNow))
                    .withHeader("X-Rate-Limit-Limit", "250")
                    .withHeader("X-Rate-Limit-Remaining", "0")
                    .withHeader("X-Rate-Limit-Reset", Long.toString(serverNow.getEpochSecond() + 1))
                    .withBody(
                        "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit\",\"errorCauses\":[]}"))
            .willSetStateTo("ok"));
    wm.stubFor(
        post(urlPathEqualTo("/api/v1/groups"))
            .inScenario("rl")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"00g1\",\"type\":\"OKTA_GROUP\",\"profile\":{\"name\":\"x\"}}")));
    long t0 = System.nanoTime();
    String id = conn.writer().createGroup("x", "d", Map.of());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals("00g1", id);
    assertTrue(
        ms >= 900 && ms < 5000, "waited about a second, by the server's clock, not an hour: " + ms);
    assertEquals(1, conn.rateLimited());
    wm.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/groups")));
  }

  @Test
  void transientErrorsAreRetriedAndClientErrorsAreNot() {
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/meta/schemas/group/default"))
            .inScenario("t")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("ok"));
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/meta/schemas/group/default"))
            .inScenario("t")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"errorCode\":\"E0000001\",\"errorSummary\":\"Api validation failed\",\"errorCauses\":[{\"errorSummary\":\"x: bad\"}]}")));
    OktaFailure f =
        assertThrows(
            OktaFailure.class,
            () ->
                conn.reader(1)
                    .read(
                        new dev.oktagroups.plan.Plan.Scope(
                            java.util.Set.of(),
                            java.util.Set.of(),
                            Map.of(),
                            java.util.Set.of(),
                            "m",
                            "v"),
                        s -> {}));
    assertEquals(400, f.status());
    assertEquals("E0000001", f.errorCode());
    assertTrue(f.detail().contains("x: bad"));
    wm.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/meta/schemas/group/default")));
  }

  private void groupsNamed(String body) {
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/groups"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  @Test
  void aCreateWhoseAnswerWasLostAdoptsTheGroupItMadeInsteadOfSendingItAgain() {
    wm.stubFor(
        post(urlPathEqualTo("/api/v1/groups"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    groupsNamed(
        "[{\"id\":\"00gOther\",\"type\":\"OKTA_GROUP\",\"profile\":{\"name\":\"x.longer\","
            + "\"okta_groups_owner\":\"okta-groups\"}},"
            + "{\"id\":\"00gMine\",\"type\":\"OKTA_GROUP\",\"profile\":{\"name\":\"x\","
            + "\"okta_groups_owner\":\"okta-groups\"}}]");
    String id = conn.writer().createGroup("x", "d", Map.of("okta_groups_owner", "okta-groups"));
    assertEquals("00gMine", id);
    wm.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/groups")));
  }

  @Test
  void aLostCreateNeverAdoptsAGroupWithoutTheMarkerAndIsSentAgainOnlyAfterTheLookup() {
    wm.stubFor(
        post(urlPathEqualTo("/api/v1/groups"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    groupsNamed("[{\"id\":\"00gTheirs\",\"type\":\"OKTA_GROUP\",\"profile\":{\"name\":\"x\"}}]");
    OktaFailure f =
        assertThrows(
            OktaFailure.class,
            () -> conn.writer().createGroup("x", "d", Map.of("okta_groups_owner", "okta-groups")));
    assertEquals(0, f.status());
    assertTrue(f.getMessage().contains("cannot reach Okta"), f.getMessage());
    assertFalse(f.getMessage().contains("t0ken-for-wiremock"));
    // Each create went out only after a lookup had found nothing of ours.
    int posts = wm.findAll(postRequestedFor(urlPathEqualTo("/api/v1/groups"))).size();
    int looks = wm.findAll(getRequestedFor(urlPathEqualTo("/api/v1/groups"))).size();
    assertEquals(posts, looks);
  }

  @Test
  void aDuplicateNameAnswerAdoptsOurGroupButNotAStrangers() {
    wm.stubFor(
        post(urlPathEqualTo("/api/v1/groups"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"errorCode\":\"E0000001\",\"errorSummary\":\"Api validation failed: name\","
                            + "\"errorCauses\":[{\"errorSummary\":\"name: An object with this field"
                            + " already exists in the current organization\"}]}")));
    groupsNamed(
        "[{\"id\":\"00gMine\",\"type\":\"OKTA_GROUP\",\"profile\":{\"name\":\"x\","
            + "\"okta_groups_owner\":\"okta-groups\"}}]");
    assertEquals(
        "00gMine", conn.writer().createGroup("x", "d", Map.of("okta_groups_owner", "okta-groups")));
    OktaFailure f =
        assertThrows(
            OktaFailure.class,
            () -> conn.writer().createGroup("x", "d", Map.of("okta_groups_owner", "someone-else")));
    assertEquals(400, f.status());
  }

  @Test
  void headerNamesAreReadWhateverTheirCase() {
    Map<String, java.util.List<String>> h =
        Map.of(
            "x-RATE-limit-reset",
            java.util.List.of("12"),
            "date",
            java.util.List.of(date(Instant.ofEpochSecond(10))));
    long wait = Calls.resetWait(h, 1);
    assertTrue(wait >= 2000 && wait < 2100, "two seconds by the server's Date: " + wait);
  }
}
