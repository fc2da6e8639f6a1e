package dev.oktagroups.reconcile;

import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OrgLease;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The org's one-writer lease, held from before the plan is read until the last write: so two
 * writers never plan against the same state and never interleave. While held it is renewed in the
 * background; a lease whose holder stopped renewing is broken once it expires, or at once when its
 * holder was a process on this host that is gone (a kill -9).
 */
public final class Lease implements AutoCloseable {
  /**
   * How long to wait for another writer, how long a lease lasts unrenewed (by the lease's clock),
   * how often to look, and how often the holder renews (in real time).
   */
  public record Settings(Duration timeout, Duration ttl, Duration poll, Duration renewEvery) {
    /** Renewing three times per ttl, so that two lost renewals in a row still keep the lease. */
    public Settings(Duration timeout, Duration ttl, Duration poll) {
      this(timeout, ttl, poll, ttl.dividedBy(3));
    }

    /** Wait up to {@code timeout}; a lease lasts two minutes unrenewed; look every two seconds. */
    public static Settings waitingUpTo(Duration timeout) {
      return new Settings(timeout, Duration.ofMinutes(2), Duration.ofSeconds(2));
    }
  }

  /** Another writer held the lease for the whole timeout, or a stop came while waiting. */
  public static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String holder;

    Busy(String holder, String message) {
      super(message, null, false, false);
      this.holder = holder;
    }

    /** Who holds the lease, as its holder described itself. */
    public String holder() {
      return holder;
    }
  }

  /** How many more times an unseen lease is looked at past the deadline, and how soon. */
  private static final int UNSEEN_LOOKS = 5;

  private static final Duration UNSEEN_PAUSE = Duration.ofMillis(300);

  private final OrgLease port;
  private final String holder;
  private final Settings settings;
  private final Clock clock;
  private final AtomicBoolean lost = new AtomicBoolean();
  private final AtomicReference<Instant> expires;
  private final ScheduledExecutorService renewer;

  private Lease(OrgLease port, String holder, Settings settings, Clock clock, Instant expires) {
    this.port = port;
    this.holder = holder;
    this.settings = settings;
    this.clock = clock;
    this.expires = new AtomicReference<>(expires);
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "okta-lease");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, settings.renewEvery().toMillis());
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /** This process, as a lease holder names it: what runs, on which host, as which process. */
  public static String holder(String what) {
    return what + " on " + host() + " (pid " + ProcessHandle.current().pid() + ")";
  }

  /**
   * Takes the lease, waiting while another writer holds it.
   *
   * @throws Busy when the timeout passes, or {@code stop} says so, before the lease is free
   * @throws OktaFailure when Okta cannot be reached
   */
  static Lease take(
      OrgLease port,
      String holder,
      Settings settings,
      Clock clock,
      BooleanSupplier stop,
      Consumer<String> progress) {
    Instant giveUp = clock.instant().plus(settings.timeout());
    boolean told = false;
    int lateLooks = 0;
    while (true) {
      Instant until = clock.instant().plus(settings.ttl());
      Optional<OrgLease.Held> other = port.tryTake(holder, until);
      if (other.isEmpty()) {
        return new Lease(port, holder, settings, clock, until);
      }
      OrgLease.Held h = other.get();
      if (stale(h, clock.instant())) {
        progress.accept("breaking the stale lease of " + h.holder());
        port.breakStale(h);
        continue;
      }
      // A lease that exists but does not show was most likely released a moment ago: past the
      // deadline it is looked at a few more times, rather than given up on while it may be free.
      boolean late = !clock.instant().isBefore(giveUp);
      if (stop.getAsBoolean() || (late && !(h.unseen() && lateLooks++ < UNSEEN_LOOKS))) {
        throw new Busy(
            h.holder(),
            "another okta-groups run holds this org's apply lease: "
                + h.holder()
                + (h.unseen() ? "" : ", until " + h.expires())
                + (stop.getAsBoolean()
                    ? "; stopped while waiting for it"
                    : "; waited " + Durations.text(settings.timeout()) + " (--lock-timeout)"));
      }
      if (!told && !h.unseen()) {
        progress.accept("waiting for the apply lease held by " + h.holder());
        told = true;
      }
      boolean soon = h.unseen() && UNSEEN_PAUSE.compareTo(settings.poll()) < 0;
      pause(soon ? UNSEEN_PAUSE : settings.poll(), stop);
    }
  }

  /** Expired, or held by a process of this host that no longer runs. */
  static boolean stale(OrgLease.Held h, Instant now) {
    if (!now.isBefore(h.expires())) {
      return true;
    }
    String prefix = " on " + host() + " (pid ";
    int at = h.holder().indexOf(prefix);
    if (at < 0 || !h.holder().endsWith(")")) {
      return false;
    }
    try {
      long pid =
          Long.parseLong(h.holder().substring(at + prefix.length(), h.holder().length() - 1));
      return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Whether the lease was lost (broken by another writer, or not renewed in time). */
  public boolean lost() {
    return lost.get() || !clock.instant().isBefore(expires.get());
  }

  private void renew() {
    Instant until = clock.instant().plus(settings.ttl());
    try {
      port.renew(holder, until);
      expires.set(until);
    } catch (OktaFailure f) {
      if (f.status() == 404) {
        lost.set(true); // broken by another writer: stop writing
      }
      // otherwise try again at the next turn; lost() turns true if it stays failing past expiry
    } catch (RuntimeException e) {
      lost.set(true);
    }
  }

  private static void pause(Duration d, BooleanSupplier stop) {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end && !stop.getAsBoolean()) {
      try {
        Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("an unnamed host");
    }
  }

  /** Stops renewing and gives the lease up; a failure to give it up only lets it expire. */
  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      port.release();
    } catch (RuntimeException e) {
      // it expires on its own after the ttl
    }
  }

  /** Durations as people write them. */
  static final class Durations {
    private Durations() {}

    static String text(Duration d) {
      long s = d.toSeconds();
      return s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
    }
  }
}
