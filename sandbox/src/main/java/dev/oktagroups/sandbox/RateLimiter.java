package dev.oktagroups.sandbox;

import dev.oktagroups.sandbox.org.SandboxClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Okta's per-endpoint rate limits: per-minute buckets keyed by method and path, with Okta's
 * published Workforce numbers, of which one token gets {@code tokenShare}. A window opens at the
 * first request after the previous one closed, as Okta's windows are not aligned to the clock.
 */
final class RateLimiter {
  /** A bucket's verdict for one request, with the values for the X-Rate-Limit headers. */
  record Decision(
      boolean allowed, String bucket, int limit, int remaining, long resetEpochSecond) {}

  private static final class Window {
    Instant start;
    int used;
  }

  private final SandboxClock clock;
  private final double tokenShare;
  private final Map<String, Window> windows = new HashMap<>();
  private final Map<String, int[]> peaks = new HashMap<>(); // bucket -> {most used, limit}

  RateLimiter(SandboxClock clock, double tokenShare) {
    this.clock = clock;
    this.tokenShare = tokenShare;
  }

  /**
   * The bucket and its org-wide per-minute limit. Source: Okta's rate-limit table (Workforce);
   * rules and member lists have no listed bucket and fall under "most other /api/v1".
   */
  static Map.Entry<String, Integer> bucket(String method, String template) {
    if (template.equals("/api/v1/apps/{appId}")) {
      return Map.entry("/api/v1/apps/{id}", 500);
    }
    if (template.startsWith("/api/v1/apps")) {
      return Map.entry("/api/v1/apps*", 100);
    }
    // A group's app list shares the group list's bucket (the Terraform provider's bucket map):
    // it is how a reader learns a group's apps without touching the small apps bucket.
    if (template.equals("/api/v1/groups") || template.equals("/api/v1/groups/{groupId}/apps")) {
      return Map.entry("/api/v1/groups", 500);
    }
    if (template.equals("/api/v1/groups/{groupId}")) {
      return Map.entry("/api/v1/groups/{id}", 1000);
    }
    if (template.equals("/api/v1/logs")) {
      return Map.entry("/api/v1/logs", 120);
    }
    if (template.equals("/api/v1/users")) {
      return Map.entry("/api/v1/users", 600);
    }
    if (template.equals("/api/v1/users/{userId}") && method.equals("GET")) {
      return Map.entry("GET /api/v1/users/{id}", 2000);
    }
    return Map.entry("/api/v1/*", 1200);
  }

  /** The per-token limit of a bucket. */
  int tokenLimit(int orgLimit) {
    return Math.max(1, (int) Math.floor(orgLimit * tokenShare));
  }

  /** Counts one request against its bucket. */
  synchronized Decision take(String method, String template) {
    Map.Entry<String, Integer> b = bucket(method, template);
    int limit = tokenLimit(b.getValue());
    Instant now = clock.now();
    long windowNanos = clock.real(java.time.Duration.ofMinutes(1)).toNanos();
    Window w = windows.computeIfAbsent(b.getKey(), k -> new Window());
    if (w.start == null || !now.isBefore(w.start.plusNanos(windowNanos))) {
      w.start = now;
      w.used = 0;
    }
    Instant end = w.start.plusNanos(windowNanos);
    long reset = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
    if (w.used >= limit) {
      return new Decision(false, b.getKey(), limit, 0, reset);
    }
    w.used++;
    int[] peak = peaks.computeIfAbsent(b.getKey(), k -> new int[2]);
    peak[0] = Math.max(peak[0], w.used);
    peak[1] = limit;
    return new Decision(true, b.getKey(), limit, limit - w.used, reset);
  }

  /**
   * The most requests any one window of each bucket has let through, and the bucket's per-token
   * limit, by bucket.
   */
  synchronized Map<String, int[]> peaks() {
    Map<String, int[]> out = new HashMap<>();
    peaks.forEach((k, v) -> out.put(k, v.clone()));
    return out;
  }

  /** Forgets all windows, as when a new minute starts for every bucket. */
  synchronized void reset() {
    windows.clear();
    peaks.clear();
  }
}
