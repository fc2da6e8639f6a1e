package dev.oktagroups.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The break-glass file pauses while it is younger than its limit; times are set, not waited. */
class BreakGlassTest {
  static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
  static final Duration MAX = Duration.ofHours(8);

  @TempDir Path tmp;

  private Path file(String text, Instant modified) throws Exception {
    Path f = tmp.resolve(Watcher.BREAK_GLASS_FILE);
    Files.writeString(f, text);
    Files.setLastModifiedTime(f, FileTime.from(modified));
    return f;
  }

  @Test
  void noFileNoPause() {
    assertEquals(Optional.empty(), BreakGlass.read(tmp.resolve(Watcher.BREAK_GLASS_FILE), MAX, T0));
  }

  @Test
  void aYoungFilePausesWithItsFirstLineAndItsEnd() throws Exception {
    Path f = file("INC-4711: offboarding\nsecond line\n", T0);
    assertEquals(
        Optional.of("INC-4711: offboarding (until 2026-11-29T20:00:00Z)"),
        BreakGlass.read(f, MAX, T0.plus(Duration.ofHours(1))));
  }

  @Test
  void anEmptyFilePausesWithoutAReason() throws Exception {
    Path f = file("  \n", T0);
    assertEquals(
        Optional.of("no reason given (until 2026-11-29T20:00:00Z)"), BreakGlass.read(f, MAX, T0));
  }

  @Test
  void aForgottenFileExpires() throws Exception {
    Path f = file("forgotten", T0);
    assertTrue(BreakGlass.read(f, MAX, T0.plus(MAX)).isPresent(), "the last instant");
    assertEquals(Optional.empty(), BreakGlass.read(f, MAX, T0.plus(MAX).plusSeconds(1)));
  }
}
