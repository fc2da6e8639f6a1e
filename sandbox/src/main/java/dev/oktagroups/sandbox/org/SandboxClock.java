package dev.oktagroups.sandbox.org;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Real time plus a time scale. Timestamps are real; durations in "Okta time" (a rate-limit minute,
 * a search lag) run {@code scale} times faster, so tests and benchmarks can live through an Okta
 * minute in a second.
 */
public final class SandboxClock {
  private final Clock clock;
  private final double scale;

  public SandboxClock(Clock clock, double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("time scale must be positive: " + scale);
    }
    this.clock = clock;
    this.scale = scale;
  }

  public static SandboxClock system(double scale) {
    return new SandboxClock(Clock.system(ZoneOffset.UTC), scale);
  }

  /** Now, to the millisecond (Okta timestamps carry milliseconds). */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  public double scale() {
    return scale;
  }

  /** How long an Okta-time duration lasts in real time. */
  public Duration real(Duration oktaTime) {
    return Duration.ofNanos((long) (oktaTime.toNanos() / scale));
  }
}
