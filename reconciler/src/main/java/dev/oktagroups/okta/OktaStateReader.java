package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.api.ApplicationGroupsApi;
import com.okta.sdk.resource.api.GroupRuleApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.Pair;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.ApplicationGroupAssignment;
import com.okta.sdk.resource.model.GroupRule;
import com.okta.sdk.resource.model.User;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.port.UserDirectory;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.Ownership;
import dev.oktagroups.state.Person;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Reads the actual state with list endpoints only, so a plan costs about as many requests as there
 * are pages: all groups, all rules, the members of the groups in scope (in parallel), the catalog
 * apps' assignments and push mappings, and, only for people not already seen as members, a batched
 * user search.
 *
 * <p>Groups are read as raw JSON through the SDK's ApiClient: okta-sdk-java 24's group profile
 * deserialiser drops custom attributes, which would hide the ownership marker.
 */
public final class OktaStateReader implements OktaReader, UserDirectory {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<JsonNode>> LIST = new TypeReference<>() {};
  private static final TypeReference<JsonNode> NODE = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, Object>> PROFILE =
      new TypeReference<>() {};

  private final Calls calls;
  private final ApiClient client;
  private final int threads;

  /** Okta GA'd membership expand in 2026.06.0; an older org refuses it, and then we stop asking. */
  private volatile boolean expandMembership = true;

  OktaStateReader(Calls calls, int threads) {
    this.calls = calls;
    this.client = calls.client();
    this.threads = Math.max(1, threads);
  }

