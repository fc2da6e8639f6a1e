package dev.oktagroups.port;

/**
 * Slack refused a call ({@code ok: false}), or could not be reached. Carries Slack's error string
 * ({@code channel_not_found}, {@code not_an_admin}, ...) so callers branch on it, and a message fit
 * for users that says what to do; never the token.
 */
public final class SlackFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String error;

  public SlackFailure(String error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  /** Slack's error string; empty when Slack could not be reached. */
  public String error() {
    return error;
  }

  public String detail() {
    return getMessage();
  }
}
