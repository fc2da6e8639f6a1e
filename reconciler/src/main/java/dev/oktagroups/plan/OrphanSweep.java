package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the groups okta-groups owns that no manifest declares any more: their push mappings,
 * assignments, rule and the group itself are deleted. A protected one is left alone, with an error
 * that says so.
 */
final class OrphanSweep {
  private OrphanSweep() {}

  /**
   * One plan per owned group without a manifest.
   *
   * @param claimed ids of the Okta groups the manifests' groups were planned against
   */
  static List<GroupPlan> plan(Planning p, Set<String> claimed) {
    Set<String> desiredNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    desiredNames.addAll(p.desired.groups().keySet());
    List<GroupPlan> out = new ArrayList<>();
    for (ActualState.Group g : p.actual.groups().values()) {
      if (!p.ownership.owns(g) || claimed.contains(g.id()) || desiredNames.contains(g.name())) {
        continue;
      }
      if (p.protectedNames.contains(g.name())) {
        out.add(
            new GroupPlan.Failed(
                new Plan.GroupError(
                    g.name(),
                    "",
                    "'"
                        + g.name()
                        + "' has no manifest but is protected; okta-groups leaves it alone"),
                Optional.of(g.id())));
      } else {
        out.add(new GroupPlan.Planned(deletes(p, g), Optional.of(g.id())));
      }
    }
    return out;
  }

  private static List<Staged> deletes(Planning p, ActualState.Group g) {
    String why = "its manifest was deleted";
    List<Staged> out = new ArrayList<>();
    p.mappingsOf(g.id()).forEach(m -> out.add(PushDiffer.delete(p, g.name(), m, why)));
    p.desired
        .catalogApps()
        .forEach(
            (key, app) ->
                p.assignment(app.id(), g.id())
                    .ifPresent(
                        have ->
                            out.add(
                                AssignmentDiffer.delete(
                                    g.name(),
                                    g.id(),
                                    key,
                                    app.id(),
                                    have,
                                    why + ": members lose " + key + " through this group"))));
    for (ActualState.Rule r : p.actual.rules().values()) {
      if (r.groupIds().equals(List.of(g.id()))) {
        out.add(
            Staged.of(
                Phase.RULES_DELETED,
                RuleChange.delete(
                    g.name(), RuleDiffer.values(r), why, Optional.of(g.id()), r.id())));
      }
    }
    GroupChange.Values before =
        new GroupChange.Values(
            g.name(),
            Objects.requireNonNullElse(g.description(), ""),
            Optional.empty(),
            OptionalInt.of(p.actual.members().getOrDefault(g.id(), Map.of()).size()));
    out.add(Staged.of(Phase.GROUPS_DELETED, GroupChange.delete(g.name(), before, why, g.id())));
    return out;
  }
}
