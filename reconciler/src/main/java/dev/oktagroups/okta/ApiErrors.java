package dev.oktagroups.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.client.ApiException;
import dev.oktagroups.port.OktaFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a failed SDK call means: whether sending it again can help ({@link Verdict}), and the
 * failure users read, with Okta's error code and causes, or why Okta could not be reached, in words
 * and without exception names.
 */
final class ApiErrors {
  private ApiErrors() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one failed call tells about sending it again. */
  enum Verdict {
    /** A 429: Okta did nothing; wait for the window the answer announces. */
    RATE_LIMITED,
    /** Okta said it did nothing and may accept it soon: 423 E0000239, 503. */
    NOT_DONE,
    /**
     * The outcome is unknown: a 500, 502 or 504, or a connection lost mid-call, may come after Okta
     * did the work. Only an idempotent call may be sent again as it is.
     */
    UNKNOWN,
    /**
     * No answer within the timeout. Like {@link #UNKNOWN} the request may have been done, so only
     * an idempotent call is sent again, and only up to {@link Calls#MAX_TIMEOUTS} times in all.
     */
    TIMED_OUT,
    /** Retrying cannot help: a client error, or Okta cannot be reached at all. */
    FINAL
  }

  /**
   * The one classification of a failed call into retryable or not; {@link Calls#run} and {@link
   * Calls#create} both follow it.
   */
  static Verdict classify(ApiException e) {
    return switch (e.getCode()) {
      case 429 -> Verdict.RATE_LIMITED;
      case 423, 503 -> Verdict.NOT_DONE;
      case 500, 502, 504 -> Verdict.UNKNOWN;
      // No HTTP answer: a connection reset or a read cut short may pass; a refused connection, a
      // name that does not resolve or a failed TLS handshake fails the same way every time.
      case 0 ->
          unreachable(e).isPresent()
              ? Verdict.FINAL
              : timedOut(e) ? Verdict.TIMED_OUT : Verdict.UNKNOWN;
      default -> Verdict.FINAL;
    };
  }

  /**
   * Okta's answer to a create whose object exists: 400 E0000001 saying the field already exists (a
   * group name), or E0000027 saying the group is already pushed (a push mapping).
   */
  static boolean alreadyExists(OktaFailure f) {
    String text = (f.getMessage() + f.causes()).toLowerCase(Locale.ROOT);
    return ("E0000001".equals(f.errorCode()) && text.contains("already exist"))
        || ("E0000027".equals(f.errorCode()) && text.contains("already pushed"));
  }

  /**
   * Okta's error, as a failure with a message fit for users. A request that never reached Okta says
   * why: {@link #unreachable} when retrying cannot help, else the transient reason.
   */
  static OktaFailure failure(ApiException e, String endpoint, String base) {
    if (e.getCode() == 0) {
      Optional<String> permanent = unreachable(e);
      if (permanent.isPresent()) {
        return new OktaFailure(
            0, "", "cannot reach Okta at " + base + ": " + permanent.get(), List.of());
      }
      return new OktaFailure(
          0, "", "cannot reach Okta (" + endpoint + "): " + networkReason(e), List.of());
    }
    String code = "";
    String summary = "";
    List<String> causes = new ArrayList<>();
    try {
      JsonNode body = e.getResponseBody() == null ? null : JSON.readTree(e.getResponseBody());
      if (body != null) {
        code = body.path("errorCode").asText("");
        summary = body.path("errorSummary").asText("");
        body.path("errorCauses").forEach(c -> causes.add(c.path("errorSummary").asText()));
      }
    } catch (Exception ignored) {
      // not Okta's error body (a proxy page?): the status says enough
    }
    String msg =
        "Okta answered "
            + e.getCode()
            + (code.isEmpty() ? "" : " " + code)
            + " to "
            + endpoint
            + (summary.isEmpty() ? "" : ": " + summary);
    return new OktaFailure(e.getCode(), code, msg, causes);
  }

  /**
   * Why Okta cannot be reached, when sending the request again would fail the same way: the
   * connection is refused, the name does not resolve, or TLS fails. Empty for what may pass
   * (timeouts, resets).
   */
  static Optional<String> unreachable(ApiException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof java.net.UnknownHostException) {
        return Optional.of(
            "the host name "
                + Optional.ofNullable(c.getMessage())
                    .map(m -> "'" + m.replaceFirst(":.*", "") + "' ")
                    .orElse("")
                + "does not resolve; check the org URL for a typo, and DNS or VPN");
      }
      if (c instanceof java.net.ConnectException || c instanceof java.net.NoRouteToHostException) {
        return Optional.of(
            "connection refused"
                + Optional.ofNullable(c.getMessage()).map(m -> " (" + m + ")").orElse("")
                + "; check the org URL and port, and that nothing (proxy, firewall) blocks it");
      }
      // Any TLS failure, not just a handshake one: a TLS port that speaks plain HTTP, or an HTTP
      // port asked for TLS, fails the same way every time.
      if (c instanceof javax.net.ssl.SSLException
          || c instanceof java.security.cert.CertificateException) {
        return Optional.of(
            "the TLS handshake failed ("
                + c.getMessage()
                + "); if a proxy inspects TLS, add its CA to Java's trust store, e.g."
                + " OKTA_GROUPS_JAVA_OPTS=-Djavax.net.ssl.trustStore=FILE");
      }
    }
    return Optional.empty();
  }

  /** Whether the call failed because Okta did not answer in time. */
  static boolean timedOut(ApiException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof java.net.SocketTimeoutException
          || c instanceof java.io.InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  /** A transient network failure in words: a timeout or a reset, without exception names. */
  private static String networkReason(ApiException e) {
    if (timedOut(e)) {
      return "no answer from Okta in "
          + OktaConnection.TIMEOUT_SECONDS
          + " s (timeout); check that the org URL points at Okta, and that no proxy holds the"
          + " connection";
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return Optional.ofNullable(root.getMessage()).orElse("the connection failed");
  }
}
