package dev.oktagroups.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.oktagroups.port.SlackFailure;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One Slack method call, made until Slack answers it. Slack limits each method per workspace by its
 * tier and says how long to wait in {@code Retry-After}; the call sleeps that long (never less than
 * a second, as Slack asks) and tries again, up to {@link #MAX_WAITS} times, telling {@code onRetry}
 * each time so a long wait is never silent. An {@code ok: false} answer becomes a {@link
 * SlackFailure} whose message says what to do; the token is in neither.
 */
final class SlackCalls {
  /** 429s waited out per call before giving up: tier 1 allows one call a minute at worst. */
  static final int MAX_WAITS = 8;

  /** A Slack method, called through the SDK. */
  interface Method<T extends SlackApiTextResponse> {
    T call() throws IOException, SlackApiException;
  }

  private final Consumer<String> onRetry;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();

  SlackCalls(Consumer<String> onRetry) {
    this.onRetry = onRetry;
  }

  long requests() {
    return requests.get();
  }

  long rateLimited() {
    return rateLimited.get();
  }

  /**
   * Calls {@code method} ({@code name} is Slack's name for it, for messages) until it is answered.
   *
   * @throws SlackFailure on {@code ok: false}, on a 429 that outlasts {@link #MAX_WAITS}, or when
   *     Slack cannot be reached
   */
  <T extends SlackApiTextResponse> T call(String app, String name, Method<T> method) {
    for (int waits = 0; ; waits++) {
      requests.incrementAndGet();
      try {
        T r = method.call();
        if (!r.isOk()) {
          throw new SlackFailure(r.getError(), SlackErrors.explain(app, name, r.getError(), r));
        }
        return r;
      } catch (SlackApiException e) {
        int status = e.getResponse().code();
        if (status != 429) {
          throw new SlackFailure(
              "", "Slack answered " + name + " with HTTP " + status + " (" + app + ")");
        }
        rateLimited.incrementAndGet();
        if (waits >= MAX_WAITS) {
          throw new SlackFailure(
              "ratelimited",
              "Slack kept rate-limiting "
                  + name
                  + " ("
                  + app
                  + ") after "
                  + MAX_WAITS
                  + " waits; try again later");
        }
        long seconds = retryAfter(e.getResponse().header("Retry-After"));
        onRetry.accept(
            "Slack rate-limited " + name + " (" + app + "); waiting " + seconds + " s as it asks");
        sleep(seconds);
      } catch (IOException e) {
        throw new SlackFailure(
            "", "cannot reach Slack for " + name + " (" + app + "): " + e.getMessage());
      }
    }
  }

  /** Slack's Retry-After, in whole seconds; 1 when it is missing or unreadable. */
  static long retryAfter(String header) {
    try {
      return header == null ? 1 : Math.max(1, Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static void sleep(long seconds) {
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackFailure("", "interrupted while waiting out Slack's rate limit");
    }
  }
}
