package dev.oktagroups.okta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.plan.Fingerprint;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.SandboxConfig;
import dev.oktagroups.sandbox.Seed;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.PushMapping;
import dev.oktagroups.sandbox.org.Rule;
import dev.oktagroups.state.ActualState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental read and a full read of the same org agree, state and stale-plan fingerprint,
 * after every kind of change an admin, a rule or Okta makes; through the real SDK against the
 * sandbox.
 */
class IncrementalReadTest {
  private static final String MARKER = "okta_groups_managed_by";
  private static final String SLACK = "0oa1slack00000000007";
  private static final String FIGMA = "0oa1figma00000000007";
  private static final String GOOGLE = "0oa1google0000000007";

  @TempDir Path dir;
  private Sandbox sandbox;
  private Org org;
  private OktaConnection connection;
  private OktaReader incremental;
  private OktaReader full;
  private Plan.Scope scope;
  private Group eng;
  private Group sales;
  private Rule rule;
  private PushMapping mapping;
  private List<String> people;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(SandboxConfig.defaults().withRateLimits(false));
    sandbox.seed(
        new Seed(
            40,
            7,
            List.of(new Seed.Attribute("department", List.of())),
            List.of(
                new Seed.App(
                    Optional.of(SLACK),
                    "slack",
                    "Slack",
                    true,
                    Seed.PushType.SLACK,
                    Optional.empty()),
                new Seed.App(
                    Optional.of(GOOGLE),
                    "google",
                    "Google Workspace",
                    true,
                    Seed.PushType.GOOGLE,
                    Optional.of("example.com")),
                new Seed.App(
                    Optional.of(FIGMA),
                    "figma",
                    "Figma",
                    false,
                    Seed.PushType.GENERIC,
                    Optional.empty())),
            0,
            List.of()));
    org = sandbox.org();
    org.defineGroupAttributes(Map.of(MARKER, Map.of("type", "string")));
    eng = org.createGroup(Map.of("name", "dept.eng", MARKER, "repo"));
    sales = org.createGroup(Map.of("name", "dept.sales", MARKER, "repo"));
    people =
        org.allUsers().stream()
            .filter(u -> u.status().name().equals("ACTIVE"))
            .map(u -> u.id())
            .toList();
    org.addMember(eng.id(), people.get(0));
    org.addMember(eng.id(), people.get(1));
    rule = org.createRule(rule("dept.eng rule", "Engineering", eng.id()));
    org.activateRule(rule.id());
    org.assign(FIGMA, eng.id(), null, Map.of("role", "editor"));
    mapping = org.createMapping(SLACK, eng.id(), null, "eng", null);
    connection =
        OktaConnection.connect(sandbox.url(), new OktaConnection.ApiToken(sandbox.token()));
    incremental =
        connection.incrementalReader(
            2, new IncrementalReader.Settings(dir, Duration.ofHours(24), false));
    full = connection.reader(2);
    scope =
        new Plan.Scope(
            Set.of("dept.eng", "dept.sales"),
            Set.of(),
            Map.of("Slack", SLACK, "Figma", FIGMA),
            Set.of(SLACK),
            MARKER,
            "repo");
    List<String> first = new ArrayList<>();
    incremental.read(scope, first::add);
    captureMappingQueries();
    assertTrue(
        first.stream().anyMatch(l -> l.startsWith("full read: no read cache")), first.toString());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static Org.RuleSpec rule(String name, String department, String groupId) {
    return new Org.RuleSpec(
        name,
        "urn:okta:expression:1.0",
        "user.department == \"" + department + "\"",
        List.of(groupId),
        List.of());
  }

