package dev.oktagroups.cli;

/**
 * A failure to report to the user as one clear message, without a stack trace.
 *
 * @see ExitCode
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  /** With the failure it explains, whose stack OKTA_GROUPS_DEBUG=1 shows. */
  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause, false, false);
    this.exitCode = exitCode;
  }

  static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
