package dev.oktagroups.okta;

import dev.oktagroups.port.OktaFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether the org has answered anything yet, and the short deadline of the reads sent before it
 * has.
 *
 * <p>An org that has never answered a single request is not slow: its URL points at something that
 * is not Okta (a hung proxy, a port of another service), or something holds the connection. The
 * SDK's one timeout ({@link OktaConnection#TIMEOUT_SECONDS}, tried once more) is sized for an org
 * that answered before and is slow now; spent on first contact it keeps a newcomer waiting twenty
 * seconds for a message that could come in four. So until the first answer, each read waits {@link
 * #DEADLINE} at most, is not sent again, and fails saying that nothing answered.
 *
 * <p>The SDK cannot shorten its timeout for one request, so such a read runs on a thread of its own
 * while the caller waits for it up to the deadline. A read abandoned at the deadline stays on the
 * wire until the SDK's timeout ends it; nothing waits for it, and a read changes nothing. Writes
 * never take this path: a write abandoned mid-flight would have an unknown outcome, and every run
 * reads before it writes anyway.
 *
 * <p>One instance is shared by every {@link Calls} of a connection (the lease has calls of its
 * own), so "the first request" is the run's first, whichever part of it sends it.
 */
final class FirstContact {
  /**
   * How long a read may wait for an answer while the org has answered nothing. Okta answers a page
   * in well under a second, a TLS handshake included, so four seconds is ample headroom for a slow
   * network or a loaded sandbox; and a run that must give up still does so within ten seconds of
   * its start, even where a loaded machine takes four to start the JVM and prepare the plan.
   */
  static final Duration DEADLINE = Duration.ofSeconds(4);

  private final Duration deadline;
  private volatile boolean answered;

  FirstContact(Duration deadline) {
    this.deadline = deadline;
  }

  /** Whether the org has not answered any request yet. */
  boolean pending() {
    return !answered;
  }

  /** Records an answer from the org: any HTTP status, an error included. */
  void answered() {
    answered = true;
  }

  /**
   * Runs {@code call} and waits for it up to the deadline. When the deadline passes and the org has
   * still answered nothing, fails at once, naming {@code base}; when it has answered another
   * request meanwhile, this one is merely slow, and gets the SDK's usual timeout.
   *
   * @throws OktaFailure when nothing answered within the deadline
   */
  <T> T await(String base, Supplier<T> call) {
    FutureTask<T> task = new FutureTask<>(call::get);
    Thread worker = new Thread(task, "okta-first-contact");
    worker.setDaemon(true); // an abandoned read must not keep the JVM alive
    worker.start();
    try {
      try {
        return task.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (pending()) {
          throw silent(base);
        }
        return task.get();
      }
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OktaFailure(0, "", "interrupted", List.of());
    }
  }

  private OktaFailure silent(String base) {
    return new OktaFailure(
        0,
        "",
        "cannot reach Okta at "
            + base
            + ": no answer to the first request in "
            + deadline.toSeconds()
            + " s; check that the org URL points at Okta and not at another service, and that no"
            + " proxy or firewall holds the connection",
        List.of());
  }

  /** The call's own failure, as if it had been thrown on the caller's thread. */
  private static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(cause);
  }
}