  /** An incremental read after the change agrees with a full read; returns its requests. */
  private long agrees(String change) {
    List<String> lines = new ArrayList<>();
    long r0 = connection.requests();
    queries.clear();
    capturing = true;
    ActualState inc = incremental.read(scope, lines::add);
    capturing = false;
    long cost = connection.requests() - r0;
    ActualState all = full.read(scope, l -> {});
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("incremental read:")),
        change + ": the read was not incremental: " + lines);
    assertEquals(all, inc, change + ": the states differ");
    assertEquals(Fingerprint.of(all, scope), Fingerprint.of(inc, scope), change + ": fingerprints");
    return cost;
  }

  @Test
  void aNoOpReadIsCheap() {
    long cost = agrees("nothing");
    // schema, 1 group page, 1 rule page, 1 log page, 1 push-mapping page: nothing else.
    assertEquals(5, cost, "a warm no-op read re-reads nothing");
  }

  @Test
  void membersAddedAndRemovedByAnAdmin() {
    org.addMember(sales.id(), people.get(2));
    agrees("member added");
    org.removeMember(eng.id(), people.get(0));
    agrees("member removed");
  }

  @Test
  void aRuleMemberMovedByAProfileChange() {
    String someone = people.get(3);
    org.updateUser(someone, Map.of("department", "Engineering"), false);
    agrees("joined by the rule");
    org.updateUser(someone, Map.of("department", "Sales"), false);
    agrees("left by the rule");
  }

  @Test
  void aMembersStatusOrProfileChange() {
    org.updateUser(people.get(0), Map.of("title", "Principal"), false);
    agrees("a direct member's profile changed");
    org.deactivateUser(people.get(1));
    agrees("a direct member deactivated");
  }

  @Test
  void groupsDeletedOrRenamedInTheConsole() {
    org.replaceGroup(sales.id(), Map.of("name", "dept.sales2", MARKER, "repo"));
    agrees("renamed");
    org.deleteGroup(sales.id());
    agrees("deleted");
  }

  @Test
  void appsAssignedUnassignedAndEdited() {
    org.assign(FIGMA, sales.id(), null, Map.of());
    agrees("assigned");
    org.patchAssignment(
        FIGMA, sales.id(), List.of(new Org.PatchOp("replace", "/profile/role", "admin")));
    agrees("edited");
    org.unassign(FIGMA, eng.id());
    agrees("unassigned");
  }

  @Test
  void pushMappingsDeactivatedAndDeleted() {
    org.setMappingStatus(SLACK, mapping.id(), "INACTIVE");
    agrees("deactivated");
    org.deleteMapping(SLACK, mapping.id(), false);
    agrees("deleted");
  }

  @Test
  void aPushMappingCreatedInTheConsoleAndItsSourceGroupDeleted() {
    org.createMapping(SLACK, sales.id(), null, "sales", null);
    agrees("created");
    org.deleteGroup(sales.id());
    agrees("its source group deleted");
  }

  @Test
  void aPushMappingDeletedAndAnotherCreatedOnTheSameGroupInOneWindow() {
    // A mapping on an app outside the scope's push apps: it counts in the group's stats, so the
    // merged set holds one fewer than the count and a deletion balanced by a creation hides.
    org.createMapping(FIGMA, eng.id(), null, "eng", null);
    org.setMappingStatus(SLACK, mapping.id(), "INACTIVE");
    agrees("deactivated");
    // The log's events come late: only the filtered list can tell.
    sandbox.settings().logDeliveryDelay = LATE;
    org.deleteMapping(SLACK, mapping.id(), false);
    org.createMapping(SLACK, eng.id(), null, "eng", null);
    sandbox.settings().logDeliveryDelay = Duration.ZERO;
    agrees("deleted and created, the count unchanged");
    assertTrue(
        queries.contains("sourceGroupId=" + eng.id() + "&limit=1000"),
        "the group is read again: " + queries);
  }

  @Test
  void aPushMappingDeletedWithoutAnEvent() {
    org.setMappingStatus(SLACK, mapping.id(), "INACTIVE");
    agrees("deactivated");
    sandbox.settings().logDeliveryDelay = LATE;
    org.deleteMapping(SLACK, mapping.id(), false);
    sandbox.settings().logDeliveryDelay = Duration.ZERO;
    agrees("deleted: only the count shows it");
  }

  @Test
  void aPushMappingDeletedUnderACountOfActiveMappingsOnly() {
    // Should Okta count only ACTIVE mappings, deleting an INACTIVE one leaves the count alone; an
    // ACTIVE mapping on an app outside the scope keeps it above what the merged set holds.
    sandbox.settings().pushMappingsCountActiveOnly = true;
    org.createMapping(GOOGLE, eng.id(), null, "eng", null);
    org.setMappingStatus(SLACK, mapping.id(), "INACTIVE");
    agrees("deactivated");
    sandbox.settings().logDeliveryDelay = LATE;
    org.deleteMapping(SLACK, mapping.id(), false);
    sandbox.settings().logDeliveryDelay = Duration.ZERO;
    agrees("deleted: neither the count nor an event shows it");
    assertTrue(queries.contains("status=INACTIVE&limit=1000"), queries.toString());
  }

  @Test
  void aPushMappingChangedJustInsideTheOverlapWindow() throws Exception {
    sandbox.settings().logDeliveryDelay = LATE;
    PushMapping changed = org.setMappingStatus(SLACK, mapping.id(), "INACTIVE");
    sandbox.settings().logDeliveryDelay = Duration.ZERO;
    // As if the cached listing ran two seconds after the change and Okta's list index had not
    // caught up with it yet.
    setMappingsAt(changed.lastUpdated().plusSeconds(2).toString());
    agrees("changed two seconds before the cached listing");
  }

  @Test
  void aWarmNoOpReadFiltersPushMappingsAndRereadsNoGroup() {
    agrees("nothing");
    assertEquals(1, queries.size(), queries.toString());
    assertTrue(
        queries.get(0).matches("lastUpdated=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ&limit=1000"),
        "filtered by lastUpdated, in whole seconds: " + queries);
  }

  @Test
  void aCacheWithoutAMappingStampListsEveryMapping() throws Exception {
    setMappingsAt(null);
    org.setMappingStatus(SLACK, mapping.id(), "INACTIVE");
    agrees("an older cache");
    assertEquals(List.of("limit=1000"), queries, "listed in full");
  }

  /** A delivery delay of the System Log longer than any read in these tests. */
  private static final Duration LATE = Duration.ofSeconds(30);

  /** The queries of the push-mapping lists the last incremental read of {@link #agrees} sent. */
  private final List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();

  private volatile boolean capturing;

  private void captureMappingQueries() {
    sandbox.onExchange(
        x -> {
          if (capturing
              && x.method().equals("GET")
              && x.template().equals("/api/v1/apps/{appId}/group-push/mappings")) {
            queries.add(
                java.net.URLDecoder.decode(
                    String.valueOf(x.query()), java.nio.charset.StandardCharsets.UTF_8));
          }
        });
  }

  /** Rewrites the read cache's push-mapping stamp; null removes it, as in an older cache. */
  private void setMappingsAt(String at) throws Exception {
    Path file = dir.resolve(ReadCache.FILE);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
    if (at == null) {
      tree.remove("mappingsAt");
    } else {
      tree.put("mappingsAt", at);
    }
    json.writeValue(file.toFile(), tree);
  }

  @Test
  void rulesEditedOrDeactivated() {
    org.deactivateRule(rule.id());
    agrees("deactivated");
    org.replaceRule(rule.id(), rule("dept.eng rule", "Sales", eng.id()));
    agrees("edited");
    org.activateRule(rule.id());
    agrees("activated again");
  }

  @Test
  void anEventDeliveredLate() throws Exception {
    sandbox.settings().logDeliveryDelay = Duration.ofMillis(400);
    org.addMember(sales.id(), people.get(4));
    org.assign(FIGMA, sales.id(), null, Map.of());
    sandbox.settings().logDeliveryDelay = Duration.ZERO;
    agrees("before the events arrive");
    Thread.sleep(500);
    agrees("after they arrive");
  }

  @Test
  void aRefusedCursorMeansAFullRead() throws Exception {
    Path file = dir.resolve(ReadCache.FILE);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
    tree.put("logAfter", "bm90LWEtY3Vyc29y"); // not a cursor the log handed out
    json.writeValue(file.toFile(), tree);
    org.addMember(sales.id(), people.get(5));
    List<String> lines = new ArrayList<>();
    ActualState read = incremental.read(scope, lines::add);
    assertTrue(
        lines.contains("full read: the cache's log cursor cannot be followed"), lines.toString());
    assertEquals(full.read(scope, l -> {}), read);
    agrees("the next read is incremental again");
  }

  @Test
  void aCorruptOrForeignCacheIsIgnored() throws Exception {
    Files.writeString(dir.resolve(ReadCache.FILE), "{not json");
    List<String> lines = new ArrayList<>();
    incremental.read(scope, lines::add);
    assertTrue(
        lines.contains(
            "full read: ignoring the read cache "
                + dir.resolve(ReadCache.FILE)
                + ": it cannot be read"),
        lines.toString());
    OktaReader other =
        OktaConnection.connect(
                sandbox.url().replace("127.0.0.1", "localhost"),
                new OktaConnection.ApiToken(sandbox.token()))
            .incrementalReader(1, new IncrementalReader.Settings(dir, Duration.ofHours(24), false));
    lines.clear();
    other.read(scope, lines::add);
    assertTrue(lines.stream().anyMatch(l -> l.contains("it is of another org")), lines.toString());
  }

  // ------------------------------------------------------------ scoped reads and the detail cache

  /** A clock that can be set back, so events polled in set-up count as seen long before a read. */
  private static final class Shifted extends java.time.Clock {
    volatile Duration by = Duration.ZERO;

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return java.time.Instant.now().plus(by);
    }
  }

  private Plan.Scope scoped(String... groups) {
    return new Plan.Scope(
        Set.of(groups),
        Set.of(),
        scope.apps(),
        scope.pushApps(),
        scope.markerAttribute(),
        scope.markerValue(),
        List.of(),
        true);
  }

  private long appsBucket() {
    return connection.buckets().stream()
        .filter(b -> b.bucket().equals("/api/v1/apps*"))
        .mapToLong(OktaConnection.BucketUse::requests)
        .sum();
  }

  /** The watcher's log poll, begun, then a full read remembered after it: the cache is warm. */
  private Removals warmDetails(Shifted clock) {
    OktaStateReader reader = connection.reader(1);
    Removals log = new Removals(reader, clock, reader.details());
    clock.by = DetailCache.MARGIN.multipliedBy(-3); // set-up's events: seen well before the read
    log.poll(l -> {});
    full.read(scope, l -> {});
    clock.by = Duration.ZERO;
    log.poll(l -> {});
    return log;
  }

  /** What a scoped read of dept.eng must agree with a full read on. */
  private void scopedAgrees(String change, ActualState scopedRead) {
    ActualState all = full.read(scope, l -> {});
    assertEquals(all.groups().get(eng.id()), scopedRead.groups().get(eng.id()), change);
    for (String app : scope.apps().values()) {
      assertEquals(
          Optional.ofNullable(all.assignments().get(app)).map(m -> m.get(eng.id())),
          Optional.ofNullable(scopedRead.assignments().get(app)).map(m -> m.get(eng.id())),
          change + ": the assignment to " + app);
    }
    assertEquals(
        all.mappings().get(SLACK).stream().filter(m -> m.sourceGroupId().equals(eng.id())).toList(),
        scopedRead.mappings().get(SLACK),
        change + ": push mappings");
  }

  @Test
  void aScopedReadOfAnUnchangedGroupSpendsNoAppsBucketRequests() {
    warmDetails(new Shifted());
    long before = appsBucket();
    ActualState s = full.read(scoped("dept.eng"), l -> {});
    assertEquals(0, appsBucket() - before, "apps-bucket requests for a group whose apps are quiet");
    assertTrue(s.assignments().get(FIGMA).containsKey(eng.id()), "the cached assignment is used");
    scopedAgrees("unchanged", s);
  }

  @Test
  void aScopedReadRereadsWhatTheLogOrTheStatsSayChanged() {
    Removals log = warmDetails(new Shifted());
    org.patchAssignment(
        FIGMA, eng.id(), List.of(new Org.PatchOp("replace", "/profile/role", "admin")));
    log.poll(l -> {});
    long before = appsBucket();
    scopedAgrees("assignment edited", full.read(scoped("dept.eng"), l -> {}));
    assertTrue(appsBucket() > before, "an edited assignment is read again");

    org.setMappingStatus(SLACK, mapping.id(), "INACTIVE");
    log.poll(l -> {});
    scopedAgrees("mapping deactivated", full.read(scoped("dept.eng"), l -> {}));

    org.deleteMapping(SLACK, mapping.id(), false);
    org.unassign(FIGMA, eng.id());
    log.poll(l -> {});
    scopedAgrees("mapping deleted, app unassigned", full.read(scoped("dept.eng"), l -> {}));
  }

  @Test
  void withoutAFreshLogPollNothingIsTakenFromTheCache() {
    Shifted clock = new Shifted();
    warmDetails(clock);
    // The poll stalls (its last one is set back beyond FRESH): a change it has not seen yet
    // must not be hidden by the cache.
    OktaStateReader reader = connection.reader(1);
    reader
        .details()
        .polled(
            java.time.Instant.now().minus(DetailCache.FRESH.multipliedBy(2)),
            java.time.Instant.now().minus(DetailCache.FRESH.multipliedBy(2)),
            List.of());
    org.patchAssignment(
        FIGMA, eng.id(), List.of(new Org.PatchOp("replace", "/profile/role", "viewer")));
    long before = appsBucket();
    scopedAgrees("edited, not polled", full.read(scoped("dept.eng"), l -> {}));
    assertTrue(appsBucket() > before, "read from Okta, not from the cache");
  }
}
