package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.api.ApplicationGroupsApi;
import com.okta.sdk.resource.api.GroupRuleApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.ApplicationGroupAssignment;
import com.okta.sdk.resource.model.GroupRule;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.port.OrgReader;
import dev.oktagroups.port.UserDirectory;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.Ownership;
import dev.oktagroups.state.Person;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads the actual state with list endpoints only, so a plan costs about as many requests as there
 * are pages: all groups, all rules, the members of the groups in scope (in parallel), the catalog
 * apps' assignments and push mappings, and, only for people not already seen as members, a batched
 * user search.
 *
 * <p>Groups are read as raw JSON through the SDK's ApiClient: okta-sdk-java 24's group profile
 * deserialiser drops custom attributes, which would hide the ownership marker.
 */
public final class OktaStateReader implements OktaReader, OrgReader, UserDirectory {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<JsonNode>> LIST = new TypeReference<>() {};
  private static final TypeReference<JsonNode> NODE = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, Object>> PROFILE =
      new TypeReference<>() {};

  private final Calls calls;
  private final ApiClient client;
  private final Lists lists;
  private final MemberLists memberLists;
  private final NamedPeople people;
  private final ScopedRead scoped;

  private final KnownApps knownApps;
  private final DetailCache details;

  OktaStateReader(Calls calls, int threads) {
    this(calls, threads, new KnownApps(Clock.systemUTC()), new DetailCache());
  }

  OktaStateReader(Calls calls, int threads, KnownApps knownApps, DetailCache details) {
    this.knownApps = knownApps;
    this.details = details;
    this.calls = calls;
    this.client = calls.client();
    this.lists = new Lists(calls);
    this.memberLists = new MemberLists(lists, Math.max(1, threads));
    this.people = new NamedPeople(lists);
    this.scoped = new ScopedRead(lists, this::groups, this::rules);
  }

  @Override
  public ActualState read(Plan.Scope scope, Consumer<String> progress) {
    if (scope.scoped()) {
      return readScoped(scope, progress);
    }
    Ownership ownership = scope.ownership();
    return read(scope, ownership::inReadScope, true, progress);
  }

  /**
   * The read of a scoped plan: the scope's groups only, found by name, with what a full read has of
   * them. See {@link ScopedRead} for what each part costs.
   */
  private ActualState readScoped(Plan.Scope scope, Consumer<String> progress) {
    boolean schema = markerDefined(scope.markerAttribute());
    ScopedRead.Found found = scoped.groups(scope, progress);
    Map<String, ActualState.Group> groups = new LinkedHashMap<>(found.groups());
    Map<String, ActualState.Rule> rules = scoped.rules(groups.keySet());
    Ownership ownership = scope.ownership();
    List<String> inScope =
        groups.values().stream().filter(ownership::inReadScope).map(ActualState.Group::id).toList();
    Map<String, Map<String, ActualState.Member>> members = memberLists.read(inScope, progress);
    Set<String> catalog = new TreeSet<>(scope.apps().values());
    catalog.addAll(scope.pushApps());
    Set<String> missing = knownApps.missing(lists, catalog);
    Set<String> apps = new TreeSet<>(scope.apps().values());
    apps.removeAll(missing);
    Set<String> pushApps = new TreeSet<>(scope.pushApps());
    pushApps.removeAll(missing);
    Map<String, Map<String, ActualState.Assignment>> assignments =
        scoped.assignments(inScope, found.stats(), apps, details);
    Map<String, List<ActualState.Mapping>> mappings =
        scoped.mappings(inScope, found.stats(), pushApps, details);
    // The downstream groups the mappings push to, so the planner sees their names.
    mappings.values().stream()
        .flatMap(List::stream)
        .map(ActualState.Mapping::targetGroupId)
        .filter(id -> !id.isEmpty() && !groups.containsKey(id))
        .distinct()
        .forEach(id -> scoped.group(id).ifPresent(g -> groups.put(id, g)));
    Map<String, ActualState.User> users = people.read(scope.users(), members);
    progress.accept(
        "read "
            + found.groups().size()
            + " of the "
            + scope.groups().size()
            + " touched groups, with their members, apps and push mappings, and "
            + rules.size()
            + " rules on them");
    return new ActualState(
        schema, groups, rules, members, assignments, mappings, users, Set.copyOf(missing));
  }