  @Override
  public ActualState read(Plan.Scope scope, Consumer<String> progress) {
    boolean schema = markerDefined(scope.markerAttribute());
    Map<String, ActualState.Group> groups = groups();
    Map<String, ActualState.Rule> rules = rules();
    progress.accept("read " + groups.size() + " groups and " + rules.size() + " rules");

    Ownership ownership = scope.ownership();
    List<String> inScope = new ArrayList<>();
    for (ActualState.Group g : groups.values()) {
      if (ownership.inReadScope(g)) {
        inScope.add(g.id());
      }
    }
    Map<String, Map<String, ActualState.Member>> members = members(inScope, progress);

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
    Map<String, ActualState.User> users = users(scope.users(), members);
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
    return new ActualState(
        schema, groups, rules, members, assignments, mappings, users, Set.copyOf(missing));
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
                  invoke(
                      "/api/v1/users",
                      "GET",
                      query("search", filter, "after", cursor, "limit", 200),
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

  private boolean markerDefined(String attribute) {
    JsonNode s =
        calls.run(
            "GET /api/v1/meta/schemas/group/default",
            Calls.Retry.IDEMPOTENT,
            () -> invoke("/api/v1/meta/schemas/group/default", "GET", Map.of(), null, NODE));
    return s.path("definitions").path("custom").path("properties").has(attribute);
  }

  private Map<String, ActualState.Group> groups() {
    Map<String, ActualState.Group> out = new LinkedHashMap<>();
    for (JsonNode g :
        pages(
            "GET /api/v1/groups",
            (after, limit) ->
                invoke("/api/v1/groups", "GET", query("after", after, "limit", limit), null, LIST),
            200)) {
      JsonNode p = g.path("profile");
      Map<String, Object> profile =
          JSON.convertValue(p, new TypeReference<LinkedHashMap<String, Object>>() {});
      profile.remove("name");
      profile.remove("description");
      out.put(
          g.path("id").asText(),
          new ActualState.Group(
              g.path("id").asText(),
              ActualState.GroupType.parse(g.path("type").asText()),
              p.path("name").asText(),
              p.path("description").isTextual() ? p.get("description").asText() : "",
              profile));
    }
    return out;
  }

  private Map<String, ActualState.Rule> rules() {
    GroupRuleApi api = new GroupRuleApi(client);
    Map<String, ActualState.Rule> out = new LinkedHashMap<>();
    for (GroupRule r :
        pages(
            "GET /api/v1/groups/rules",
            (after, limit) -> api.listGroupRules(limit, after, null, null),
            200)) {
      List<String> targets =
          r.getActions() == null || r.getActions().getAssignUserToGroups() == null
              ? List.of()
              : nonNull(r.getActions().getAssignUserToGroups().getGroupIds());
      List<String> excluded =
          r.getConditions() == null
                  || r.getConditions().getPeople() == null
                  || r.getConditions().getPeople().getUsers() == null
              ? List.of()
              : nonNull(r.getConditions().getPeople().getUsers().getExclude());
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

  private Map<String, Map<String, ActualState.Member>> members(
      List<String> groupIds, Consumer<String> progress) {
    Map<String, Map<String, ActualState.Member>> out = new ConcurrentHashMap<>();
    Map<String, Map<String, Object>> profiles = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    long[] lastNote = {System.currentTimeMillis()};
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, Math.max(1, groupIds.size())),
            r -> {
              Thread t = new Thread(r, "okta-read");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String gid : groupIds) {
        futures.add(
            pool.submit(
                () -> {
                  out.put(gid, membersOf(gid, profiles));
                  int n = done.incrementAndGet();
                  synchronized (lastNote) {
                    if (System.currentTimeMillis() - lastNote[0] > 2000) {
                      lastNote[0] = System.currentTimeMillis();
                      progress.accept(
                          "reading members: "
                              + n
                              + "/"
                              + groupIds.size()
                              + " groups ("
                              + calls.requests()
                              + " requests)");
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OktaFailure(0, "", "interrupted", List.of());
    } finally {
      pool.shutdownNow();
    }
    return new LinkedHashMap<>(out);
  }

  private Map<String, ActualState.Member> membersOf(
      String gid, Map<String, Map<String, Object>> profiles) {
    String path = "/api/v1/groups/" + client.escapeString(gid) + "/users";
    List<JsonNode> users;
    try {
      users =
          pages(
              "GET /api/v1/groups/{id}/users",
              (after, limit) ->
                  invoke(
                      path,
                      "GET",
                      expandMembership
                          ? query("after", after, "limit", limit, "expand", "membership")
                          : query("after", after, "limit", limit),
                      null,
                      LIST),
              1000);
    } catch (OktaFailure f) {
      if (!expandMembership || f.status() != 400) {
        throw f;
      }
      expandMembership =
          false; // an org without the 2026.06.0 expand: tell members apart by selector
      users =
          pages(
              "GET /api/v1/groups/{id}/users",
              (after, limit) ->
                  invoke(path, "GET", query("after", after, "limit", limit), null, LIST),
              1000);
    }
    Map<String, ActualState.Member> out = new LinkedHashMap<>();
    for (JsonNode u : users) {
      // People belong to many groups: share one profile per person rather than one per membership,
      // which on a 5,000-group org was most of the heap (docs/benchmarks.md).
      Map<String, Object> profile =
          profiles.computeIfAbsent(
              u.path("id").asText(), id -> JSON.convertValue(u.path("profile"), PROFILE));
      String type = u.path("_embedded").path("membership").path("type").asText("");
      ActualState.Via via =
          switch (type) {
            case "DIRECT" -> ActualState.Via.DIRECT;
            case "RULE" -> ActualState.Via.RULE;
            default -> ActualState.Via.UNKNOWN;
          };
      out.put(
          u.path("id").asText(),
          new ActualState.Member(
              u.path("id").asText(),
              String.valueOf(profile.get("login")),
              String.valueOf(profile.getOrDefault("email", "")),
              u.path("status").asText(),
              via,
              profile));
    }
    return out;
  }

  private Map<String, ActualState.Assignment> assignments(String appId) {
    ApplicationGroupsApi api = new ApplicationGroupsApi(client);
    Map<String, ActualState.Assignment> out = new LinkedHashMap<>();
    for (ApplicationGroupAssignment a :
        pages(
            "GET /api/v1/apps/{id}/groups",
            (after, limit) -> api.listApplicationGroupAssignments(appId, null, after, limit, null),
            200)) {
      Map<String, Object> profile =
          a.getProfile() == null ? Map.of() : new LinkedHashMap<>(a.getProfile());
      out.put(
          a.getId(),
          new ActualState.Assignment(
              appId, a.getId(), a.getPriority() == null ? 0 : a.getPriority(), profile));
    }
    return out;
  }

  private List<ActualState.Mapping> mappings(String appId) {
    String path = "/api/v1/apps/" + client.escapeString(appId) + "/group-push/mappings";
    List<ActualState.Mapping> out = new ArrayList<>();
    for (JsonNode m :
        pages(
            "GET /api/v1/apps/{id}/group-push/mappings",
            (after, limit) ->
                invoke(path, "GET", query("after", after, "limit", limit), null, LIST),
            1000)) {
      out.add(
          new ActualState.Mapping(
              m.path("id").asText(),
              appId,
              m.path("sourceGroupId").asText(),
              m.path("targetGroupId").asText(),
              ActualState.MappingStatus.parse(m.path("status").asText()),
              m.path("errorSummary").isTextual() ? m.get("errorSummary").asText() : null));
    }
    return out;
  }

  /**
   * The named people: first from the member lists already read, then by batched search for the
   * rest, then by a consistent GET for any the (eventually consistent) search missed.
   */
  private Map<String, ActualState.User> users(
      Set<String> wanted, Map<String, Map<String, ActualState.Member>> members) {
    Map<String, ActualState.User> out = new HashMap<>();
    Set<String> left = new TreeSet<>();
    wanted.forEach(w -> left.add(w.toLowerCase(Locale.ROOT)));
    for (Map<String, ActualState.Member> ms : members.values()) {
      for (ActualState.Member m : ms.values()) {
        ActualState.User u = new ActualState.User(m.userId(), m.login(), m.email(), m.status());
        index(out, left, u);
      }
    }
    UserApi api = new UserApi(client);
    List<String> batch = new ArrayList<>(left);
    for (int i = 0; i < batch.size(); i += 15) {
      List<String> part = batch.subList(i, Math.min(batch.size(), i + 15));
      List<String> terms = new ArrayList<>();
      for (String login : part) {
        String q = "\"" + login.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        terms.add("profile.login eq " + q);
        terms.add("profile.email eq " + q);
      }
      String search = String.join(" or ", terms);
      for (User u :
          pages(
              "GET /api/v1/users",
              (after, limit) -> api.listUsers(null, null, after, limit, null, search, null, null),
              200)) {
        index(
            out,
            left,
            user(
                u.getId(),
                u.getProfile() == null ? null : u.getProfile().getLogin(),
                u.getProfile() == null ? null : u.getProfile().getEmail(),
                String.valueOf(u.getStatus())));
      }
    }
    for (String login : new ArrayList<>(left)) {
      try {
        JsonNode u =
            calls.run(
                "GET /api/v1/users/{id}",
                Calls.Retry.IDEMPOTENT,
                () ->
                    invoke(
                        "/api/v1/users/" + client.escapeString(login),
                        "GET",
                        Map.of(),
                        null,
                        NODE));
        index(
            out,
            left,
            user(
                u.path("id").asText(),
                u.path("profile").path("login").asText(null),
                u.path("profile").path("email").asText(null),
                u.path("status").asText()));
      } catch (OktaFailure f) {
        if (f.status() != 404) {
          throw f;
        }
      }
    }
    return out;
  }

  private static ActualState.User user(String id, String login, String email, String status) {
    return new ActualState.User(id, String.valueOf(login), email == null ? "" : email, status);
  }

  private static void index(
      Map<String, ActualState.User> out, Set<String> left, ActualState.User u) {
    for (String k : new String[] {u.login(), u.email()}) {
      if (k != null && !k.isEmpty()) {
        String key = k.toLowerCase(Locale.ROOT);
        out.putIfAbsent(key, u);
        left.remove(key);
      }
    }
  }

  // ------------------------------------------------------------------ plumbing

  /** Every page of a list, following the Link headers through the SDK's PagedList. */
  private <T> List<T> pages(String endpoint, BiFunction<String, Integer, List<T>> page, int limit) {
    List<T> out = new ArrayList<>();
    String after = null;
    do {
      String cursor = after;
      List<T> p = calls.run(endpoint, Calls.Retry.IDEMPOTENT, () -> page.apply(cursor, limit));
      out.addAll(p);
      after = p instanceof PagedList<?> pl && pl.hasMoreItems() ? pl.getAfter() : null;
    } while (after != null);
    return out;
  }

  private <T> T invoke(
      String path, String method, Map<String, Object> query, Object body, TypeReference<T> type) {
    List<Pair> q = new ArrayList<>();
    query.forEach((k, v) -> q.addAll(client.parameterToPair(k, v)));
    return client.invokeAPI(
        path,
        method,
        q,
        new ArrayList<>(),
        null,
        body,
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        "application/json",
        "application/json",
        new String[] {"apiToken", "oauth2"},
        type);
  }

  private static Map<String, Object> query(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  private static List<String> nonNull(Collection<String> c) {
    return c == null ? List.of() : List.copyOf(c);
  }
}
