package dev.oktagroups.port;

import java.util.List;

/**
 * Okta refused a call, or could not be reached. Carries Okta's error code so callers branch on it
 * rather than on messages, and a message fit for users (never the token).
 */
public final class OktaFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String errorCode;
  private final List<String> causes;

  public OktaFailure(int status, String errorCode, String message, List<String> causes) {
    super(message, null, false, false);
    this.status = status;
    this.errorCode = errorCode;
    this.causes = List.copyOf(causes);
  }

  /** The HTTP status, or 0 when Okta could not be reached. */
  public int status() {
    return status;
  }

  /** Okta's errorCode, such as E0000001; empty when there was no error body. */
  public String errorCode() {
    return errorCode;
  }

  public List<String> causes() {
    return causes;
  }

  /** A replace that tried to change a rule's targets in an org without editable targets. */
  public boolean targetsNotEditable() {
    return status == 400
        && "E0000001".equals(errorCode)
        && (getMessage() + causes).toLowerCase(java.util.Locale.ROOT).contains("action");
  }

  /** The message with Okta's causes. */
  public String detail() {
    return causes.isEmpty() ? getMessage() : getMessage() + " (" + String.join("; ", causes) + ")";
  }
}
