package dev.oktagroups.cli;

import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanCodec;
import dev.oktagroups.plan.PlanMarkdown;
import dev.oktagroups.plan.PlanText;
import java.util.Locale;
import picocli.CommandLine;

/** How {@code plan} shows a plan. */
enum PlanFormat {
  TEXT,
  MARKDOWN,
  JSON;

  String render(Plan p) {
    return switch (this) {
      case TEXT -> PlanText.render(p);
      case MARKDOWN -> PlanMarkdown.render(p);
      case JSON -> PlanCodec.write(p);
    };
  }

  /** Parses format names with a message that lists the choices. */
  static final class Converter implements CommandLine.ITypeConverter<PlanFormat> {
    @Override
    public PlanFormat convert(String value) {
      try {
        return PlanFormat.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a plan format; use text, markdown or json");
      }
    }
  }
}
