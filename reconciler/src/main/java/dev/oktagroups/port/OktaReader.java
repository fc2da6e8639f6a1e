package dev.oktagroups.port;

import dev.oktagroups.plan.Plan;
import dev.oktagroups.state.ActualState;
import java.util.function.Consumer;

/** Reads the Okta state a plan needs, with list endpoints only. */
public interface OktaReader {
  /**
   * Reads the groups okta-groups owns or {@code scope} names, with their rules, members,
   * assignments and push mappings, and the people {@code scope} names.
   *
   * @param progress receives a line now and then while a long read runs
   * @throws OktaFailure when Okta cannot be read
   */
  ActualState read(Plan.Scope scope, Consumer<String> progress);
}
