package dev.oktagroups.diag;

/** How serious a finding is. Errors block a merge; warnings do unless {@code --strict} is off. */
public enum Severity {
  ERROR,
  WARNING;

  /** The lowercase spelling used in every output format. */
  public String label() {
    return this == ERROR ? "error" : "warning";
  }
}