  @Override
  public ActualState readOrg(Plan.Scope scope, Consumer<String> progress) {
    return read(scope, g -> g.type() == ActualState.GroupType.OKTA_GROUP, false, progress);
  }

  /**
   * The read, with the members of the groups {@code membersOf} picks; a read of the plan's scope is
   * remembered for scoped reads ({@link DetailCache}).
   */
  private ActualState read(
      Plan.Scope scope,
      Predicate<ActualState.Group> membersOf,
      boolean remember,
      Consumer<String> progress) {
    java.time.Instant started = java.time.Instant.now();
    boolean schema = markerDefined(scope.markerAttribute());
    List<JsonNode> nodes = groupNodes(true);
    Map<String, ActualState.Group> groups = new LinkedHashMap<>();
    nodes.forEach(g -> groups.put(g.path("id").asText(), group(g)));
    Map<String, ActualState.Rule> rules = rules();
    progress.accept("read " + groups.size() + " groups and " + rules.size() + " rules");

    List<String> inScope = new ArrayList<>();
    for (ActualState.Group g : groups.values()) {
      if (membersOf.test(g)) {
        inScope.add(g.id());
      }
    }
    Map<String, Map<String, ActualState.Member>> members = memberLists.read(inScope, progress);

    Set<String> missing = ConcurrentHashMap.newKeySet();
    Map<String, Map<String, ActualState.Assignment>> assignments = new LinkedHashMap<>();
    for (String appId : new TreeSet<>(scope.apps().values())) {
      try {
        assignments.put(appId, assignments(appId));
      } catch (OktaFailure f) {
        if (f.status() != 404) {
          throw f;
        }
        missing.add(appId);
      }
    }
    Map<String, List<ActualState.Mapping>> mappings = new LinkedHashMap<>();
    for (String appId : scope.pushApps()) {
      if (missing.contains(appId)) {
        continue;
      }
      try {
        mappings.put(appId, mappings(appId));
      } catch (OktaFailure f) {
        if (f.status() != 404) {
          throw f;
        }
        missing.add(appId);
      }
    }
    Map<String, ActualState.User> users = people.read(scope.users(), members);
    long resolved =
        scope.users().stream().filter(u -> users.containsKey(u.toLowerCase(Locale.ROOT))).count();
    progress.accept(
        "read members of "
            + inScope.size()
            + " groups and "
            + assignments.size()
            + " apps' assignments; found "
            + resolved
            + " of the "
            + scope.users().size()
            + " people the manifests name");
    ActualState state =
        new ActualState(
            schema, groups, rules, members, assignments, mappings, users, Set.copyOf(missing));
    if (remember) {
      details.remember(state, IncrementalReader.stamps(nodes), started);
    }
    return state;
  }

  /**
   * The people a SCIM search finds, 200 a page, as raw JSON so custom profile attributes (the ones
   * selectors test) survive.
   */
  @Override
  public List<Person> search(String filter, Consumer<String> progress) {
    List<Person> out = new ArrayList<>();
    String after = null;
    do {
      String cursor = after;
      List<JsonNode> page =
          calls.run(
              "GET /api/v1/users",
              Calls.Retry.IDEMPOTENT,
              () ->
                  lists.invoke(
                      "/api/v1/users",
                      "GET",
                      Lists.query("search", filter, "after", cursor, "limit", 200),
                      null,
                      LIST));
      for (JsonNode u : page) {
        Map<String, Object> profile = JSON.convertValue(u.path("profile"), PROFILE);
        out.add(
            new Person(
                u.path("id").asText(),
                String.valueOf(profile.get("login")),
                String.valueOf(profile.getOrDefault("email", "")),
                u.path("status").asText(),
                profile));
      }
      after = page instanceof PagedList<?> pl && pl.hasMoreItems() ? pl.getAfter() : null;
      if (after != null && out.size() % 5000 < 200) {
        progress.accept("searching the directory: " + out.size() + " people so far");
      }
    } while (after != null);
    return out;
  }

  // ------------------------------------------------------------------ pieces

  Lists lists() {
    return lists;
  }

  DetailCache details() {
    return details;
  }

  MemberLists memberLists() {
    return memberLists;
  }

  NamedPeople people() {
    return people;
  }

