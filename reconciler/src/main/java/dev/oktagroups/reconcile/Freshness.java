package dev.oktagroups.reconcile;

import dev.oktagroups.state.ActualState;

/** Whether a saved plan still describes Okta and the repository: apply runs only a fresh one. */
public sealed interface Freshness {
  /** Nothing moved since the plan was made; {@code now} is the state just read. */
  record Fresh(ActualState now) implements Freshness {}

  /**
   * Okta or the repository moved.
   *
   * @param reason what moved, as the end of "the plan is stale: ..."
   * @param okta whether Okta moved (otherwise the commit did)
   */
  record Stale(String reason, boolean okta) implements Freshness {}
}
