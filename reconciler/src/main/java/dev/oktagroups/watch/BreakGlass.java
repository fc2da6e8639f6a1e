package dev.oktagroups.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The break-glass file, {@link Watcher#BREAK_GLASS_FILE} in the state directory: while it exists
 * and is younger than its limit, the watcher applies nothing and leaves drift alone.
 */
final class BreakGlass {
  private BreakGlass() {}

  /**
   * The first line of the file and the pause's end, while the file is younger than {@code max} at
   * {@code now}; else empty. A pause that is forgotten must not switch GitOps off for good, so it
   * expires (touch the file to extend it). A file that exists but cannot be read pauses too:
   * whoever wrote it meant to stop the watcher.
   */
  static Optional<String> read(Path file, Duration max, Instant now) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      Instant until = Files.getLastModifiedTime(file).toInstant().plus(max);
      if (now.isAfter(until)) {
        return Optional.empty();
      }
      String reason = Files.readString(file).strip();
      return Optional.of(
          (reason.isEmpty() ? "no reason given" : reason.lines().findFirst().orElse(""))
              + " (until "
              + until.truncatedTo(ChronoUnit.SECONDS)
              + ")");
    } catch (IOException e) {
      return Optional.of("the break-glass file exists but cannot be read: " + e.getMessage());
    }
  }
}
