package dev.oktagroups.sandbox.expr;

/**
 * A syntax or type error in an expression or filter, with a message fit for an Okta error cause.
 */
public final class ExprException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExprException(String message) {
    super(message, null, false, false);
  }
}
