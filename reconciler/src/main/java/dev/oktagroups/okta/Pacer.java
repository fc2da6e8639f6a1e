package dev.oktagroups.okta;

import dev.oktagroups.port.OktaFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Keeps okta-groups under its share of each rate-limit bucket (okta-groups.yaml {@code
 * rateLimits.maxShare}), so that a long apply goes slower instead of taking the budget SCIM
 * provisioning, the HR import and other tools need from the same buckets.
 *
 * <p>Per bucket ({@link Buckets}) it counts the requests sent in the current window, and before a
 * request it waits while that count has reached {@code floor(maxShare * X-Rate-Limit-Limit)}. The
 * window is the one Okta announces: it ends at {@code X-Rate-Limit-Reset}, measured against the
 * answer's Date header; after it ends the count starts again. Until a bucket's first answer says
 * its limit, one request at a time is let through to learn it. A share of 1 lets everything through
 * and only counts: {@link Calls} already waits for a spent window and retries a 429.
 */
final class Pacer {
  /** What {@code /metrics} shows of one bucket. */
  record Bucket(String name, long requests, int limit, int usedInWindow, int allowed) {
    /** Requests still allowed in this window; the limit's share, when no window is open. */
    int headroom() {
      return Math.max(0, allowed - usedInWindow);
    }
  }

  private static final class Window {
    long requests;
    int limit = -1;
    int used;
    int inFlight;
    long resetAtMs;
    String resetHeader;
  }

  /** How long Okta's rate-limit windows last. */
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private volatile double share = 1.0;

  /** Sets the share; 1 or more turns pacing off. */
  void share(double maxShare) {
    if (!(maxShare > 0)) {
      throw new IllegalArgumentException("a rate-limit share must be above 0: " + maxShare);
    }
    this.share = Math.min(1.0, maxShare);
  }

  double share() {
    return share;
  }

  /**
   * Waits until {@code endpoint}'s bucket has room under the share, then counts the request.
   *
   * @param cancelled once true, the wait ends with a failure, as a shutdown asks
   */
  void acquire(String endpoint, BooleanSupplier cancelled) {
    Window w = windows.computeIfAbsent(Buckets.of(endpoint), k -> new Window());
    synchronized (w) {
      while (true) {
        long now = System.currentTimeMillis();
        if (w.resetAtMs > 0 && now >= w.resetAtMs) {
          w.used = 0; // the window Okta announced is over; the next answer opens a new one
          w.resetAtMs = 0;
          w.resetHeader = null;
        }
        double s = share;
        boolean room = s >= 1.0 || (w.limit < 0 ? w.inFlight == 0 : w.used < allowed(w.limit, s));
        if (room) {
          w.used++;
          w.inFlight++;
          w.requests++;
          return;
        }
        if (cancelled.getAsBoolean()) {
          throw new OktaFailure(0, "", "stopped before it was sent (shutting down)", List.of());
        }
        long wait = w.resetAtMs > 0 ? Math.max(1, w.resetAtMs - now) : 50;
        try {
          w.wait(Math.min(wait, 1000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OktaFailure(0, "", "interrupted", List.of());
        }
      }
    }
  }

  /** Counts an answer (or its absence) for the request {@link #acquire} let through. */
  void answered(String endpoint, Map<String, List<String>> headers) {
    Window w = windows.computeIfAbsent(Buckets.of(endpoint), k -> new Window());
    synchronized (w) {
      w.inFlight = Math.max(0, w.inFlight - 1);
      String limit = Calls.header(headers, "X-Rate-Limit-Limit");
      String remaining = Calls.header(headers, "X-Rate-Limit-Remaining");
      String reset = Calls.header(headers, "X-Rate-Limit-Reset");
      try {
        if (limit != null) {
          w.limit = Integer.parseInt(limit.trim());
        }
        if (reset != null && !reset.equals(w.resetHeader)) {
          w.resetHeader = reset;
          w.resetAtMs = System.currentTimeMillis() + Calls.resetWait(headers, 1);
          if (limit != null && remaining != null) {
            // Okta's count for this token is the truth for a window we did not see open.
            w.used = Math.max(w.used, w.limit - Integer.parseInt(remaining.trim()));
          }
        }
      } catch (NumberFormatException ignored) {
        // malformed headers: the window stays as it was
      }
      w.notifyAll();
    }
  }

  /** Wakes every wait, so a cancelled one can end. */
  void wake() {
    windows
        .values()
        .forEach(
            w -> {
              synchronized (w) {
                w.notifyAll();
              }
            });
  }

  /**
   * The shortest gap between the requests of a periodic poller that may use {@code fraction} of
   * okta-groups' allowance in {@code endpoint}'s bucket (the share of its limit, or the whole limit
   * when pacing is off). {@link #acquire} lets a window's allowance go as fast as it is asked for
   * and then holds every request until the window turns; a poller that spent it early would go
   * quiet for the rest of the minute, and what trusts its freshness (the System Log's, for {@link
   * DetailCache}) would stop trusting it. Spread over the window, it never runs dry, and the rest
   * of the allowance stays free for other readers of the bucket. Zero until the bucket's limit is
   * known.
   */
  Duration spacing(String endpoint, double fraction) {
    Window w = windows.get(Buckets.of(endpoint));
    if (w == null) {
      return Duration.ZERO;
    }
    synchronized (w) {
      if (w.limit < 0) {
        return Duration.ZERO;
      }
      int n = Math.max(1, (int) Math.floor(allowed(w.limit, share) * fraction));
      return WINDOW.dividedBy(n);
    }
  }

  /** Each bucket seen so far, by name. */
  Map<String, Bucket> buckets() {
    Map<String, Bucket> out = new TreeMap<>();
    double s = share;
    windows.forEach(
        (name, w) -> {
          synchronized (w) {
            boolean open = w.resetAtMs > System.currentTimeMillis();
            int allowed = w.limit < 0 ? 0 : allowed(w.limit, s);
            out.put(name, new Bucket(name, w.requests, w.limit, open ? w.used : 0, allowed));
          }
        });
    return out;
  }

  private static int allowed(int limit, double share) {
    return Math.max(1, (int) Math.floor(limit * share));
  }
}
