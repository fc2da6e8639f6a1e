/**
 * The plan: a value, as in Terraform. {@link dev.oktagroups.plan.Planner} is a pure function of
 * the desired state, the actual state and policy that returns an ordered list of typed
 * {@link dev.oktagroups.plan.Change}s with before, after and a reason.
 * {@link dev.oktagroups.plan.Safety} checks a plan against the safety rails before anything is
 * written; {@link dev.oktagroups.plan.PlanCodec} saves and loads it; the renderers show it.
 *
 * <p>Pure. May import: {@code state}, {@code diag}, Jackson.
 */
package dev.oktagroups.plan;
