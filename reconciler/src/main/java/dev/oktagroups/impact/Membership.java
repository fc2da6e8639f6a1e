package dev.oktagroups.impact;

import dev.oktagroups.plan.Action;
import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.GroupChange;
import dev.oktagroups.plan.MembershipChange;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.RuleChange;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.state.Person;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One group's members before and after a plan, by user id, as Okta will hold them once the plan is
 * applied and the rules have run:
 *
 * <ul>
 *   <li>a deleted group has no one;
 *   <li>otherwise the plan's additions join and its removals leave;
 *   <li>when the plan creates or edits the group's rule, the ACTIVE people its selector matches
 *       join, and ACTIVE rule-managed members it no longer matches leave, as Okta removes them;
 *       people in other statuses keep their groups, because Okta's rules do not evaluate them;
 *   <li>a rule that is deleted leaves the people it added as direct members (okta-groups deletes
 *       rules without removeUsers), so they stay.
 * </ul>
 */
final class Membership {
  private Membership() {}

  /** The members before and after, each by user id with their login. */
  record Sides(Map<String, String> before, Map<String, String> after) {}

  static Sides of(
      List<Change> changes,
      Optional<DesiredState.Group> desired,
      Map<String, ActualState.Member> current,
      Optional<List<Person>> matched) {
    Map<String, String> before = new HashMap<>();
    current.forEach((id, m) -> before.put(id, m.login()));
    if (deleted(changes)) {
      return new Sides(before, Map.of());
    }
    Map<String, String> after = new HashMap<>(before);
    Set<String> added = new HashSet<>();
    for (Change c : changes) {
      for (Change step : c.steps()) {
        if (step instanceof MembershipChange m) {
          if (m.action() == Action.CREATE) {
            after.put(m.userId(), m.key());
            added.add(m.userId());
          } else if (m.action() == Action.DELETE) {
            after.remove(m.userId());
          }
        }
      }
    }
    if (matched.isPresent() && desired.flatMap(DesiredState.Group::selector).isPresent()) {
      Map<String, String> byRule = new HashMap<>();
      matched.get().forEach(p -> byRule.put(p.id(), p.login()));
      for (ActualState.Member m : current.values()) {
        boolean ruleManaged = m.via() == ActualState.Via.RULE;
        if (ruleManaged
            && "ACTIVE".equals(m.status())
            && !byRule.containsKey(m.userId())
            && !added.contains(m.userId())) {
          after.remove(m.userId()); // Okta's rule drops a member who stops matching
        }
      }
      after.putAll(byRule);
    }
    return new Sides(before, after);
  }

  /** Whether the plan deletes the group. */
  static boolean deleted(List<Change> changes) {
    return changes.stream()
        .anyMatch(c -> c instanceof GroupChange g && g.action() == Action.DELETE);
  }

  /** Whether the plan creates, edits or replaces the group's rule, so its people must be read. */
  static boolean ruleChanges(List<Change> changes) {
    return changes.stream()
        .flatMap(c -> c.steps().stream())
        .anyMatch(c -> c instanceof RuleChange r && r.action() != Action.DELETE);
  }

  /** The id of the group named {@code name} that the plan read, if it exists in Okta. */
  static Optional<String> groupId(Plan plan, ActualState actual, String name) {
    var ownership = plan.scope().ownership();
    return actual.groups().values().stream()
        .filter(g -> g.name().equals(name) && ownership.inReadScope(g))
        .map(ActualState.Group::id)
        .findFirst();
  }
}
