package dev.oktagroups.cli;

import dev.oktagroups.manifest.DurationText;
import java.time.Duration;
import picocli.CommandLine;

/** Parses durations as people write them: 500ms, 60s, 30m, 1h, 1h30m. */
final class Durations implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    return DurationText.parse(value)
        .orElseThrow(
            () ->
                new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration; write e.g. 500ms, 60s, 30m or 1h"));
  }
}
