package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.api.ApplicationGroupsApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.ApplicationGroupAssignment;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.Ownership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One read, full or incremental: what is always listed (schema, groups with stats, rules, each push
 * app's mappings, filtered by {@code lastUpdated} when the cache allows: see {@link PushDeltas}),
 * and what is re-read only when a signal says it changed (member lists, assignments, people, a
 * group's push mappings). Without a cache every signal fires, and the read is the full one.
 */
final class Deltas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<JsonNode>> LIST = new TypeReference<>() {};
  private static final TypeReference<JsonNode> NODE = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, Object>> PROFILE =
      new TypeReference<>() {};

  /**
   * A read's state, the stamps it saw, which org it was, and when (by Okta's clock) its push
   * mappings were listed.
   */
  record Result(
      ActualState state,
      Map<String, ReadCache.Stamp> stamps,
      String orgIdentity,
      Optional<Instant> mappingsAt) {}

  /**
   * What the log's events name: groups whose members, assignments or push mappings changed, people,
   * and whether a push-mapping event named no group at all.
   */
  record Signals(
      Set<String> memberGroups,
      Map<String, Set<String>> assigned,
      Set<String> users,
      Set<String> pushGroups,
      boolean pushUnnamed) {
    static Signals of(List<LogPoller.Event> events) {
      Set<String> memberGroups = new HashSet<>();
      Map<String, Set<String>> assigned = new HashMap<>();
      Set<String> users = new HashSet<>();
      Set<String> pushGroups = new HashSet<>();
      boolean pushUnnamed = false;
      for (LogPoller.Event e : events) {
        if (e.eventType().startsWith("application.provision.group_push.")) {
          pushGroups.addAll(e.ids("UserGroup"));
          pushUnnamed |= e.ids("UserGroup").isEmpty();
        } else if (e.eventType().startsWith("group.user_membership.")) {
          memberGroups.addAll(e.ids("UserGroup"));
        } else if (e.eventType().startsWith("group.application_assignment.")) {
          for (String g : e.ids("UserGroup")) {
            assigned.computeIfAbsent(g, k -> new HashSet<>()).addAll(e.ids("AppInstance"));
          }
        } else if (e.eventType().startsWith("user.")) {
          users.addAll(e.ids("User"));
        }
      }
      return new Signals(memberGroups, assigned, users, pushGroups, pushUnnamed);
    }
  }

  private final OktaStateReader full;
  private final Lists lists;
  private final ApiClient client;
  private final PushDeltas pushes;

  Deltas(OktaStateReader full) {
    this.full = full;
    this.lists = full.lists();
    this.client = lists.calls().client();
    this.pushes = new PushDeltas(lists);
  }

  Result read(
      Plan.Scope scope,
      Optional<ReadCache> cache,
      List<LogPoller.Event> events,
      Consumer<String> progress) {
    boolean schema = full.markerDefined(scope.markerAttribute());
    List<JsonNode> nodes = full.groupNodes(true);
    Map<String, ActualState.Group> groups = new LinkedHashMap<>();
    nodes.forEach(n -> groups.put(n.path("id").asText(), OktaStateReader.group(n)));
    Map<String, ReadCache.Stamp> stamps = IncrementalReader.stamps(nodes);
    String identity = identity(nodes);
    Optional<ReadCache> trusted =
        cache.filter(c -> !identity.isEmpty() && identity.equals(c.orgIdentity()));
    Optional<Base> base = trusted.map(c -> new Base(c.state(), c.stamps(), c.mappingsListedAt()));
    if (cache.isPresent() && base.isEmpty()) {
      progress.accept("full read: the read cache is of another org at the same URL");
    }
    Map<String, ActualState.Rule> rules = full.rules();
    progress.accept("read " + groups.size() + " groups and " + rules.size() + " rules");
    Signals sig = Signals.of(events);
    Counts counts = new Counts();
    Map<String, Map<String, ActualState.Member>> members =
        members(scope.ownership(), groups, stamps, base, sig, counts, progress);
    Set<String> missing = new HashSet<>();
    Map<String, Map<String, ActualState.Assignment>> assignments =
        assignments(scope, groups, stamps, base, sig, missing, counts);
    PushDeltas.Result pushed =
        pushes.read(
            scope.pushApps(),
            missing,
            groups,
            stamps,
            sig.pushGroups(),
            base.filter(b -> !sig.pushUnnamed())
                .map(b -> new PushDeltas.Cached(b.state().mappings(), b.stamps(), b.mappingsAt())));
    Map<String, ActualState.User> users = full.people().read(scope.users(), members);
    progress.accept(summary(base.isPresent(), events.size(), counts, members.size(), pushed));
    ActualState state =
        new ActualState(
            schema,
            groups,
            rules,
            members,
            assignments,
            pushed.mappings(),
            users,
            Set.copyOf(missing));
    return new Result(state, stamps, identity, pushed.listedAt());
  }

  /**
   * The cached state, rebuilt once per read, the stamps it was read with, and when its push
   * mappings were listed.
   */
  private record Base(
      ActualState state, Map<String, ReadCache.Stamp> stamps, Optional<Instant> mappingsAt) {}

  /** The read's last line: which kind of read ran, and what it read again. */
  private static String summary(
      boolean incremental, int events, Counts counts, int groups, PushDeltas.Result pushed) {
    return (incremental ? "incremental read: " : "full read: ")
        + events
        + " log events; re-read the members of "
        + counts.memberLists
        + " of "
        + groups
        + " groups, "
        + counts.people
        + " people, "
        + counts.assignments
        + " assignments and "
        + counts.appLists
        + " apps' assignment lists; listed the push mappings of "
        + pushed.filtered()
        + " apps by lastUpdated ("
        + pushed.statusLists()
        + " lists by status) and "
        + pushed.fullLists()
        + " in full, and re-read those of "
        + pushed.reread()
        + " groups";
  }

  /** How much was re-read, for the summary line. */
  private static final class Counts {
    int memberLists;
    int people;
    int assignments;
    int appLists;
  }

  /**
   * Okta's Everyone group is created with the org and never changes: its id and creation time tell
   * two orgs behind one URL apart (a sandbox restarted on the same port, an org rebuilt).
   */
  private static String identity(List<JsonNode> nodes) {
    for (JsonNode g : nodes) {
      if ("BUILT_IN".equals(g.path("type").asText())
          && "Everyone".equals(g.path("profile").path("name").asText())) {
        return g.path("id").asText() + "@" + g.path("created").asText();
      }
    }
    return "";
  }

  private Map<String, Map<String, ActualState.Member>> members(
      Ownership ownership,
      Map<String, ActualState.Group> groups,
      Map<String, ReadCache.Stamp> stamps,
      Optional<Base> base,
      Signals sig,
      Counts counts,
      Consumer<String> progress) {
    Map<String, Map<String, ActualState.Member>> out = new LinkedHashMap<>();
    Set<String> reread = new TreeSet<>();
    for (ActualState.Group g : groups.values()) {
      if (!ownership.inReadScope(g)) {
        continue;
      }
      Map<String, ActualState.Member> cached =
          base.map(c -> c.state().members().get(g.id())).orElse(null);
      ReadCache.Stamp was = base.map(c -> c.stamps().get(g.id())).orElse(null);
      ReadCache.Stamp is = stamps.get(g.id());
      boolean same =
          cached != null
              && was != null
              && was.lastMembershipUpdated().equals(is.lastMembershipUpdated())
              && was.usersCount() == is.usersCount()
              && !sig.memberGroups().contains(g.id());
      if (same) {
        out.put(g.id(), new LinkedHashMap<>(cached));
      } else {
        reread.add(g.id());
      }
    }
    reread.addAll(refreshPeople(out, sig.users(), counts));
    reread.forEach(out::remove);
    counts.memberLists = reread.size();
    out.putAll(full.memberLists().read(new ArrayList<>(reread), progress));
    return out;
  }

  /**
   * Brings the people a user event names up to date in the member lists taken from the cache;
   * returns the groups to re-read instead, those of people who are gone.
   */
  private Set<String> refreshPeople(
      Map<String, Map<String, ActualState.Member>> reused, Set<String> users, Counts counts) {
    Set<String> reread = new TreeSet<>();
    for (String uid : new TreeSet<>(users)) {
      List<String> in = new ArrayList<>();
      reused.forEach(
          (gid, ms) -> {
            if (ms.containsKey(uid)) {
              in.add(gid);
            }
          });
      if (in.isEmpty()) {
        continue;
      }
      counts.people++;
      Optional<JsonNode> u = user(uid);
      if (u.isEmpty()) {
        reread.addAll(in);
        continue;
      }
      Map<String, Object> profile = JSON.convertValue(u.get().path("profile"), PROFILE);
      for (String gid : in) {
        ActualState.Member old = reused.get(gid).get(uid);
        reused
            .get(gid)
            .put(
                uid,
                new ActualState.Member(
                    uid,
                    String.valueOf(profile.get("login")),
                    String.valueOf(profile.getOrDefault("email", "")),
                    u.get().path("status").asText(),
                    old.via(),
                    profile));
      }
    }
    return reread;
  }

  private Optional<JsonNode> user(String id) {
    try {
      return Optional.of(
          lists
              .calls()
              .run(
                  "GET /api/v1/users/{id}",
                  Calls.Retry.IDEMPOTENT,
                  () ->
                      lists.invoke(
                          "/api/v1/users/" + client.escapeString(id),
                          "GET",
                          Map.of(),
                          null,
                          NODE)));
    } catch (OktaFailure f) {
      if (f.status() == 404) {
        return Optional.empty();
      }
      throw f;
    }
  }

  private Map<String, Map<String, ActualState.Assignment>> assignments(
      Plan.Scope scope,
      Map<String, ActualState.Group> groups,
      Map<String, ReadCache.Stamp> stamps,
      Optional<Base> base,
      Signals sig,
      Set<String> missing,
      Counts counts) {
    Map<String, Map<String, ActualState.Assignment>> out = new LinkedHashMap<>();
    List<String> cachedApps = new ArrayList<>();
    for (String appId : new TreeSet<>(scope.apps().values())) {
      Map<String, ActualState.Assignment> cached =
          base.map(c -> c.state().assignments().get(appId)).orElse(null);
      if (cached != null) {
        Map<String, ActualState.Assignment> kept = new LinkedHashMap<>(cached);
        kept.keySet().retainAll(groups.keySet()); // a deleted group's assignments go with it
        out.put(appId, kept);
        cachedApps.add(appId);
        continue;
      }
      try {
        counts.appLists++;
        out.put(appId, full.assignments(appId));
      } catch (OktaFailure f) {
        if (f.status() != 404) {
          throw f;
        }
        missing.add(appId);
      }
    }
    if (cachedApps.isEmpty()) {
      return out;
    }
    for (String gid : changedAssignments(groups, stamps, base.orElseThrow(), sig)) {
      Set<String> now = new HashSet<>(lists.groupApps(gid));
      Set<String> named = sig.assigned().getOrDefault(gid, Set.of());
      for (String appId : cachedApps) {
        Map<String, ActualState.Assignment> byGroup = out.get(appId);
        if (!now.contains(appId)) {
          byGroup.remove(gid);
        } else if (!byGroup.containsKey(gid) || named.contains(appId)) {
          counts.assignments++;
          assignment(appId, gid)
              .ifPresentOrElse(a -> byGroup.put(gid, a), () -> byGroup.remove(gid));
        }
      }
    }
    return out;
  }

  /** Groups whose assignments may have changed: named by an event, or whose app count moved. */
  private static List<String> changedAssignments(
      Map<String, ActualState.Group> groups,
      Map<String, ReadCache.Stamp> stamps,
      Base base,
      Signals sig) {
    Set<String> out = new TreeSet<>(sig.assigned().keySet());
    stamps.forEach(
        (gid, is) -> {
          ReadCache.Stamp was = base.stamps().get(gid);
          if (was == null ? is.appsCount() != 0 : was.appsCount() != is.appsCount()) {
            out.add(gid);
          }
        });
    out.retainAll(groups.keySet());
    return new ArrayList<>(out);
  }

  private Optional<ActualState.Assignment> assignment(String appId, String gid) {
    ApplicationGroupsApi api = new ApplicationGroupsApi(client);
    try {
      ApplicationGroupAssignment a =
          lists
              .calls()
              .run(
                  "GET /api/v1/apps/{id}/groups/{groupId}",
                  Calls.Retry.IDEMPOTENT,
                  () -> api.getApplicationGroupAssignment(appId, gid, null));
      Map<String, Object> profile =
          a.getProfile() == null ? Map.of() : new LinkedHashMap<>(a.getProfile());
      return Optional.of(
          new ActualState.Assignment(
              appId, a.getId(), a.getPriority() == null ? 0 : a.getPriority(), profile));
    } catch (OktaFailure f) {
      if (f.status() == 404) {
        return Optional.empty();
      }
      throw f;
    }
  }
}
