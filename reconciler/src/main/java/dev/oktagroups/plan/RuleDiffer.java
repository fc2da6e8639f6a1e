package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.ActualState.RuleStatus;
import dev.oktagroups.state.DesiredState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Plans a group's rule. The rule that is the group's own targets only the group and carries the
 * rule's name; any other rule that assigns people to the group is foreign and stops the group being
 * planned. An INVALID rule of the same name whose target groups are all gone is a leftover of a
 * deleted and recreated group, and is deleted.
 *
 * <p>Two rules with the rule's name and the group as their only target are both okta-groups' own:
 * two runs at once (or a create whose answer was lost) made the second. One stays, an ACTIVE one
 * when there is one, and the extra copies are deleted with the other deletes, after every grant.
 *
 * <p>A rule that okta-groups import merged into the group's one rule ({@link
 * DesiredState.Rule#retires}) is retired the same way: the group's own rule is created and
 * activated with the grants, and the merged rules are deleted afterwards, without removing users.
 * Deleting a rule keeps the people it added, and the new rule selects exactly the union of the old
 * ones, so no one's membership changes at any step. A retired rule must still target only this
 * group; one that targets others too is foreign. The group's own rule is found by its name first,
 * so a merged rule that already bears that name is updated in place instead of retired.
 */
final class RuleDiffer {
  private RuleDiffer() {}

  /**
   * The rules Okta has that bear on one group, and the exclusions its manifest lists.
   *
   * @param excludedIds the Okta ids of the people the manifest excludes, sorted
   * @param unknownExcluded excluded logins that match no Okta user
   */
  record Found(
      Optional<ActualState.Rule> ours,
      List<ActualState.Rule> foreign,
      List<ActualState.Rule> leftovers,
      List<ActualState.Rule> copies,
      List<ActualState.Rule> retired,
      List<String> excludedIds,
      List<String> unknownExcluded) {}

