package dev.oktagroups.sandbox.org;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Group push: the mappings and the downstream directories they feed. Called by {@link Org} under
 * its lock, which also tells it when a group, a user or an app's assignments changed.
 */
final class PushStore {
  private final SandboxClock clock;
  private final Settings settings;
  private final Ids ids;
  private final UserStore users;
  private final GroupStore groups;
  private final AppStore apps;
  private final SystemLog log;
  private final TreeMap<String, PushMapping> mappings = new TreeMap<>();

  /** Downstream groups by app id, then target group id. */
  private final HashMap<String, TreeMap<String, Downstream>> downstream = new HashMap<>();

  /** Mutable state of one downstream group. */
  private static final class Downstream {
    final String name;
    final String email;
    final TreeSet<String> members = new TreeSet<>();

    Downstream(String name, String email) {
      this.name = name;
      this.email = email;
    }
  }

  PushStore(
      SandboxClock clock,
      Settings settings,
      Ids ids,
      UserStore users,
      GroupStore groups,
      AppStore apps,
      SystemLog log) {
    this.log = log;
    this.clock = clock;
    this.settings = settings;
    this.ids = ids;
    this.users = users;
    this.groups = groups;
    this.apps = apps;
  }

  /** See {@link Org#createMapping}. */
  PushMapping create(
      String appId,
      String sourceGroupId,
      String targetGroupId,
      String targetGroupName,
      String status) {
    App a = apps.get(appId);
    if (sourceGroupId == null) {
      throw OktaError.validation("sourceGroupId", "sourceGroupId: The field cannot be left blank");
    }
    if ((targetGroupId == null) == (targetGroupName == null)) {
      throw OktaError.validation(
          "targetGroupId", "Exactly one of targetGroupId and targetGroupName is required");
    }
    Group source =
        groups
            .find(sourceGroupId)
            .orElseThrow(
                () -> OktaError.validation("sourceGroupId", "Group not found: " + sourceGroupId));
    if (source.type != Group.Type.OKTA_GROUP) {
      throw OktaError.push("Only OKTA_GROUP groups can be pushed");
    }
    for (PushMapping m : mappings.values()) {
      if (m.appId.equals(appId) && m.sourceGroupId.equals(sourceGroupId)) {
        throw OktaError.push(
            "Group " + sourceGroupId + " is already pushed to this app by mapping " + m.id);
      }
    }
    PushMapping.Status st = initialStatus(status);
    Instant now = clock.now();
    Group target =
        targetGroupId != null
            ? existingTarget(appId, targetGroupId)
            : namedTarget(appId, targetGroupName)
                .orElseGet(() -> groups.createAppGroup(appId, targetGroupName, now));
    return finish(a, source, target, st, now);
  }

  private static PushMapping.Status initialStatus(String status) {
    if (status == null || status.equals("ACTIVE")) {
      return PushMapping.Status.ACTIVE;
    } else if (status.equals("INACTIVE")) {
      return PushMapping.Status.INACTIVE;
    }
    throw OktaError.validation("status", "status: must be ACTIVE or INACTIVE");
  }

  private Group existingTarget(String appId, String targetGroupId) {
    Optional<Group> target = groups.find(targetGroupId);
    if (target.isEmpty()
        || target.get().type != Group.Type.APP_GROUP
        || !appId.equals(target.get().sourceAppId)) {
      throw OktaError.push("targetGroupId must be a group of this app: " + targetGroupId);
    }
    for (PushMapping m : mappings.values()) {
      if (m.targetGroupId.equals(targetGroupId)) {
        throw OktaError.push(
            "Group " + targetGroupId + " is already the target of mapping " + m.id);
      }
    }
    return target.get();
  }

