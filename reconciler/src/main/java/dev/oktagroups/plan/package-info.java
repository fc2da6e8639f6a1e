/**
 * The plan: a value, as in Terraform. {@link dev.oktagroups.plan.Planner} is a pure function of the
 * desired state, the actual state and policy that returns an ordered list of typed {@link
 * dev.oktagroups.plan.Change}s, one record per resource, with typed before and after values and a
 * reason. Each resource has its differ ({@code GroupDiffer}, {@code RuleDiffer}, {@code
 * MembershipDiffer}, {@code AssignmentDiffer}, {@code PushDiffer}, and {@code OrphanSweep} for
 * deleted manifests); {@code Phase} fixes the order. {@link dev.oktagroups.plan.Safety} checks a
 * plan against the safety rails before anything is written; {@link dev.oktagroups.plan.PlanCodec}
 * saves and loads it; the renderers show it.
 *
 * <p>Pure. May import: {@code state}, {@code diag}, {@code manifest.Kind} (a desired group's kind),
 * Jackson, the JDK.
 */
package dev.oktagroups.plan;
