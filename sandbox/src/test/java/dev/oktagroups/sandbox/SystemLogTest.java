package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.SystemLogApi;
import com.okta.sdk.resource.model.LogEvent;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.Org;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/logs} and the change signals an incremental reader relies on. */
class SystemLogTest {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

  private SdkFixture f;
  private Org org;
  private String user;

  @BeforeEach
  void start() throws Exception {
    f = SdkFixture.start().seeded(20);
    org = f.sandbox.org();
    user = org.allUsers().get(0).id();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  /** A polling page: its events and the next link, which a polling page always has. */
  private record Poll(List<JsonNode> events, String next) {}

  private Poll poll(String pathAndQuery) {
    Http.Res r = Http.get(f.sandbox, pathAndQuery);
    assertEquals(200, r.status(), r.body());
    List<JsonNode> events = new ArrayList<>();
    r.json().forEach(events::add);
    String next =
        r.all("Link").stream()
            .map(NEXT::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .findFirst()
            .orElse(null);
    return new Poll(events, next);
  }

  private static String relative(String url) {
    URI u = URI.create(url);
    return u.getRawPath() + "?" + u.getRawQuery();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private String now() {
    return Instant.now().minusSeconds(1).toString();
  }

  @Test
  void pollingAlwaysHasANextLinkAndTheCursorSeesOnlyNewEvents() {
    Poll first = poll("/api/v1/logs?since=" + now());
    assertEquals(List.of(), first.events(), "seeding writes no events");
    assertTrue(first.next() != null, "an empty polling page still has a next link");

    Group g = org.createGroup(Map.of("name", "div.security"));
    org.addMember(g.id(), user);
    Poll second = poll(relative(first.next()));
    assertEquals(
        List.of("group.lifecycle.create", "group.user_membership.add"),
        second.events().stream().map(e -> e.get("eventType").asText()).toList());
    JsonNode add = second.events().get(1);
    assertEquals("User", add.at("/actor/type").asText());
    assertEquals(List.of("User", "UserGroup"), types(add));
    assertEquals(user, add.at("/target/0/id").asText());
    assertEquals(g.id(), add.at("/target/1/id").asText());
    assertNotEquals(first.next(), second.next());

    Poll third = poll(relative(second.next()));
    assertEquals(List.of(), third.events(), "nothing new after the cursor");
    assertTrue(third.next() != null);
  }

  @Test
  void ruleAndAppAndPushEventsHaveTheirTargets() {
    Group g = org.createGroup(Map.of("name", "div.security"));
    String cursor = poll("/api/v1/logs?since=" + now()).next();
    org.assign(SdkFixture.FIGMA, g.id(), null, Map.of());
    org.unassign(SdkFixture.FIGMA, g.id());
    Instant before = org.group(g.id()).lastMembershipUpdated();
    sleepMillis(5);
    var rule =
        org.createRule(
            new Org.RuleSpec(
                "r",
                "urn:okta:expression:1.0",
                "user.login == \"" + org.user(user).profile().get("login") + "\"",
                List.of(g.id()),
                List.of()));
    org.activateRule(rule.id());
    assertTrue(
        org.group(g.id()).lastMembershipUpdated().isAfter(before),
        "a rule's add moves lastMembershipUpdated");
    org.removeMember(g.id(), user); // a rule member removed by hand: excluded
    var m = org.createMapping(SdkFixture.SLACK, g.id(), null, "div.security", null);
    org.setMappingStatus(SdkFixture.SLACK, m.id(), "INACTIVE");

    List<JsonNode> events = poll(relative(cursor)).events();
    List<String> types = events.stream().map(e -> e.get("eventType").asText()).toList();
    assertEquals(
        List.of(
            "group.application_assignment.add",
            "group.application_assignment.remove",
            "group.user_membership.add",
            "group.user_membership.remove",
            "group.user_membership.rule.add_exclusion",
            "group.lifecycle.create",
            "application.provision.group_push.mapping.created",
            "application.provision.group_push.deactivate_mapping"),
        types,
        "admins' rule create and activate log nothing, as in Okta");
    assertEquals(List.of("UserGroup", "AppInstance"), types(events.get(0)));
    assertEquals("SystemPrincipal", events.get(2).at("/actor/type").asText(), "a rule's add");
    assertEquals("User", events.get(3).at("/actor/type").asText(), "the admin's removal");
  }

  @Test
  void userChangesAreLogged() {
    String cursor = poll("/api/v1/logs?since=" + now()).next();
    org.updateUser(user, Map.of("title", "Boss"), false);
    org.deactivateUser(user);
    List<JsonNode> events = poll(relative(cursor)).events();
    assertEquals(
        List.of("user.account.update_profile", "user.lifecycle.deactivate"),
        events.stream().map(e -> e.get("eventType").asText()).toList());
    assertEquals(List.of("User"), types(events.get(0)));
    assertEquals(user, events.get(1).at("/target/0/id").asText());
  }

  @Test
  void filterNarrowsByEventTypeAndTarget() {
    Group a = org.createGroup(Map.of("name", "a"));
    Group b = org.createGroup(Map.of("name", "b"));
    org.addMember(a.id(), user);
    org.addMember(b.id(), user);
    String filter =
        "(eventType eq \"group.user_membership.add\" or eventType eq \"group.user_membership.remove\")"
            + " and target.id eq \""
            + b.id()
            + "\"";
    Poll p = poll("/api/v1/logs?since=" + now() + "&filter=" + enc(filter));
    assertEquals(1, p.events().size());
    assertEquals(b.id(), p.events().get(0).at("/target/1/id").asText());
    assertEquals(
        400, Http.get(f.sandbox, "/api/v1/logs?filter=" + enc("actor.login eq \"x\"")).status());
  }

  @Test
  void aLateEventArrivesAfterTheCursorAndTheSdkReadsIt() throws Exception {
    Group g = org.createGroup(Map.of("name", "late"));
    String cursor = poll("/api/v1/logs?since=" + now()).next();
    f.sandbox.settings().logDeliveryDelay = Duration.ofMillis(300);
    org.addMember(g.id(), user); // published now, stored in 300 ms
    f.sandbox.settings().logDeliveryDelay = Duration.ZERO;
    org.replaceGroup(g.id(), Map.of("name", "late2"));
    Poll early = poll(relative(cursor));
    assertEquals(
        List.of("group.profile.update"),
        early.events().stream().map(e -> e.get("eventType").asText()).toList());
    Thread.sleep(400);
    Poll late = poll(relative(early.next()));
    assertEquals(1, late.events().size(), "the late event comes after the cursor");
    assertEquals("group.user_membership.add", late.events().get(0).get("eventType").asText());

    SystemLogApi api = new SystemLogApi(f.client);
    List<LogEvent> viaSdk =
        api.listLogEvents(
            Instant.now().minusSeconds(60).toString(),
            null,
            null,
            "eventType eq \"group.user_membership.add\"",
            null,
            1000,
            null);
    assertEquals(1, viaSdk.size());
    assertEquals(g.id(), viaSdk.get(0).getTarget().get(1).getId());
  }

  @Test
  void refusesOldSinceForgedCursorsAndCapsTheLimit() {
    String old = Instant.now().minus(Duration.ofDays(181)).toString();
    Http.Res r = Http.get(f.sandbox, "/api/v1/logs?since=" + old);
    assertEquals(400, r.status());
    assertEquals("E0000001", r.json().get("errorCode").asText());
    assertEquals(400, Http.get(f.sandbox, "/api/v1/logs?after=bm90LWEtY3Vyc29y").status());
    for (int i = 0; i < 3; i++) {
      org.createGroup(Map.of("name", "g" + i));
    }
    Poll p = poll("/api/v1/logs?since=" + now() + "&limit=5000");
    assertTrue(p.next().contains("limit=1000"), p.next());
    // A bounded request (until given) has a next link only while more remain.
    Http.Res bounded =
        Http.get(
            f.sandbox,
            "/api/v1/logs?since=" + now() + "&until=" + Instant.now().plusSeconds(1) + "&limit=2");
    assertEquals(2, bounded.json().size());
    assertTrue(bounded.all("Link").stream().anyMatch(l -> l.contains("rel=\"next\"")));
  }

  @Test
  void pushMappingsFilterOnLastUpdated() throws Exception {
    Group a = org.createGroup(Map.of("name", "a"));
    Group b = org.createGroup(Map.of("name", "b"));
    var ma = org.createMapping(SdkFixture.SLACK, a.id(), null, "a", null);
    Thread.sleep(1100);
    Instant mark = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    var mb = org.createMapping(SdkFixture.SLACK, b.id(), null, "b", null);
    Http.Res r =
        Http.get(
            f.sandbox,
            "/api/v1/apps/" + SdkFixture.SLACK + "/group-push/mappings?lastUpdated=" + mark);
    assertEquals(200, r.status(), r.body());
    List<String> ids = new ArrayList<>();
    r.json().forEach(m -> ids.add(m.get("id").asText()));
    assertEquals(List.of(mb.id()), ids);
    assertFalse(ids.contains(ma.id()));
    assertEquals(
        400,
        Http.get(
                f.sandbox,
                "/api/v1/apps/" + SdkFixture.SLACK + "/group-push/mappings?lastUpdated=yesterday")
            .status());
  }

  @Test
  void theLogHasItsOwnBucket() throws Exception {
    try (SdkFixture limited = SdkFixture.start(SandboxConfig.defaults())) {
      Http.Res r = Http.get(limited.sandbox, "/api/v1/logs");
      assertEquals("60", r.one("X-Rate-Limit-Limit"), "half of the Workforce org's 120");
      assertEquals("/api/v1/logs", limited.sandbox.bucketOf("GET /api/v1/logs").name());
    }
  }

  private static List<String> types(JsonNode event) {
    List<String> out = new ArrayList<>();
    event.get("target").forEach(t -> out.add(t.get("type").asText()));
    return out;
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