  /** The app's group of that name, to link to; empty when one is to be created. */
  private Optional<Group> namedTarget(String appId, String targetGroupName) {
    if (targetGroupName.isBlank() || targetGroupName.length() > 255) {
      throw OktaError.validation("targetGroupName", "targetGroupName: must be 1 to 255 characters");
    }
    Optional<Group> target =
        groups.all().stream()
            .filter(
                g ->
                    g.type == Group.Type.APP_GROUP
                        && appId.equals(g.sourceAppId)
                        && g.name().equalsIgnoreCase(targetGroupName))
            .findFirst();
    if (target.isPresent() && isTarget(target.get().id)) {
      throw OktaError.push(
          "A group named " + targetGroupName + " is already the target of another mapping");
    }
    return target;
  }

  private PushMapping finish(
      App a, Group source, Group target, PushMapping.Status st, Instant now) {
    PushMapping m = new PushMapping(ids.next("gPm"), a.id, source.id, target.id, st, now);
    if (!a.pushCapable) {
      m.status = PushMapping.Status.ERROR;
      m.errorSummary = "Group push is not supported by the app " + a.label;
    }
    mappings.put(m.id, m);
    log.admin(
        "application.provision.group_push.mapping.created",
        "Group push mapping created",
        SystemLog.app(a),
        SystemLog.group(source),
        SystemLog.mapping(m));
    downstream
        .computeIfAbsent(a.id, k -> new TreeMap<>())
        .computeIfAbsent(target.id, k -> new Downstream(target.name(), email(a, target.name())));
    sync(m);
    return m;
  }

  private static String email(App a, String name) {
    if (a.pushType != App.PushType.GOOGLE) {
      return null;
    }
    return name.contains("@")
        ? name
        : name + "@" + (a.emailDomain == null ? "example.com" : a.emailDomain);
  }

  PushMapping get(String appId, String mappingId) {
    apps.get(appId);
    PushMapping m = mappings.get(mappingId);
    if (m == null || !m.appId.equals(appId)) {
      throw OktaError.notFound("GroupPushMapping", mappingId);
    }
    return m;
  }

  Collection<PushMapping> all() {
    return mappings.values();
  }

  /** See {@link Org#listMappings}. */
  Org.Page<PushMapping> list(
      String appId,
      String sourceGroupId,
      String status,
      Optional<Instant> updatedSince,
      String after,
      int limit) {
    apps.get(appId);
    return Pages.page(
        mappings,
        after,
        limit,
        m ->
            m.appId.equals(appId)
                && (sourceGroupId == null || m.sourceGroupId.equals(sourceGroupId))
                && (status == null || m.status.name().equals(status))
                && updatedSince.map(t -> !m.lastUpdated.isBefore(t)).orElse(true));
  }

  /**
   * How many mappings feed from a group, on every app: in any status, or only ACTIVE ones under
   * {@link Settings#pushMappingsCountActiveOnly}.
   */
  int from(String groupId) {
    return (int)
        mappings.values().stream()
            .filter(m -> m.sourceGroupId.equals(groupId))
            .filter(
                m -> !settings.pushMappingsCountActiveOnly || m.status == PushMapping.Status.ACTIVE)
            .count();
  }

  /** Whether a group is the target of a mapping. */
  boolean isTarget(String groupId) {
    return mappings.values().stream().anyMatch(m -> m.targetGroupId.equals(groupId));
  }

  /** See {@link Org#setMappingStatus}. */
  PushMapping setStatus(String appId, String mappingId, String status) {
    PushMapping m = get(appId, mappingId);
    PushMapping.Status s;
    try {
      s = PushMapping.Status.valueOf(String.valueOf(status));
    } catch (IllegalArgumentException e) {
      throw OktaError.validation("status", "status: must be ACTIVE or INACTIVE");
    }
    if (s == PushMapping.Status.ERROR) {
      throw OktaError.validation("status", "status: must be ACTIVE or INACTIVE");
    }
    App a = apps.get(appId);
    if (!a.pushCapable) {
      m.status = PushMapping.Status.ERROR;
    } else {
      m.status = s;
      m.errorSummary = null;
    }
    m.lastUpdated = clock.now();
    log.admin(
        m.status == PushMapping.Status.ACTIVE
            ? "application.provision.group_push.activate_mapping"
            : "application.provision.group_push.deactivate_mapping",
        "Group push mapping status changed to " + m.status,
        SystemLog.app(a),
        SystemLog.group(groups.get(m.sourceGroupId)),
        SystemLog.mapping(m));
    sync(m);
    return m;
  }

