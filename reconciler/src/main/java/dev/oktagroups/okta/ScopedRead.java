package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.ApplicationGroupsApi;
import com.okta.sdk.resource.client.ApiClient;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.state.ActualState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The read of a scoped plan ({@link Plan.Scope#scoped()}): only the groups the scope names, so its
 * cost follows the number of groups a commit touched, not the size of the org.
 *
 * <ul>
 *   <li>each group is found by name with a search, with {@code expand=stats} so that a group with
 *       no apps or no push mappings costs nothing more. A name the search does not find falls back
 *       to the full group list once: the search index lags behind writes, and a group created a
 *       moment ago must not be created twice;
 *   <li>the rule list is read whole (at most 10 pages): no event or filter shows which rules target
 *       a group, and a rule okta-groups did not write must still be seen;
 *   <li>members, as the full read does, for the groups found;
 *   <li>a group's apps through {@code /api/v1/groups/{id}/apps}, which counts against the large
 *       groups bucket, then the catalog apps' assignments that list names: from the {@link
 *       DetailCache} when it vouches for them, else read in the small apps bucket;
 *   <li>push mappings, from the {@link DetailCache} when it vouches for them, else read by {@code
 *       sourceGroupId}; and each mapping's downstream group by id.
 * </ul>
 *
 * <p>Which catalog apps exist is checked once per {@link #APPS_TTL} rather than on every read: each
 * check costs a request, and an app deleted meanwhile only makes an apply fail until the next check
 * or full read says so.
 */
final class ScopedRead {
  private static final TypeReference<List<JsonNode>> LIST = new TypeReference<>() {};
  private static final TypeReference<JsonNode> NODE = new TypeReference<>() {};

  private final Lists lists;
  private final ApiClient client;
  private final Supplier<Map<String, ActualState.Group>> allGroups;
  private final Supplier<Map<String, ActualState.Rule>> allRules;

  ScopedRead(
      Lists lists,
      Supplier<Map<String, ActualState.Group>> allGroups,
      Supplier<Map<String, ActualState.Rule>> allRules) {
    this.lists = lists;
    this.client = lists.calls().client();
    this.allGroups = allGroups;
    this.allRules = allRules;
  }

  /** The counts {@code expand=stats} adds; empty when the group was not read with them. */
  record Stats(int apps, int pushMappings) {}

  /** The groups of the scope, by id, with their stats where known. */
  record Found(Map<String, ActualState.Group> groups, Map<String, Stats> stats) {}

  /** The scope's groups, by name: a search each, or the full list when one is not found. */
  Found groups(Plan.Scope scope, Consumer<String> progress) {
    Map<String, ActualState.Group> groups = new LinkedHashMap<>();
    Map<String, Stats> stats = new LinkedHashMap<>();
    boolean allFound = true;
    for (String name : new TreeSet<>(scope.groups())) {
      boolean found = false;
      for (JsonNode g : search(name)) {
        ActualState.Group group = OktaStateReader.group(g);
        if (group.name().equalsIgnoreCase(name)) {
          found = true;
          groups.put(group.id(), group);
          JsonNode s = g.path("_embedded").path("stats");
          if (s.has("appsCount") && s.has("groupPushMappingsCount")) {
            stats.put(
                group.id(),
                new Stats(s.get("appsCount").asInt(), s.get("groupPushMappingsCount").asInt()));
          }
        }
      }
      allFound &= found;
    }
    if (allFound) {
      return new Found(groups, stats);
    }
    // Not found may mean not indexed yet: only the list, which is consistent, can say it is gone.
    progress.accept("a touched group is not in Okta's search index; reading the group list");
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(scope.groups());
    Map<String, ActualState.Group> listed = new LinkedHashMap<>();
    allGroups
        .get()
        .forEach(
            (id, g) -> {
              if (names.contains(g.name())) {
                listed.put(id, g);
              }
            });
    return new Found(listed, Map.of());
  }

  private List<JsonNode> search(String name) {
    String filter = "profile.name eq \"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return lists.pages(
        "GET /api/v1/groups",
        (after, limit) ->
            lists.invoke(
                "/api/v1/groups",
                "GET",
                Lists.query("search", filter, "expand", "stats", "after", after, "limit", limit),
                null,
                LIST),
        200);
  }

  /**
   * The rules on the found groups, and the INVALID rules whose every target is gone: the planner
   * deletes such a leftover of a group's earlier rule when it has the group's rule name, and it can
   * only tell one apart when the list of groups it sees is complete for the rule's targets.
   */
  Map<String, ActualState.Rule> rules(Set<String> ids) {
    Map<String, ActualState.Rule> out = new LinkedHashMap<>();
    for (ActualState.Rule r : allRules.get().values()) {
      if (r.groupIds().stream().anyMatch(ids::contains)) {
        out.put(r.id(), r);
      } else if (r.status() == ActualState.RuleStatus.INVALID
          && r.groupIds().stream().noneMatch(id -> group(id).isPresent())) {
        out.put(r.id(), r);
      }
    }
    return out;
  }

  /** One group by id; empty when Okta has none. */
  Optional<ActualState.Group> group(String id) {
    try {
      JsonNode g =
          lists
              .calls()
              .run(
                  "GET /api/v1/groups/{id}",
                  Calls.Retry.IDEMPOTENT,
                  () ->
                      lists.invoke(
                          "/api/v1/groups/" + client.escapeString(id),
                          "GET",
                          Map.of(),
                          null,
                          NODE));
      return Optional.of(OktaStateReader.group(g));
    } catch (OktaFailure f) {
      if (f.status() == 404) {
        return Optional.empty();
      }
      throw f;
    }
  }

  /**
   * The assignments of the groups {@code ids} to the catalog apps, by app and group: each group's
   * app list (the groups bucket), then, per catalog app it names, the assignment {@code details}
   * vouches for, or one read of it (the small apps bucket).
   */
  Map<String, Map<String, ActualState.Assignment>> assignments(
      List<String> ids, Map<String, Stats> stats, Set<String> apps, DetailCache details) {
    Map<String, Map<String, ActualState.Assignment>> out = new LinkedHashMap<>();
    apps.forEach(a -> out.put(a, new LinkedHashMap<>()));
    Instant now = Instant.now();
    for (String gid : ids) {
      Optional<Stats> s = Optional.ofNullable(stats.get(gid));
      if (s.map(x -> x.apps() == 0).orElse(false)) {
        continue;
      }
      for (String appId : lists.groupApps(gid)) {
        if (!apps.contains(appId)) {
          continue;
        }
        Optional<ActualState.Assignment> a =
            s.flatMap(x -> details.assignment(gid, appId, x.apps(), now))
                .orElseGet(
                    () -> {
                      Instant at = Instant.now();
                      Optional<ActualState.Assignment> read = assignment(appId, gid);
                      s.ifPresent(x -> details.rememberAssignment(gid, appId, x.apps(), read, at));
                      return read;
                    });
        a.ifPresent(x -> out.get(appId).put(gid, x));
      }
    }
    return out;
  }

  /** One group's assignment to one app, read; empty when Okta has none. */
  private Optional<ActualState.Assignment> assignment(String appId, String gid) {
    ApplicationGroupsApi api = new ApplicationGroupsApi(client);
    try {
      return Optional.of(
          OktaStateReader.assignment(
              appId,
              lists
                  .calls()
                  .run(
                      "GET /api/v1/apps/{id}/groups/{groupId}",
                      Calls.Retry.IDEMPOTENT,
                      () -> api.getApplicationGroupAssignment(appId, gid, null))));
    } catch (OktaFailure f) {
      if (f.status() != 404) {
        throw f;
      }
      return Optional.empty();
    }
  }

  /**
   * The push mappings whose source is one of {@code ids}, on each push app: those {@code details}
   * vouches for, and a read by {@code sourceGroupId} (the small apps bucket) for the rest.
   */
  Map<String, List<ActualState.Mapping>> mappings(
      List<String> ids, Map<String, Stats> stats, Set<String> pushApps, DetailCache details) {
    Map<String, List<ActualState.Mapping>> out = new LinkedHashMap<>();
    Instant now = Instant.now();
    for (String appId : new TreeSet<>(pushApps)) {
      List<ActualState.Mapping> ms = new ArrayList<>();
      for (String gid : ids) {
        Optional<Stats> s = Optional.ofNullable(stats.get(gid));
        if (s.map(x -> x.pushMappings() == 0).orElse(false)) {
          continue;
        }
        ms.addAll(
            s.flatMap(x -> details.mappings(gid, appId, x.pushMappings(), now))
                .orElseGet(
                    () -> {
                      Instant at = Instant.now();
                      List<ActualState.Mapping> read = mappingsFrom(appId, gid);
                      s.ifPresent(
                          x -> details.rememberMappings(gid, appId, x.pushMappings(), read, at));
                      return read;
                    }));
      }
      out.put(appId, ms);
    }
    return out;
  }

  private List<ActualState.Mapping> mappingsFrom(String appId, String gid) {
    return lists.mappings(appId, Map.of("sourceGroupId", gid));
  }
}
