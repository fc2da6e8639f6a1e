package dev.oktagroups.sandbox.org;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The changes that reach across stores: a user's lifecycle (rules re-evaluate, pushes follow),
 * deleting a group (rules turn INVALID, assignments and mappings go) and direct membership (rule
 * exclusions, pushes). {@link Org} calls these under its lock; the stores stay single-purpose.
 */
final class Cascades {
  private final SandboxClock clock;
  private final UserStore users;
  private final GroupStore groups;
  private final AppStore apps;
  private final PushStore push;
  private final RuleEngine rules;
  private final SystemLog log;

  Cascades(
      SandboxClock clock,
      UserStore users,
      GroupStore groups,
      AppStore apps,
      PushStore push,
      RuleEngine rules,
      SystemLog log) {
    this.log = log;
    this.clock = clock;
    this.users = users;
    this.groups = groups;
    this.apps = apps;
    this.push = push;
    this.rules = rules;
  }

  User activateUser(String id) {
    User u = users.get(id);
    if (u.status == User.Status.ACTIVE) {
      throw new OktaError(
          403, "E0000016", "Activation failed because the user is already active", List.of());
    }
    users.setStatus(u, User.Status.ACTIVE);
    log.admin("user.lifecycle.activate", "Activate Okta user", SystemLog.user(u));
    if (u.activated == null) {
      u.activated = u.statusChanged;
    }
    rules.changed(u);
    return u;
  }

  User deactivateUser(String id) {
    User u = users.get(id);
    users.setStatus(u, User.Status.DEPROVISIONED);
    log.admin("user.lifecycle.deactivate", "Deactivate Okta user", SystemLog.user(u));
    push.groupsOf(u);
    return u;
  }

  User suspendUser(String id) {
    User u =
        move(
            id,
            User.Status.ACTIVE,
            User.Status.SUSPENDED,
            "Only ACTIVE users can be suspended",
            "user.lifecycle.suspend",
            "Suspend Okta user");
    push.groupsOf(u);
    return u;
  }

  User unsuspendUser(String id) {
    User u =
        move(
            id,
            User.Status.SUSPENDED,
            User.Status.ACTIVE,
            "Only SUSPENDED users can be unsuspended",
            "user.lifecycle.unsuspend",
            "Unsuspend Okta user");
    rules.changed(u);
    return u;
  }

  /** A lifecycle step that Okta allows only from {@code from}, logged as the admin's event. */
  private User move(
      String id,
      User.Status from,
      User.Status to,
      String refusal,
      String eventType,
      String displayMessage) {
    User u = users.get(id);
    if (u.status != from) {
      throw new OktaError(400, "E0000001", "Api validation failed: status", List.of(refusal));
    }
    users.setStatus(u, to);
    log.admin(eventType, displayMessage, SystemLog.user(u));
    return u;
  }

  void deleteUser(String id) {
    User u = users.get(id);
    if (u.status != User.Status.DEPROVISIONED) {
      deactivateUser(u.id);
      return;
    }
    for (String gid : new ArrayList<>(u.groups)) {
      Optional<Group> g = groups.find(gid);
      if (g.isPresent()) {
        groups.evict(g.get(), u, clock.now());
        push.group(g.get());
      }
    }
    rules.forget(u);
    users.remove(u);
    log.admin("user.lifecycle.delete.completed", "Delete Okta user", SystemLog.user(u));
  }

  void deleteGroup(String id) {
    Group g = groups.get(id);
    if (g.type == Group.Type.BUILT_IN) {
      throw OktaError.forbidden("The Everyone group cannot be deleted");
    }
    if (g.type == Group.Type.APP_GROUP && push.isTarget(id)) {
      throw OktaError.validation(
          "id", "Cannot delete a group that is the target of a group push mapping");
    }
    Instant now = clock.now();
    rules.invalidateTargeting(id, now);
    apps.unassignEverywhere(id);
    push.dropFedBy(id);
    Set<User> affected = new LinkedHashSet<>();
    for (String uid : g.members.keySet()) {
      users
          .byId(uid)
          .ifPresent(
              u -> {
                u.groups.remove(id);
                affected.add(u);
              });
    }
    groups.remove(g);
    log.admin("group.lifecycle.delete", "Delete Okta group", SystemLog.group(g));
    affected.forEach(rules::changed); // membership-based rules may no longer match
  }

  void addMember(String groupId, String userId) {
    Group g = groups.get(groupId);
    GroupStore.requireOktaGroup(g, "add members to");
    User u = users.get(userId);
    if (groups.membership(g, u).isEmpty()) {
      log.admin(
          "group.user_membership.add",
          "Add user to group membership",
          SystemLog.user(u),
          SystemLog.group(g));
    }
    groups.join(g, u).direct = true;
    push.group(g);
    // Only rules reading group membership can change; evaluating all of the user's rules is
    // simpler and, per user, cheap.
    rules.changed(u);
  }

  void removeMember(String groupId, String userId) {
    Group g = groups.get(groupId);
    GroupStore.requireOktaGroup(g, "remove members from");
    User u = users.get(userId);
    Instant now = clock.now();
    Optional<Membership> m = groups.leave(g, u, now);
    if (m.isEmpty()) {
      return;
    }
    log.admin(
        "group.user_membership.remove",
        "Remove user from group membership",
        SystemLog.user(u),
        SystemLog.group(g));
    rules.exclude(m.get(), u, now);
    push.group(g);
    rules.changed(u);
  }
}
