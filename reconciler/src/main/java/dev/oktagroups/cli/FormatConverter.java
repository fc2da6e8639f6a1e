package dev.oktagroups.cli;

import dev.oktagroups.report.FindingsFormat;
import picocli.CommandLine;

/** Turns {@code --format} values into formats with a message that lists the choices. */
final class FormatConverter implements CommandLine.ITypeConverter<FindingsFormat> {
  @Override
  public FindingsFormat convert(String value) {
    return parse(value);
  }

  static FindingsFormat parse(String value) {
    try {
      return FindingsFormat.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a format; use text, json, junit or codequality");
    }
  }
}
