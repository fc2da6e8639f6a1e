package dev.oktagroups.manifest;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, in flags and in okta-groups.yaml alike: 500ms, 60s, 30m, 1h,
 * 1h30m, 7d. Case and surrounding spaces do not matter; a number needs its unit.
 */
public final class DurationText {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private DurationText() {}

  /** The duration {@code value} writes, or empty when it is not one (or too long to hold). */
  public static Optional<Duration> parse(String value) {
    try {
      return parts(value);
    } catch (ArithmeticException | NumberFormatException tooLong) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> parts(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = PART.matcher(v);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      end = m.end();
    }
    return end == 0 || end != v.length() ? Optional.empty() : Optional.of(total);
  }
}
