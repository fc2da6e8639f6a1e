package dev.oktagroups.okta;

import dev.oktagroups.port.OktaFailure;
import java.util.List;
import java.util.Map;

/**
 * What is left of one endpoint's rate-limit window, as far as this client knows from Okta's {@code
 * X-Rate-Limit-Remaining} and {@code X-Rate-Limit-Reset}: {@link Calls} holds a request while it is
 * spent, until the window turns. Thread-safe.
 */
final class EndpointBudget {
  private int remaining = Integer.MAX_VALUE;
  private long resetAtMs;
  private String resetHeader;

  synchronized void acquire(Runnable stopped) {
    while (remaining <= 0) {
      stopped.run();
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

  synchronized void wake() {
    notifyAll();
  }

  synchronized void update(Map<String, List<String>> headers) {
    String rem = Calls.header(headers, "X-Rate-Limit-Remaining");
    String reset = Calls.header(headers, "X-Rate-Limit-Reset");
    if (rem == null || reset == null) {
      return;
    }
    try {
      int r = Integer.parseInt(rem.trim());
      if (!reset.equals(resetHeader)) {
        resetHeader = reset;
        remaining = r; // a new window: the server's count is the truth
        resetAtMs = System.currentTimeMillis() + Calls.resetWait(headers, 1);
      } else {
        remaining = Math.min(remaining, r); // answers arrive out of order; keep the lowest
      }
      notifyAll();
    } catch (NumberFormatException ignored) {
      // malformed header: pacing falls back to 429 handling
    }
  }
}
