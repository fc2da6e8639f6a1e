package dev.oktagroups.sandbox.org;

import java.util.List;

/**
 * An API error as Okta reports it: HTTP status, {@code errorCode}, {@code errorSummary} and {@code
 * errorCauses}. Thrown by {@link Org}; the HTTP layer renders it.
 */
public final class OktaError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final List<String> causes;

  public OktaError(int status, String code, String summary, List<String> causes) {
    super(summary, null, false, false);
    this.status = status;
    this.code = code;
    this.causes = List.copyOf(causes);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String summary() {
    return getMessage();
  }

  public List<String> causes() {
    return causes;
  }

  /** 400 E0000001, "Api validation failed: {what}", with the given causes. */
  public static OktaError validation(String what, String... causes) {
    return new OktaError(400, "E0000001", "Api validation failed: " + what, List.of(causes));
  }

  /** 400 E0000003: the body is not well-formed JSON. */
  public static OktaError malformed(String detail) {
    return new OktaError(400, "E0000003", "The request body was not well-formed.", List.of(detail));
  }

  /** 404 E0000007. */
  public static OktaError notFound(String kind, String id) {
    return new OktaError(
        404, "E0000007", "Not found: Resource not found: " + id + " (" + kind + ")", List.of());
  }

  /** 404 E0000008: no such path. */
  public static OktaError noPath(String path) {
    return new OktaError(404, "E0000008", "The requested path was not found", List.of(path));
  }

  /** 403 E0000006. */
  public static OktaError forbidden(String why) {
    return new OktaError(
        403,
        "E0000006",
        "You do not have permission to perform the requested action",
        List.of(why));
  }

  /** 400 E0000031: bad search or filter. */
  public static OktaError badSearch(String why) {
    return new OktaError(400, "E0000031", "Invalid search criteria.", List.of(why));
  }

  /** 400 E0000027: group push bad request. */
  public static OktaError push(String why) {
    return new OktaError(400, "E0000027", "Group push bad request", List.of(why));
  }

  /** 405 E0000022. */
  public static OktaError methodNotAllowed(String method) {
    return new OktaError(
        405, "E0000022", "The endpoint does not support the provided HTTP method", List.of(method));
  }
}
