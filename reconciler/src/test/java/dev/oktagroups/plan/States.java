package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.ActualState.GroupType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Small actual states and plans built by hand, for the rails and the fingerprint. */
final class States {
  static final String ATTR = "managed_by";
  static final String OURS = "repo";

  private States() {}

  /** A mutable actual state, frozen by {@link #state()}. */
  static final class Builder {
    boolean schema = true;
    final Map<String, ActualState.Group> groups = new LinkedHashMap<>();
    final Map<String, ActualState.Rule> rules = new LinkedHashMap<>();
    final Map<String, Map<String, ActualState.Member>> members = new LinkedHashMap<>();
    final Map<String, Map<String, ActualState.Assignment>> assignments = new LinkedHashMap<>();
    final Map<String, List<ActualState.Mapping>> mappings = new LinkedHashMap<>();
    final Map<String, ActualState.User> users = new LinkedHashMap<>();

    Builder group(String id, GroupType type, String name, boolean owned) {
      Map<String, Object> profile = owned ? Map.of(ATTR, OURS) : Map.of();
      groups.put(id, new ActualState.Group(id, type, name, "d", profile));
      return this;
    }

    Builder owned(String id, String name) {
      return group(id, GroupType.OKTA_GROUP, name, true);
    }

    Builder member(String gid, String uid, ActualState.Via via) {
      members
          .computeIfAbsent(gid, k -> new LinkedHashMap<>())
          .put(uid, new ActualState.Member(uid, uid + "@x", uid + "@x", "ACTIVE", via, Map.of()));
      return this;
    }

    Builder rule(String id, String name, ActualState.RuleStatus status, String gid) {
      rules.put(id, new ActualState.Rule(id, name, status, "true", List.of(gid), List.of()));
      return this;
    }

    Builder assignment(String app, String gid, int priority) {
      assignments
          .computeIfAbsent(app, k -> new LinkedHashMap<>())
          .put(gid, new ActualState.Assignment(app, gid, priority, Map.of()));
      return this;
    }

    Builder mapping(String id, String app, String gid, ActualState.MappingStatus status) {
      mappings
          .computeIfAbsent(app, k -> new ArrayList<>())
          .add(new ActualState.Mapping(id, app, gid, "00gT", status, null));
      return this;
    }

    Builder user(String login, String status) {
      users.put(login, new ActualState.User("00u" + login, login, login, status));
      return this;
    }

    ActualState state() {
      Map<String, Map<String, ActualState.Member>> ms = new LinkedHashMap<>();
      members.forEach((k, v) -> ms.put(k, new LinkedHashMap<>(v)));
      Map<String, List<ActualState.Mapping>> mps = new LinkedHashMap<>();
      mappings.forEach((k, v) -> mps.put(k, new ArrayList<>(v)));
      Map<String, Map<String, ActualState.Assignment>> as = new LinkedHashMap<>();
      assignments.forEach((k, v) -> as.put(k, new LinkedHashMap<>(v)));
      return new ActualState(
          schema,
          new LinkedHashMap<>(groups),
          new LinkedHashMap<>(rules),
          ms,
          as,
          mps,
          new LinkedHashMap<>(users),
          Set.of());
    }
  }

  static Plan.Scope scope(Set<String> groups, Set<String> users) {
    return new Plan.Scope(groups, users, Map.of(), Set.of(), ATTR, OURS);
  }

  static Plan plan(List<Change> changes) {
    return new Plan(
        Plan.VERSION,
        "now",
        new Plan.Source("t", Optional.empty()),
        "https://x",
        "sha256:x",
        scope(Set.of(), Set.of()),
        List.of(),
        changes,
        List.of());
  }
}
