package dev.oktagroups.reconcile;

import dev.oktagroups.impact.Impacts;
import dev.oktagroups.impact.LossCap;
import dev.oktagroups.plan.Impact;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.Planner;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.port.UserDirectory;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.state.Person;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * From the state read to a {@link Planned}: the draft plan, its impact on people, and the safety
 * rails that judge it. Every plan the pipeline makes (full, scoped, offline, or a saved one checked
 * again) passes through here, so they are all judged by the same rails.
 */
final class Rails {
  private Rails() {}

  /** The plan of everything {@code p} declares against {@code actual}, not yet judged. */
  static Plan draft(
      Preparation.Prepared p, ActualState actual, Policy policy, String orgUrl, Instant now) {
    RepoSnapshot snap = p.snapshot();
    return Planner.plan(
        p.desired(),
        actual,
        policy.planner(),
        new Plan.Source(snap.origin(), snap.commit()),
        orgUrl,
        now);
  }

  /**
   * {@code draft} with its impact on people, judged by the rails, the loss cap included. The impact
   * reads the directory once per group whose rule the plan creates or edits.
   */
  static Planned impactAndRails(
      Plan draft,
      DesiredState desired,
      ActualState actual,
      UserDirectory directory,
      Policy policy,
      Instant now,
      Consumer<String> progress) {
    Map<String, List<Person>> found = new TreeMap<>();
    Impacts.searches(draft, desired)
        .forEach(
            (group, filter) -> {
              progress.accept("reading the people rule " + group + " selects");
              found.put(group, directory.search(filter, progress));
            });
    // okta-groups judges dates in UTC, as the command line's clock does.
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Impact impact = Impacts.compute(draft, desired, actual, found, today);
    return planned(draft.withImpact(impact), actual, policy);
  }

  /** The draft of {@code p} with an impact already known (or known to be unknown), judged. */
  static Planned planAgainst(
      Preparation.Prepared p,
      ActualState actual,
      Policy policy,
      String orgUrl,
      Instant now,
      Impact impact) {
    return planned(draft(p, actual, policy, orgUrl, now).withImpact(impact), actual, policy);
  }

  /** {@code plan} judged by the rails against the state it was planned from. */
  static Planned planned(Plan plan, ActualState actual, Policy policy) {
    return new Planned(plan, actual, safety(plan, actual, policy));
  }

  private static List<Safety.Refusal> safety(Plan plan, ActualState actual, Policy policy) {
    List<Safety.Refusal> out =
        new ArrayList<>(
            Safety.check(plan, actual, policy.protectedGroups(), policy.adopt(), policy.limits()));
    out.addAll(LossCap.check(plan.impact(), actual, policy.lossCap()));
    out.addAll(ScopedPlan.outside(plan));
    return out;
  }
}