  static Found find(Planning p, DesiredState.Group g, Optional<String> gid) {
    String ruleName = g.rule().map(DesiredState.Rule::name).orElse(g.name());
    ActualState.Rule ours = null;
    List<ActualState.Rule> foreign = new ArrayList<>();
    List<ActualState.Rule> leftovers = new ArrayList<>();
    List<ActualState.Rule> copies = new ArrayList<>();
    List<ActualState.Rule> retired = new ArrayList<>();
    List<String> retires = g.rule().map(DesiredState.Rule::retires).orElse(List.of());
    for (ActualState.Rule r : p.actual.rules().values()) {
      boolean targets = gid.isPresent() && r.groupIds().contains(gid.get());
      if (targets) {
        if (r.groupIds().size() == 1 && r.name().equals(ruleName)) {
          if (ours == null) {
            ours = r;
          } else if (ours.status() != RuleStatus.ACTIVE && r.status() == RuleStatus.ACTIVE) {
            copies.add(ours);
            ours = r;
          } else {
            copies.add(r);
          }
        } else if (r.groupIds().size() == 1 && retires.contains(r.name())) {
          retired.add(r);
        } else {
          foreign.add(r);
        }
      } else if (r.status() == RuleStatus.INVALID
          && r.name().equals(ruleName)
          && r.groupIds().stream().noneMatch(p.actual.groups()::containsKey)) {
        leftovers.add(r);
      }
    }
    List<String> excludedIds = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String login : g.rule().map(DesiredState.Rule::excluded).orElse(List.of())) {
      ActualState.User u = p.actual.users().get(login.toLowerCase(Locale.ROOT));
      if (u == null) {
        unknown.add(login);
      } else {
        excludedIds.add(u.id());
      }
    }
    Collections.sort(excludedIds);
    return new Found(
        Optional.ofNullable(ours), foreign, leftovers, copies, retired, excludedIds, unknown);
  }

  /** Why the group cannot be planned because of a rule okta-groups does not manage, if so. */
  static Optional<String> refusal(Found found) {
    if (!found.unknownExcluded().isEmpty()) {
      return Optional.of(
          "excluded "
              + String.join(", ", found.unknownExcluded())
              + " matches no Okta user; fix the entry under 'excluded:' or remove it");
    }
    return found.foreign().stream()
        .findFirst()
        .map(
            f ->
                "group rule '"
                    + f.name()
                    + "' ("
                    + f.id()
                    + ") also assigns people to this group and okta-groups does not manage it."
                    + " Delete that rule, or move its selector into this manifest.");
  }

  static List<Staged> changes(DesiredState.Group g, Optional<String> gid, Found found) {
    List<Staged> out = new ArrayList<>();
    List<RuleChange> leftovers = new ArrayList<>();
    for (ActualState.Rule r : found.leftovers()) {
      leftovers.add(
          RuleChange.delete(
              g.name(),
              values(r),
              "INVALID leftover: its target group was deleted",
              Optional.empty(),
              r.id()));
    }
    Optional<ActualState.Rule> ours = found.ours();
    // A new rule takes the name of the INVALID rule it succeeds, so the last one to go is
    // deleted together with the create, as one replace; any others are plain deletes.
    Optional<RuleChange> succeeded =
        g.rule().isPresent() && ours.isEmpty() && !leftovers.isEmpty()
            ? Optional.of(leftovers.remove(leftovers.size() - 1))
            : Optional.empty();
    leftovers.forEach(c -> out.add(Staged.early(Phase.RULES, c)));
    for (ActualState.Rule r : found.copies()) {
      out.add(
          Staged.of(
              Phase.RULES_DELETED,
              RuleChange.delete(
                  g.name(),
                  values(r),
                  "a second copy of this group's rule, made by two runs at once; the other stays,"
                      + " and the members stay",
                  gid,
                  r.id())));
    }
    for (ActualState.Rule r : found.retired()) {
      out.add(
          Staged.of(
              Phase.RULES_DELETED,
              RuleChange.delete(
                  g.name(),
                  values(r),
                  "merged at import into the rule '"
                      + g.rule().orElseThrow().name()
                      + "', which is active before this delete; the people it added stay",
                  gid,
                  r.id())));
    }
    if (g.rule().isEmpty()) {
      ours.ifPresent(
          r ->
              out.add(
                  Staged.of(
                      Phase.RULES_DELETED,
                      RuleChange.delete(
                          g.name(),
                          values(r),
                          g.kind().label()
                              + " groups have no rule; members stay as direct members until planned"
                              + " otherwise",
                          gid,
                          r.id()))));
      return out;
    }
    ours(g, gid, ours, succeeded, found.excludedIds())
        .ifPresent(c -> out.add(Staged.of(Phase.RULES, c)));
    return out;
  }

  /**
   * The change that gives a group with a rule the rule its manifest wants: a create (a replace when
   * it succeeds an INVALID leftover), a replace of an INVALID rule, an update, or nothing.
   */
  private static Optional<RuleChange> ours(
      DesiredState.Group g,
      Optional<String> gid,
      Optional<ActualState.Rule> ours,
      Optional<RuleChange> succeeded,
      List<String> excludedIds) {
    DesiredState.Rule want = g.rule().orElseThrow();
    RuleChange.Values after =
        new RuleChange.Values(want.name(), want.expression(), RuleStatus.ACTIVE, excludedIds);
    if (ours.isEmpty()) {
      RuleChange create =
          RuleChange.create(g.name(), after, "the " + g.kind().label() + " group's selector", gid);
      return Optional.of(succeeded.map(old -> RuleChange.replace(old, create)).orElse(create));
    }
    ActualState.Rule r = ours.get();
    RuleChange.Values before = values(r);
    if (r.status() == RuleStatus.INVALID) {
      return Optional.of(
          RuleChange.replace(
              RuleChange.delete(
                  g.name(),
                  before,
                  "the rule is INVALID; Okta allows only reading or deleting it, so it is replaced",
                  gid,
                  r.id()),
              RuleChange.create(g.name(), after, "replaces the INVALID rule", gid)));
    }
    if (before.equals(after)) {
      return Optional.empty();
    }
    return Optional.of(
        RuleChange.update(g.name(), before, after, updateReason(g, before, after), gid, r.id()));
  }

  private static String updateReason(
      DesiredState.Group g, RuleChange.Values before, RuleChange.Values after) {
    List<String> why = new ArrayList<>();
    if (!before.expression().equals(g.rule().orElseThrow().expression())) {
      why.add("selector changed");
    }
    if (!before.excludedUsers().equals(after.excludedUsers())) {
      why.add(
          after.excludedUsers().isEmpty()
              ? "exclusions added outside okta-groups are reset ("
                  + g.kind().label()
                  + " groups follow their selector)"
              : "exclusions set to the manifest's 'excluded:' list");
    }
    if (before.status() != RuleStatus.ACTIVE) {
      why.add("the rule was deactivated outside okta-groups");
    }
    return String.join("; ", why)
        + "; updated in place (deactivate, replace, activate), never replaced";
  }

  static RuleChange.Values values(ActualState.Rule r) {
    List<String> excluded = new ArrayList<>(r.excludedUsers());
    Collections.sort(excluded); // Okta's order carries no meaning; the manifest's ids are sorted
    return new RuleChange.Values(r.name(), r.expression(), r.status(), excluded);
  }
}