  boolean markerDefined(String attribute) {
    JsonNode s =
        calls.run(
            "GET /api/v1/meta/schemas/group/default",
            Calls.Retry.IDEMPOTENT,
            () -> lists.invoke("/api/v1/meta/schemas/group/default", "GET", Map.of(), null, NODE));
    return s.path("definitions").path("custom").path("properties").has(attribute);
  }

  /** Every group, 200 a page. */
  Map<String, ActualState.Group> groups() {
    Map<String, ActualState.Group> out = new LinkedHashMap<>();
    for (JsonNode g : groupNodes(false)) {
      out.put(g.path("id").asText(), group(g));
    }
    return out;
  }

  /** Every group as the group list returns it; with {@code stats}, with _embedded.stats. */
  List<JsonNode> groupNodes(boolean stats) {
    return lists.pages(
        "GET /api/v1/groups",
        (after, limit) ->
            lists.invoke(
                "/api/v1/groups",
                "GET",
                Lists.query("after", after, "limit", limit, "expand", stats ? "stats" : null),
                null,
                LIST),
        200);
  }

  /** One group of a list or a get, as raw JSON, its custom profile attributes kept. */
  static ActualState.Group group(JsonNode g) {
    JsonNode p = g.path("profile");
    Map<String, Object> profile =
        JSON.convertValue(p, new TypeReference<LinkedHashMap<String, Object>>() {});
    profile.remove("name");
    profile.remove("description");
    return new ActualState.Group(
        g.path("id").asText(),
        ActualState.GroupType.parse(g.path("type").asText()),
        p.path("name").asText(),
        p.path("description").isTextual() ? p.get("description").asText() : "",
        profile);
  }

  /** Every group rule, 200 a page. */
  Map<String, ActualState.Rule> rules() {
    GroupRuleApi api = new GroupRuleApi(client);
    Map<String, ActualState.Rule> out = new LinkedHashMap<>();
    for (GroupRule r :
        lists.pages(
            "GET /api/v1/groups/rules",
            (after, limit) -> api.listGroupRules(limit, after, null, null),
            200)) {
      List<String> targets =
          r.getActions() == null || r.getActions().getAssignUserToGroups() == null
              ? List.of()
              : Lists.nonNull(r.getActions().getAssignUserToGroups().getGroupIds());
      List<String> excluded =
          r.getConditions() == null
                  || r.getConditions().getPeople() == null
                  || r.getConditions().getPeople().getUsers() == null
              ? List.of()
              : Lists.nonNull(r.getConditions().getPeople().getUsers().getExclude());
      String expr =
          r.getConditions() == null || r.getConditions().getExpression() == null
              ? ""
              : r.getConditions().getExpression().getValue();
      out.put(
          r.getId(),
          new ActualState.Rule(
              r.getId(),
              r.getName(),
              ActualState.RuleStatus.parse(String.valueOf(r.getStatus())),
              expr,
              targets,
              excluded));
    }
    return out;
  }

  Map<String, ActualState.Assignment> assignments(String appId) {
    ApplicationGroupsApi api = new ApplicationGroupsApi(client);
    Map<String, ActualState.Assignment> out = new LinkedHashMap<>();
    for (ApplicationGroupAssignment a :
        lists.pages(
            "GET /api/v1/apps/{id}/groups",
            (after, limit) -> api.listApplicationGroupAssignments(appId, null, after, limit, null),
            200)) {
      out.put(a.getId(), assignment(appId, a));
    }
    return out;
  }

  /** One group's assignment to {@code appId}. */
  static ActualState.Assignment assignment(String appId, ApplicationGroupAssignment a) {
    Map<String, Object> profile =
        a.getProfile() == null ? Map.of() : new LinkedHashMap<>(a.getProfile());
    return new ActualState.Assignment(
        appId, a.getId(), a.getPriority() == null ? 0 : a.getPriority(), profile);
  }

  List<ActualState.Mapping> mappings(String appId) {
    return lists.mappings(appId, Map.of());
  }

  /** One push mapping of {@code appId}, as raw JSON. */
  static ActualState.Mapping mapping(String appId, JsonNode m) {
    return new ActualState.Mapping(
        m.path("id").asText(),
        appId,
        m.path("sourceGroupId").asText(),
        m.path("targetGroupId").asText(),
        ActualState.MappingStatus.parse(m.path("status").asText()),
        m.path("errorSummary").isTextual() ? m.get("errorSummary").asText() : null);
  }
}
