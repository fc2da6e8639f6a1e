package dev.oktagroups.apply;

import dev.oktagroups.plan.Action;
import dev.oktagroups.plan.AssignmentChange;
import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.GroupChange;
import dev.oktagroups.plan.MembershipChange;
import dev.oktagroups.plan.PushMappingChange;
import dev.oktagroups.plan.RuleChange;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaWriter;
import dev.oktagroups.state.ActualState.MappingStatus;
import dev.oktagroups.state.ActualState.RuleStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes one change in Okta: the writer calls each kind of change takes, in the order Okta's own
 * rules ask for (a rule is replaced only while INACTIVE, a push mapping is deleted only once
 * INACTIVE). {@link Executor} decides which changes run, when and alongside what; this class only
 * knows how one of them is made.
 */
final class OktaChanges {
  private OktaChanges() {}

  /**
   * Makes {@code c} through {@code w}.
   *
   * @param groupIds group name to Okta id, for groups the plan creates; a group created here is
   *     added to it, so its later changes in the same run find it
   * @param marker the profile attribute that marks a group as managed, set on every group written
   * @throws OktaFailure when Okta refuses a call, or the change's group has no id yet
   */
  static void run(
      Change c, OktaWriter w, Map<String, String> groupIds, Map<String, String> marker) {
    if (c instanceof GroupChange g) {
      switch (g.action()) {
        case CREATE -> {
          GroupChange.Values v = g.after().orElseThrow();
          groupIds.put(g.group(), w.createGroup(v.name(), v.description(), marker));
        }
        case UPDATE -> {
          GroupChange.Values v = g.after().orElseThrow();
          w.replaceGroup(need(g, g.groupId(), "groupId"), v.name(), v.description(), marker);
        }
        case DELETE -> w.deleteGroup(need(g, g.groupId(), "groupId"));
        case REPLACE -> throw new IllegalStateException("groups are never replaced");
      }
    } else if (c instanceof RuleChange r) {
      rule(r, w, groupId(r, groupIds));
    } else if (c instanceof MembershipChange m) {
      if (m.action() == Action.CREATE) {
        w.addMember(groupId(m, groupIds), m.userId());
      } else if (m.action() == Action.DELETE) {
        w.removeMember(groupId(m, groupIds), m.userId());
      }
    } else if (c instanceof AssignmentChange a) {
      if (a.action() == Action.DELETE) {
        w.unassign(a.appId(), groupId(a, groupIds));
      } else {
        AssignmentChange.Values v = a.after().orElseThrow();
        w.assign(a.appId(), groupId(a, groupIds), v.priority(), v.profile());
      }
    } else if (c instanceof PushMappingChange p) {
      push(p, w, groupIds);
    }
  }

  private static void push(PushMappingChange p, OktaWriter w, Map<String, String> groupIds) {
    switch (p.action()) {
      case CREATE ->
          w.createMapping(p.appId(), groupId(p, groupIds), p.after().orElseThrow().target());
      case UPDATE -> w.setMappingStatus(p.appId(), need(p, p.mappingId(), "mappingId"), "ACTIVE");
      case DELETE -> deleteMapping(p, w);
      case REPLACE -> {
        // A mapping's target cannot change: the old mapping goes first, then the new one is made.
        deleteMapping(p, w);
        w.createMapping(p.appId(), groupId(p, groupIds), p.after().orElseThrow().target());
      }
    }
  }

  private static void deleteMapping(PushMappingChange p, OktaWriter w) {
    String mid = need(p, p.mappingId(), "mappingId");
    // Okta deletes INACTIVE (or ERROR) mappings only.
    if (p.before().orElseThrow().status() == MappingStatus.ACTIVE) {
      w.setMappingStatus(p.appId(), mid, "INACTIVE");
    }
    w.deleteMapping(p.appId(), mid, p.deleteTargetGroup());
  }

  /**
   * Rules change in place: Okta lets a rule be replaced only while INACTIVE, so an active one is
   * deactivated, replaced and activated again. Deactivation keeps the rule's members, so nobody
   * loses access in between. Only an org that refuses target edits gets delete-and-recreate, and
   * then without removeUsers, for the same reason. A replace (of an INVALID rule, which Okta only
   * lets be read or deleted) deletes the old rule and creates the new one.
   */
  private static void rule(RuleChange c, OktaWriter w, String gid) {
    switch (c.action()) {
      case CREATE -> create(c.after().orElseThrow(), w, gid);
      case UPDATE -> {
        RuleChange.Values after = c.after().orElseThrow();
        String rid = need(c, c.ruleId(), "ruleId");
        boolean wasActive = c.before().orElseThrow().status() == RuleStatus.ACTIVE;
        if (wasActive) {
          w.deactivateRule(rid);
        }
        try {
          w.replaceRule(rid, after.name(), after.expression(), gid, after.excludedUsers());
        } catch (OktaFailure f) {
          if (!f.targetsNotEditable()) {
            if (wasActive) {
              reactivate(w, rid);
            }
            throw f;
          }
          w.deleteRule(rid, false);
          rid = w.createRule(after.name(), after.expression(), gid, after.excludedUsers());
        }
        w.activateRule(rid);
      }
      case DELETE -> deleteRule(c, w);
      case REPLACE -> {
        deleteRule(c, w);
        create(c.after().orElseThrow(), w, gid);
      }
    }
  }

  private static void create(RuleChange.Values v, OktaWriter w, String gid) {
    String rid = w.createRule(v.name(), v.expression(), gid, v.excludedUsers());
    w.activateRule(rid);
  }

  private static void deleteRule(RuleChange c, OktaWriter w) {
    String rid = need(c, c.ruleId(), "ruleId");
    if (c.before().orElseThrow().status() == RuleStatus.ACTIVE) {
      w.deactivateRule(rid);
    }
    w.deleteRule(rid, false);
  }

  private static void reactivate(OktaWriter w, String rid) {
    try {
      w.activateRule(rid);
    } catch (OktaFailure ignored) {
      // the original failure is the one to report; the next plan shows the rule as inactive
    }
  }

  private static String groupId(Change c, Map<String, String> groupIds) {
    return c.groupId()
        .or(() -> Optional.ofNullable(groupIds.get(c.group())))
        .orElseThrow(
            () ->
                new OktaFailure(
                    0,
                    "",
                    "no id for group " + c.group() + " (it was not created in this run)",
                    List.of()));
  }

  /** An id the plan must carry for this change; a plan without it is broken, not Okta. */
  private static String need(Change c, Optional<String> id, String name) {
    return id.orElseThrow(() -> new IllegalStateException("change " + c + " has no " + name));
  }
}
