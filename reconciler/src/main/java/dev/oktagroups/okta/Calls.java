package dev.oktagroups.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import dev.oktagroups.port.OktaFailure;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs SDK calls with Okta-aware pacing and retries, and counts them.
 *
 * <p>Pacing: for each endpoint the last X-Rate-Limit-Remaining and -Reset are remembered; when a
 * bucket is spent, the next call waits for its reset instead of drawing a 429. A 429 still happens
 * when other clients share the bucket; then the call waits until the reset the response announces
 * (computed against its Date header, not the local clock) and tries again.
 */
final class Calls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ATTEMPTS = 8;

  private final ApiClient client;
  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong limited = new AtomicLong();
  private volatile Consumer<String> retries = line -> {};

  Calls(ApiClient client) {
    this.client = client;
  }

  ApiClient client() {
    return client;
  }

  long requests() {
    return requests.get();
  }

  long rateLimited() {
    return limited.get();
  }

  /** Where each retry is announced, so a slow run says why it is slow. */
  void onRetry(Consumer<String> notice) {
    this.retries = notice;
  }

  /** Whether a failed call may be sent again: never a create whose outcome is unknown. */
  enum Retry {
    /** Safe to repeat on any transient failure: reads, PUTs, DELETEs, lifecycle POSTs. */
    IDEMPOTENT,
    /** Repeat only when Okta said it did nothing (429, 423, 503): creates. */
    ONLY_IF_REFUSED
  }

  <T> T run(String endpoint, Retry retry, Supplier<T> call) {
    Budget budget = budgets.computeIfAbsent(endpoint, k -> new Budget());
    OktaFailure last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      budget.acquire();
      requests.incrementAndGet();
      try {
        T result = call.get();
        budget.update(client.getResponseHeaders());
        return result;
      } catch (ApiException e) {
        budget.update(e.getResponseHeaders());
        last = failure(e, endpoint, client.getBasePath());
        int code = e.getCode();
        boolean transientFailure =
            code == 423
                || code == 503
                || (retry == Retry.IDEMPOTENT
                    && (code == 500 || code == 502 || code == 504 || code == 0));
        if (code == 429) {
          limited.incrementAndGet();
          sleep(resetWait(e.getResponseHeaders(), attempt));
        } else if (!transientFailure || unreachable(e).isPresent()) {
          throw last;
        } else if (attempt < MAX_ATTEMPTS) {
          long wait = backoff(attempt);
          retries.accept(
              last.getMessage()
                  + "; attempt "
                  + attempt
                  + " of "
                  + MAX_ATTEMPTS
                  + ", trying again in "
                  + String.format(java.util.Locale.ROOT, "%.1f s", wait / 1000.0));
          sleep(wait);
        }
      }
    }
    throw new OktaFailure(
        last.status(),
        last.errorCode(),
        "gave up after " + MAX_ATTEMPTS + " attempts: " + last.getMessage(),
        last.causes());
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

  /** A transient network failure in words: a timeout or a reset, without exception names. */
  private static String networkReason(ApiException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof java.net.SocketTimeoutException
          || c instanceof java.io.InterruptedIOException) {
        return "no answer from Okta in time (timeout)";
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return Optional.ofNullable(root.getMessage()).orElse("the connection failed");
  }

  static String header(Map<String, List<String>> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      // Header names are case-insensitive; servers differ in how they write them.
      if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return null;
  }

  /** Milliseconds until the bucket resets, by the server's clock; a backoff when unknown. */
  static long resetWait(Map<String, List<String>> headers, int attempt) {
    String reset = header(headers, "X-Rate-Limit-Reset");
    String date = header(headers, "Date");
    if (reset == null) {
      return backoff(attempt);
    }
    try {
      long resetMs = Long.parseLong(reset.trim()) * 1000;
      long nowMs =
          date == null
              ? System.currentTimeMillis()
              : ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                  .toInstant()
                  .toEpochMilli();
      return Math.max(50, Math.min(resetMs - nowMs, 65_000))
          + ThreadLocalRandom.current().nextLong(50);
    } catch (RuntimeException e) {
      return backoff(attempt);
    }
  }

  static long backoff(int attempt) {
    return Math.min(200L << Math.min(attempt, 6), 10_000)
        + ThreadLocalRandom.current().nextLong(100);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OktaFailure(0, "", "interrupted", List.of());
    }
  }

  /** What is left of one endpoint's rate-limit window, as far as this client knows. */
  private static final class Budget {
    private int remaining = Integer.MAX_VALUE;
    private long resetAtMs;
    private String resetHeader;

    synchronized void acquire() {
      while (remaining <= 0) {
        long wait = resetAtMs - System.currentTimeMillis();
        if (wait <= 0) {
          remaining = Integer.MAX_VALUE; // a new window: the next answer says how much is left
          break;
        }
        try {
          wait(wait + 20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OktaFailure(0, "", "interrupted", List.of());
        }
      }
      if (remaining != Integer.MAX_VALUE) {
        remaining--;
      }
    }

    synchronized void update(Map<String, List<String>> headers) {
      String rem = header(headers, "X-Rate-Limit-Remaining");
      String reset = header(headers, "X-Rate-Limit-Reset");
      if (rem == null || reset == null) {
        return;
      }
      try {
        int r = Integer.parseInt(rem.trim());
        if (!reset.equals(resetHeader)) {
          resetHeader = reset;
          remaining = r; // a new window: the server's count is the truth
          resetAtMs = System.currentTimeMillis() + resetWait(headers, 1);
        } else {
          remaining = Math.min(remaining, r); // answers arrive out of order; keep the lowest
        }
        notifyAll();
      } catch (NumberFormatException ignored) {
        // malformed header: pacing falls back to 429 handling
      }
    }
  }
}