  /** See {@link Org#deleteMapping}; removing the target APP_GROUP itself is the caller's part. */
  PushMapping delete(String appId, String mappingId, boolean deleteTargetGroup) {
    PushMapping m = get(appId, mappingId);
    boolean deletable =
        m.status == PushMapping.Status.INACTIVE
            || (m.status == PushMapping.Status.ERROR && settings.deletePushMappingInError);
    if (!deletable) {
      throw OktaError.push(
          "Only "
              + (settings.deletePushMappingInError ? "INACTIVE or ERROR" : "INACTIVE")
              + " group push mappings can be deleted; this one is "
              + m.status);
    }
    mappings.remove(m.id);
    if (deleteTargetGroup) {
      TreeMap<String, Downstream> d = downstream.get(appId);
      if (d != null) {
        d.remove(m.targetGroupId);
      }
    }
    return m;
  }

  /** Drops the mappings a group feeds, as deleting the group does; downstream groups stay. */
  void dropFedBy(String groupId) {
    mappings.values().removeIf(m -> m.sourceGroupId.equals(groupId));
  }

  /** What the app's directory holds: one entry per pushed group. */
  List<DownstreamGroup> downstream(String appId) {
    apps.get(appId);
    List<DownstreamGroup> out = new ArrayList<>();
    downstream
        .getOrDefault(appId, new TreeMap<>())
        .forEach(
            (tid, d) ->
                out.add(
                    new DownstreamGroup(
                        appId,
                        tid,
                        d.name,
                        Optional.ofNullable(d.email),
                        Collections.unmodifiableSortedSet(new TreeSet<>(d.members)))));
    return out;
  }

  // ---- keeping downstream in step

  /** The group's members changed: push it wherever it is pushed. */
  void group(Group g) {
    for (PushMapping m : mappings.values()) {
      if (m.sourceGroupId.equals(g.id)) {
        sync(m);
      }
    }
  }

  /** The user's status changed: push each of their groups. */
  void groupsOf(User u) {
    for (String gid : u.groups) {
      groups.find(gid).ifPresent(this::group);
    }
  }

  /** The app's assignments changed: push everything the app receives. */
  void app(App a) {
    for (PushMapping m : mappings.values()) {
      if (m.appId.equals(a.id)) {
        sync(m);
      }
    }
  }

  /**
   * Brings the downstream group in step with the source group, when the mapping is ACTIVE: its
   * ACTIVE members who are assigned to the app (through any group the app is assigned to).
   */
  private void sync(PushMapping m) {
    if (m.status != PushMapping.Status.ACTIVE) {
      return;
    }
    Optional<Group> source = groups.find(m.sourceGroupId);
    Downstream d = downstream.getOrDefault(m.appId, new TreeMap<>()).get(m.targetGroupId);
    if (source.isEmpty() || d == null) {
      return;
    }
    Collection<Assignment> assigned = apps.assignedGroups(m.appId).values();
    String everyone = groups.everyone().id;
    boolean everyoneAssigned = assigned.stream().anyMatch(a -> a.groupId.equals(everyone));
    Set<String> assignedGroups = new HashSet<>();
    assigned.forEach(a -> assignedGroups.add(a.groupId));
    SortedSet<String> want = new TreeSet<>();
    for (String uid : source.get().members.keySet()) {
      Optional<User> u = users.byId(uid);
      if (u.isEmpty() || u.get().status != User.Status.ACTIVE) {
        continue;
      }
      if (everyoneAssigned || u.get().groups.stream().anyMatch(assignedGroups::contains)) {
        want.add(u.get().login().toLowerCase(Locale.ROOT));
      }
    }
    d.members.clear();
    d.members.addAll(want);
    m.lastPush = clock.now();
  }
}
