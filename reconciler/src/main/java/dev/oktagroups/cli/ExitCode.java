package dev.oktagroups.cli;

/**
 * Every exit code okta-groups returns; docs/exit-codes.md lists the same table. The numbers are a
 * contract with CI scripts and never change meaning.
 */
public final class ExitCode {
  private ExitCode() {}

  /** Success: valid manifests, no changes, or an apply that completed. */
  public static final int OK = 0;

  /**
   * A failure outside the command line: Okta or Git unreachable, credentials rejected, an apply in
   * which some change failed, or a bug.
   */
  public static final int FAILURE = 1;

  /**
   * Bad usage: an unknown command or option, a bad value, missing credentials, a path that does not
   * exist or cannot be written, a saved plan that is not one (or is for another org), or a
   * directory that is not an okta-groups repository.
   */
  public static final int USAGE = 2;

  /**
   * The manifests or okta-groups.yaml are invalid, the repository has no manifests (without
   * --allow-empty), or the plan has errors for some group.
   */
  public static final int INVALID = 3;

  /** {@code plan --detailed-exitcode}: the plan has changes. */
  public static final int CHANGES = 4;

  /** A safety rail refused the run: deletion cap, protected or unowned group. Nothing changed. */
  public static final int REFUSED = 5;

  /** The saved plan is stale: Okta or the repository changed since it was computed. */
  public static final int STALE = 6;

  /**
   * Another okta-groups run held the org's apply lease for the whole {@code --lock-timeout}.
   * Nothing was changed.
   */
  public static final int LOCKED = 7;

  /**
   * Okta refused the credentials, or they lack a scope the command needs; nothing was changed. (7
   * is left for the one-writer lease.)
   */
  public static final int ACCESS = 8;
}
