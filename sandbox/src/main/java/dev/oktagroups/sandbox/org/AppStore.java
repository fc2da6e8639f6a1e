package dev.oktagroups.sandbox.org;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Apps and their group assignments. Called by {@link Org} under its lock; pushing after an
 * assignment changes is the caller's part.
 */
final class AppStore {
  private final SandboxClock clock;
  private final Ids ids;
  private final GroupStore groups;
  private final TreeMap<String, App> apps = new TreeMap<>();

  /** Assignments by app id, then group id. */
  private final HashMap<String, TreeMap<String, Assignment>> assignments = new HashMap<>();

  private final SystemLog log;

  AppStore(SandboxClock clock, Ids ids, GroupStore groups, SystemLog log) {
    this.log = log;
    this.clock = clock;
    this.ids = ids;
    this.groups = groups;
  }

  // ---- apps

  /** See {@link Org#addApp}. */
  App add(
      String id,
      String name,
      String label,
      boolean pushCapable,
      App.PushType pushType,
      String emailDomain) {
    String appId = id == null || id.isBlank() ? ids.next("0oa") : id;
    if (apps.containsKey(appId)) {
      throw OktaError.validation("id", "An app with id " + appId + " already exists");
    }
    App a = new App(appId, name, label, pushCapable, pushType, emailDomain, clock.now());
    apps.put(appId, a);
    return a;
  }

  App get(String id) {
    App a = apps.get(id);
    if (a == null) {
      throw OktaError.notFound("AppInstance", id);
    }
    return a;
  }

  Collection<App> all() {
    return apps.values();
  }

  /** Lists apps; {@code q} matches the start of the label or name. */
  Org.Page<App> list(String q, String after, int limit) {
    String qq = q == null ? null : q.toLowerCase(Locale.ROOT);
    return Pages.page(
        apps,
        after,
        limit,
        a ->
            qq == null
                || a.label.toLowerCase(Locale.ROOT).startsWith(qq)
                || a.name.toLowerCase(Locale.ROOT).startsWith(qq));
  }

  /** The apps a group is assigned to. */
  Org.Page<App> ofGroup(Group g, String after, int limit) {
    return Pages.page(apps, after, limit, a -> assignedGroups(a.id).containsKey(g.id));
  }

  // ---- assignments

  /** An app's assignments by group id; empty for none. */
  Map<String, Assignment> assignedGroups(String appId) {
    return assignments.getOrDefault(appId, new TreeMap<>());
  }

  List<Assignment> allAssignments() {
    List<Assignment> out = new ArrayList<>();
    assignments.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  /** See {@link Org#assign}. */
  Assignment assign(App a, Group g, Integer priority, Map<String, Object> profile) {
    TreeMap<String, Assignment> byGroup = assignments.computeIfAbsent(a.id, k -> new TreeMap<>());
    Instant now = clock.now();
    Assignment existing = byGroup.get(g.id);
    if (priority != null && (priority < 0 || priority > 100)) {
      throw OktaError.validation("priority", "priority: must be between 0 and 100");
    }
    if (existing != null) {
      if (priority != null) {
        existing.priority = priority;
      }
      if (profile != null) {
        existing.profile = Profiles.frozen(profile);
      }
      existing.lastUpdated = now;
      log.admin(
          "group.application_assignment.update",
          "Update app assignment for group",
          SystemLog.group(g),
          SystemLog.app(a));
      return existing;
    }
    int p =
        priority != null
            ? priority
            : byGroup.values().stream().mapToInt(x -> x.priority + 1).max().orElse(0);
    Assignment as =
        new Assignment(
            a.id,
            g.id,
            p,
            profile == null ? new LinkedHashMap<>() : new LinkedHashMap<>(profile),
            now);
    byGroup.put(g.id, as);
    log.admin(
        "group.application_assignment.add",
        "Add assigned application to group",
        SystemLog.group(g),
        SystemLog.app(a));
    return as;
  }

  Assignment assignment(String appId, String groupId) {
    get(appId);
    Assignment as = assignedGroups(appId).get(groupId);
    if (as == null) {
      throw OktaError.notFound("ApplicationGroupAssignment", groupId);
    }
    return as;
  }

  /** Lists an app's group assignments; {@code q} matches the start of the group name. */
  Org.Page<Assignment> listAssignments(String appId, String q, String after, int limit) {
    get(appId);
    String qq = q == null ? null : q.toLowerCase(Locale.ROOT);
    TreeMap<String, Assignment> byGroup = assignments.getOrDefault(appId, new TreeMap<>());
    return Pages.page(
        byGroup,
        after,
        limit,
        as -> qq == null || groups.get(as.groupId).name().toLowerCase(Locale.ROOT).startsWith(qq));
  }

  /** See {@link Org#patchAssignment}. */
  Assignment patch(String appId, String groupId, List<Org.PatchOp> ops) {
    Assignment as = assignment(appId, groupId);
    for (Org.PatchOp op : ops) {
      if (!Set.of("add", "replace", "remove").contains(op.op())) {
        throw OktaError.validation("op", "Unsupported patch operation: " + op.op());
      }
      if ("/priority".equals(op.path())) {
        if (!(op.value() instanceof Number n)) {
          throw OktaError.validation("priority", "priority: must be a number");
        }
        as.priority = n.intValue();
      } else if ("/profile".equals(op.path())) {
        as.profile = Profiles.frozen(patchedProfile(as, op));
      } else if (op.path() != null && op.path().startsWith("/profile/")) {
        String key = op.path().substring("/profile/".length());
        LinkedHashMap<String, Object> next = new LinkedHashMap<>(as.profile);
        if (op.op().equals("remove")) {
          next.remove(key);
        } else {
          next.put(key, op.value());
        }
        as.profile = Profiles.frozen(next);
      } else {
        throw OktaError.validation("path", "Unsupported patch path: " + op.path());
      }
    }
    as.lastUpdated = clock.now();
    log.admin(
        "group.application_assignment.update",
        "Update app assignment for group",
        SystemLog.group(groups.get(groupId)),
        SystemLog.app(get(appId)));
    return as;
  }

  private static Map<String, Object> patchedProfile(Assignment as, Org.PatchOp op) {
    if (!(op.value() instanceof Map<?, ?> m)) {
      throw OktaError.validation("profile", "profile: must be an object");
    }
    LinkedHashMap<String, Object> next =
        new LinkedHashMap<>(op.op().equals("remove") ? Map.of() : as.profile);
    if (!op.op().equals("remove")) {
      if (op.op().equals("replace")) {
        next.clear();
      }
      m.forEach((k, v) -> next.put(String.valueOf(k), v));
    }
    return next;
  }

  /** Removes an assignment; false when there was none. */
  boolean unassign(String appId, String groupId) {
    boolean removed = assignments.getOrDefault(appId, new TreeMap<>()).remove(groupId) != null;
    if (removed) {
      log.admin(
          "group.application_assignment.remove",
          "Remove assigned application from group",
          SystemLog.group(groups.get(groupId)),
          SystemLog.app(get(appId)));
    }
    return removed;
  }

  /** Removes every assignment of a group, as deleting the group does. */
  void unassignEverywhere(String groupId) {
    for (TreeMap<String, Assignment> byGroup : assignments.values()) {
      byGroup.remove(groupId);
    }
  }
}
