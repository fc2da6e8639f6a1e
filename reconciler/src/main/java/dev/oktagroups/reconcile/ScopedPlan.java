package dev.oktagroups.reconcile;

import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.Fingerprint;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.Planner;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.port.SlackReader;
import dev.oktagroups.port.UserDirectory;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A plan of only the groups a commit range touched: the desired state cut down to their manifests,
 * and a read of only those groups (deleted manifests included, so the sweep still deletes them).
 * Its cost follows the size of the change, not of the org.
 *
 * <p>A scoped plan must be a subset of the full plan, and never change a group outside its scope:
 * {@link #outside} is a rail of its own that refuses any change that would.
 */
final class ScopedPlan {
  private ScopedPlan() {}

  /**
   * The plan of the touched groups alone, impact and rails included; {@link Pipeline#planTouched}
   * states the contract and plans the whole org instead when the rails refuse this one.
   */
  static Planned plan(
      Preparation.Prepared p,
      Set<String> touched,
      OktaReader reader,
      SlackReader slack,
      UserDirectory directory,
      Policy policy,
      String orgUrl,
      Instant now,
      Consumer<String> progress) {
    DesiredState restricted = restrict(p.desired(), touched);
    Plan.Scope scope = scope(restricted, touched);
    ActualState actual =
        Pipeline.withSlack(reader.read(scope, progress), restricted, slack, progress);
    Plan draft =
        rescope(
            Planner.plan(
                restricted,
                actual,
                policy.planner(),
                new Plan.Source(p.snapshot().origin(), p.snapshot().commit()),
                orgUrl,
                now),
            actual,
            scope);
    return Rails.impactAndRails(draft, restricted, actual, directory, policy, now, progress);
  }

  /** The desired state with only the groups {@code touched} names (case as Okta: ignored). */
  static DesiredState restrict(DesiredState d, Set<String> touched) {
    Set<String> names = caseless(touched);
    TreeMap<String, DesiredState.Group> groups = new TreeMap<>();
    d.groups()
        .forEach(
            (name, g) -> {
              if (names.contains(name)) {
                groups.put(name, g);
              }
            });
    return new DesiredState(
        groups, d.marker(), d.protectedGroups(), d.keepDownstreamOnDelete(), d.catalogApps());
  }

  /**
   * What a scoped read covers: the touched groups that still have a manifest, with their people,
   * and the touched names that lost theirs, which the sweep must find to delete.
   */
  static Plan.Scope scope(DesiredState restricted, Set<String> touched) {
    Plan.Scope base = Planner.scope(restricted);
    Set<String> groups = caseless(base.groups());
    groups.addAll(touched);
    return new Plan.Scope(
        new TreeSet<>(groups),
        base.users(),
        base.apps(),
        base.pushApps(),
        base.markerAttribute(),
        base.markerValue(),
        List.of(),
        true);
  }

  /**
   * The draft the planner made over the restricted state, with the scope it was read with and the
   * fingerprint of that scope, so apply's stale-plan check reads and compares the same groups.
   */
  static Plan rescope(Plan draft, ActualState actual, Plan.Scope touched) {
    // The Slack workspaces the planner read stay in the scope, so apply checks them again too.
    Plan.Scope scope = touched.withSlack(draft.scope().slack());
    return new Plan(
        draft.version(),
        draft.createdAt(),
        draft.source(),
        draft.orgUrl(),
        Fingerprint.of(actual, scope),
        scope,
        draft.setup(),
        draft.changes(),
        draft.errors(),
        draft.impact());
  }

  /**
   * The rail that keeps a scoped plan inside its scope. The planner only sees the scoped groups, so
   * this never fires unless a bug lets another group in; it is here so that such a bug refuses
   * instead of changing a group the commit did not touch.
   */
  static List<Safety.Refusal> outside(Plan plan) {
    if (!plan.scope().scoped()) {
      return List.of();
    }
    Set<String> names = caseless(plan.scope().groups());
    List<Safety.Refusal> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      if (!names.contains(c.group())) {
        out.add(
            new Safety.Refusal(
                "scope",
                "the plan of the groups a commit touched would "
                    + c.describe()
                    + " of '"
                    + c.group()
                    + "', which it did not touch",
                "Plan without --since (a full plan) to see every change; this is a bug worth"
                    + " reporting."));
        break;
      }
    }
    return out;
  }

  private static Set<String> caseless(Set<String> names) {
    Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    out.addAll(names);
    return out;
  }
}
