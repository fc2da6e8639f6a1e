package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes the plan: a pure function of the desired state, the actual state and policy.
 *
 * <p>Each desired group is planned on its own, by one differ per resource ({@link GroupDiffer},
 * {@link RuleDiffer}, {@link MembershipDiffer}, {@link AssignmentDiffer}, {@link PushDiffer}), into
 * its changes or the error that withholds them all; then {@link OrphanSweep} plans the owned groups
 * whose manifest was deleted. The changes are put in {@link Phase} order: group, rule, memberships,
 * assignments and push mappings are created in that order, and deleted in the reverse one. An
 * object Okta cannot change in place (an INVALID rule, a push mapping whose target changed) is
 * replaced by one {@link Action#REPLACE} change.
 */
public final class Planner {
  /** Policy beyond the manifests: groups to adopt by command-line flag. */
  public record Policy(Set<String> adopt) {
    public static final Policy DEFAULT = new Policy(Set.of());
  }

  private Planner() {}

  public static Plan plan(
      DesiredState desired,
      ActualState actual,
      Policy policy,
      Plan.Source source,
      String orgUrl,
      Instant now) {
    Planning p = new Planning(desired, actual);
    List<Staged> staged = new ArrayList<>();
    List<Plan.GroupError> errors = new ArrayList<>();
    Set<String> claimed = new LinkedHashSet<>();
    List<GroupPlan> plans = new ArrayList<>();
    for (DesiredState.Group g : desired.groups().values()) {
      GroupPlan gp = group(p, g, policy);
      gp.claimed().ifPresent(claimed::add);
      plans.add(gp);
    }
    plans.addAll(OrphanSweep.plan(p, claimed));
    for (GroupPlan gp : plans) {
      if (gp instanceof GroupPlan.Planned planned) {
        staged.addAll(planned.changes());
      } else if (gp instanceof GroupPlan.Failed failed) {
        errors.add(failed.error());
      }
    }
    // The sort is stable: changes that compare equal keep the order the differs made them in.
    staged.sort(Staged.ORDER);
    List<Change> changes = staged.stream().map(Staged::change).toList();
    List<String> setup =
        actual.markerAttributeDefined()
            ? List.of()
            : List.of(
                "add the custom attribute '"
                    + desired.marker().attribute()
                    + "' (string) to Okta's group profile schema, to mark the groups okta-groups"
                    + " owns");
    // The workspaces read go into the scope, so apply reads them again for the fingerprint.
    Plan.Scope scope =
        scope(desired)
            .withSlack(
                slackScope(desired).stream()
                    .filter(w -> actual.slack().workspace(w.appId()).isPresent())
                    .toList());
    return new Plan(
        Plan.VERSION,
        now.toString(),
        source,
        orgUrl,
        Fingerprint.of(actual, scope),
        scope,
        setup,
        changes,
        errors);
  }

  /** What to read for a desired state: its group names, named people, and catalog apps. */
  public static Plan.Scope scope(DesiredState d) {
    Set<String> users = new TreeSet<>();
    d.groups()
        .values()
        .forEach(
            g -> {
              g.members().forEach(m -> users.add(m.user().toLowerCase(Locale.ROOT)));
              g.expired().forEach(m -> users.add(m.user().toLowerCase(Locale.ROOT)));
              g.rule()
                  .ifPresent(r -> r.excluded().forEach(u -> users.add(u.toLowerCase(Locale.ROOT))));
            });
    Map<String, String> apps = new LinkedHashMap<>();
    Set<String> push = new TreeSet<>();
    d.catalogApps()
        .forEach(
            (k, a) -> {
              if (!a.id().isEmpty()) {
                apps.put(k, a.id());
                if (a.push()) {
                  push.add(a.id());
                }
              }
            });
    return new Plan.Scope(
        new TreeSet<>(d.groups().keySet()),
        users,
        apps,
        push,
        d.marker().attribute(),
        d.marker().value());
  }

  /**
   * What to read from Slack for a desired state: per Slack app whose manifests list channels, the
   * user-group handles and the channels they name.
   */
  public static List<dev.oktagroups.state.SlackState.Wanted> slackScope(DesiredState d) {
    return ChannelDiffer.wanted(d);
  }

  /** One desired group: its checks in the order their errors are reported, then its changes. */
  private static GroupPlan group(Planning p, DesiredState.Group g, Policy policy) {
    Optional<ActualState.Group> existing = GroupDiffer.existing(p, g);
    // A protected group is not claimed: the sweep skips it by name anyway.
    Optional<String> claimed =
        p.protectedNames.contains(g.name())
            ? Optional.empty()
            : existing.map(ActualState.Group::id);
    boolean adoptAllowed = g.adopt() || policy.adopt().contains(g.name());
    Optional<String> refusal =
        GroupDiffer.refusal(p, g, existing, adoptAllowed).or(() -> missingApp(p, g));
    MembershipDiffer.People people = MembershipDiffer.resolve(p, g);
    if (refusal.isEmpty() && !people.problems().isEmpty()) {
      refusal = Optional.of(MembershipDiffer.refusal(people));
    }
    Optional<String> gid = existing.map(ActualState.Group::id);
    RuleDiffer.Found rules = RuleDiffer.find(p, g, gid);
    refusal = refusal.or(() -> RuleDiffer.refusal(rules)).or(() -> ChannelDiffer.refusal(p, g));
    if (refusal.isPresent()) {
      return new GroupPlan.Failed(new Plan.GroupError(g.name(), g.path(), refusal.get()), claimed);
    }
    boolean adopting = existing.isPresent() && !p.ownership.owns(existing.get());
    List<Staged> out = new ArrayList<>(GroupDiffer.changes(p, g, existing, adopting));
    out.addAll(RuleDiffer.changes(g, gid, rules));
    out.addAll(MembershipDiffer.changes(p, g, gid, people));
    out.addAll(AssignmentDiffer.changes(p, g, gid));
    out.addAll(PushDiffer.changes(p, g, gid));
    out.addAll(ChannelDiffer.changes(p, g, gid));
    return new GroupPlan.Planned(out, claimed);
  }

  /** The error for a group that names an app Okta does not have, if it names one. */
  private static Optional<String> missingApp(Planning p, DesiredState.Group g) {
    List<String> apps = new ArrayList<>();
    g.assignments().forEach(x -> apps.add(x.appId()));
    g.push().ifPresent(x -> apps.add(x.appId()));
    return apps.stream()
        .filter(p.actual.missingApps()::contains)
        .findFirst()
        .map(
            id ->
                "app "
                    + p.appKey(id)
                    + " ("
                    + id
                    + ") does not exist in Okta; check its id in okta-groups.yaml");
  }
}
