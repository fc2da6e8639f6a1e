package dev.oktagroups.okta;

import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import dev.oktagroups.okta.ApiErrors.Verdict;
import dev.oktagroups.port.OktaFailure;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
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
  private static final int MAX_ATTEMPTS = 8;

  /**
   * How often one call may time out before it fails. An org that accepts connections and never
   * answers would otherwise hold a run for {@link #MAX_ATTEMPTS} full timeouts; one more try is
   * enough to ride out a single slow answer.
   */
  static final int MAX_TIMEOUTS = 2;

  private final ApiClient client;
  private final Map<String, EndpointBudget> budgets = new ConcurrentHashMap<>();
  private final Pacer pacer = new Pacer();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong limited = new AtomicLong();
  private final AtomicInteger writesInFlight = new AtomicInteger();
  private final FirstContact contact;
  // The SDK keeps the last answer's headers per thread; a first-contact read answers on a thread
  // of its own, so its headers are kept here for the caller's thread.
  private final ThreadLocal<Map<String, List<String>>> headers = ThreadLocal.withInitial(Map::of);
  private volatile boolean cancelled;
  private volatile Consumer<String> retries = line -> {};

  Calls(ApiClient client) {
    this(client, new FirstContact(FirstContact.DEADLINE));
  }

  /** Calls over {@code client} that share {@code contact}: what the org has answered so far. */
  Calls(ApiClient client, FirstContact contact) {
    this.client = client;
    this.contact = contact;
  }

  /**
   * Calls of their own (pacing, counts, cancellation) over the same client and the same first
   * contact: once the org has answered either, neither treats it as silent.
   */
  Calls sibling() {
    return new Calls(client, contact);
  }

  ApiClient client() {
    return client;
  }

  /** The headers of the last answer this thread had through these calls; empty before any. */
  Map<String, List<String>> responseHeaders() {
    return headers.get();
  }

  /**
   * Okta's clock, from the Date header of the last answer this thread had: a time at or before
   * which that answer was made (the header has whole seconds). Empty before any answer, or when the
   * header is missing or unreadable.
   */
  Optional<Instant> oktaNow() {
    try {
      String date = header(headers.get(), "Date");
      return date == null
          ? Optional.empty()
          : Optional.of(
              ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  long requests() {
    return requests.get();
  }

  /** The share of each rate-limit bucket these calls keep under, and what they used. */
  Pacer pacer() {
    return pacer;
  }

  long rateLimited() {
    return limited.get();
  }

  /**
   * Abandons what has not been sent: from now on every call that would start, and every wait for a
   * rate-limit window or a backoff, fails at once. A request already on the wire runs to its end.
   */
  void cancel() {
    cancelled = true;
    synchronized (this) {
      notifyAll();
    }
    budgets.values().forEach(EndpointBudget::wake);
    pacer.wake();
  }

  /** Where each retry is announced, so a slow run says why it is slow. */
  void onRetry(Consumer<String> notice) {
    this.retries = notice;
  }

  /** Writes on the wire now: a stop waits for these, and for nothing else. */
  int writesInFlight() {
    return writesInFlight.get();
  }

  /** Whether a failed call may be sent again: never a create whose outcome is unknown. */
  enum Retry {
    /** Safe to repeat on any transient failure: reads, PUTs, DELETEs, lifecycle POSTs. */
    IDEMPOTENT,
    /** Repeat only when Okta said it did nothing (429, 423, 503): creates. */
    ONLY_IF_REFUSED
  }

  <T> T run(String endpoint, Retry retry, Supplier<T> call) {
    EndpointBudget budget = budgets.computeIfAbsent(endpoint, k -> new EndpointBudget());
    OktaFailure last = null;
    Attempts tries = new Attempts();
    while (true) {
      try {
        return attempt(endpoint, budget, call);
      } catch (ApiException e) {
        last = ApiErrors.failure(e, endpoint, client.getBasePath());
        Verdict v = ApiErrors.classify(e);
        boolean unknown = v == Verdict.UNKNOWN || v == Verdict.TIMED_OUT;
        if (v == Verdict.FINAL || (unknown && retry != Retry.IDEMPOTENT)) {
          throw unknown ? outcomeUnknown(last) : last;
        }
        tries.next(v, last);
        waitBefore(v, e, tries, last);
      }
    }
  }

  /**
   * Runs a create, which must never be sent twice blindly. When its outcome is unknown (the answer
   * was lost), or Okta says the object already exists, {@code find} looks for what an earlier
   * attempt or run created; what it finds is the result. Only when it finds nothing is the create
   * sent again.
   *
   * @param find the object this create would make, if it already exists and is ours
   */
  <T> T create(String endpoint, Supplier<T> call, Supplier<Optional<T>> find) {
    EndpointBudget budget = budgets.computeIfAbsent(endpoint, k -> new EndpointBudget());
    OktaFailure last = null;
    Attempts tries = new Attempts();
    while (true) {
      try {
        return attempt(endpoint, budget, call);
      } catch (ApiException e) {
        last = ApiErrors.failure(e, endpoint, client.getBasePath());
        Verdict v = ApiErrors.classify(e);
        boolean exists = e.getCode() == 400 && ApiErrors.alreadyExists(last);
        if (v == Verdict.FINAL && !exists) {
          throw last;
        }
        if (v == Verdict.UNKNOWN || v == Verdict.TIMED_OUT || exists) {
          // Searches lag behind writes, so what a lost answer created may not show at once.
          for (int look = 1; look <= (exists ? 4 : 1); look++) {
            Optional<T> found = find.get();
            if (found.isPresent()) {
              return found.get();
            }
            sleep(backoff(look));
          }
          if (exists) {
            throw last;
          }
          // Counted after the lookup: even the last lost answer is looked for before giving up.
          tries.next(v, last);
          continue;
        }
        tries.next(v, last);
        waitBefore(v, e, tries, last);
      }
    }
  }

  /**
   * How many times one call has failed. 429s are counted apart, and allowed far more often: a storm
   * from another client of the same bucket ends, and each wait is for its announced reset. Every
   * other transient failure counts towards {@link #MAX_ATTEMPTS}, and timeouts, each of which costs
   * a whole timeout, also towards the much smaller {@link #MAX_TIMEOUTS}.
   */
  private static final class Attempts {
    static final int MAX_RATE_LIMITED = 200;
    int failures;
    int limited;
    int timeouts;

    void next(Verdict v, OktaFailure last) {
      if (v == Verdict.RATE_LIMITED) {
        if (++limited > MAX_RATE_LIMITED) {
          throw gaveUp(last, limited);
        }
        return;
      }
      ++failures;
      if (v == Verdict.TIMED_OUT && ++timeouts >= MAX_TIMEOUTS) {
        throw gaveUp(last, failures);
      }
      if (failures >= MAX_ATTEMPTS) {
        throw gaveUp(last, failures);
      }
    }

    /** The most attempts the call may still get, as the announcement counts them. */
    int limit() {
      return timeouts > 0
          ? Math.min(MAX_ATTEMPTS, failures - timeouts + MAX_TIMEOUTS)
          : MAX_ATTEMPTS;
    }
  }

  private <T> T attempt(String endpoint, EndpointBudget budget, Supplier<T> call) {
    boolean write = !endpoint.startsWith("GET ");
    budget.acquire(this::stopped);
    pacer.acquire(endpoint, () -> cancelled);
    Map<String, List<String>> answer = Map.of();
    try {
      stopped();
      requests.incrementAndGet();
      if (write) {
        writesInFlight.incrementAndGet();
      }
      try {
        // Until the org has answered once, a read waits only briefly: a silent org is unreachable.
        Answer<T> a =
            contact.pending() && !write
                ? contact.await(client.getBasePath(), () -> answer(call))
                : answer(call);
        contact.answered();
        headers.set(a.headers());
        answer = a.headers();
        budget.update(answer);
        return a.result();
      } catch (ApiException e) {
        if (e.getCode() != 0) {
          contact.answered();
        }
        answer = e.getResponseHeaders();
        budget.update(answer);
        if (e.getCode() == 429) {
          limited.incrementAndGet();
        }
        throw e;
      } finally {
        if (write) {
          writesInFlight.decrementAndGet();
        }
      }
    } finally {
      pacer.answered(endpoint, answer);
    }
  }

  /** One call's result with its answer's headers, read on the thread that made the call. */
  private record Answer<T>(T result, Map<String, List<String>> headers) {}

  private <T> Answer<T> answer(Supplier<T> call) {
    T result = call.get();
    Map<String, List<String>> h = client.getResponseHeaders();
    return new Answer<>(result, h == null ? Map.of() : h);
  }

  private void stopped() {
    if (cancelled) {
      throw new OktaFailure(0, "", "stopped before it was sent (shutting down)", List.of());
    }
  }

  private void waitBefore(Verdict v, ApiException e, Attempts tries, OktaFailure last) {
    if (v == Verdict.RATE_LIMITED) {
      sleep(resetWait(e.getResponseHeaders(), tries.failures));
      return;
    }
    long wait = backoff(tries.failures);
    retries.accept(
        last.getMessage()
            + "; attempt "
            + tries.failures
            + " of "
            + tries.limit()
            + ", trying again in "
            + String.format(Locale.ROOT, "%.1f s", wait / 1000.0));
    sleep(wait);
  }

  /**
   * A write that timed out or lost its answer, and that is not sent again: it may have happened.
   * The message says so, and that the next plan shows what Okta now has.
   */
  private static OktaFailure outcomeUnknown(OktaFailure last) {
    return new OktaFailure(
        last.status(),
        last.errorCode(),
        last.getMessage()
            + "; the write may or may not have been done, so it is not sent again: plan again to"
            + " see what Okta has now",
        last.causes());
  }

  private static OktaFailure gaveUp(OktaFailure last, int attempts) {
    return new OktaFailure(
        last.status(),
        last.errorCode(),
        "gave up after " + attempts + " attempts: " + last.getMessage(),
        last.causes());
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

  /** Waits {@code ms}, or less when the calls are cancelled: a stop never waits out a backoff. */
  void sleep(long ms) {
    long end = System.currentTimeMillis() + ms;
    synchronized (this) {
      for (long left = ms; left > 0 && !cancelled; left = end - System.currentTimeMillis()) {
        try {
          wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OktaFailure(0, "", "interrupted", List.of());
        }
      }
    }
    stopped();
  }
}
