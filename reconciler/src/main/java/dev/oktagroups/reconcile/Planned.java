package dev.oktagroups.reconcile;

import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.state.ActualState;
import java.util.List;

/**
 * A plan, the Okta state it was computed from, and what the safety rails said of it.
 *
 * @param refusals empty when the plan may be applied; otherwise why not, and nothing is written
 */
public record Planned(Plan plan, ActualState actual, List<Safety.Refusal> refusals) {
  public Planned {
    refusals = List.copyOf(refusals);
  }

  public boolean refused() {
    return !refusals.isEmpty();
  }
}
