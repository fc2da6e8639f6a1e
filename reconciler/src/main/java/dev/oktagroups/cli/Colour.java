package dev.oktagroups.cli;

import java.util.stream.Collectors;

/**
 * Colours what the renderers wrote, line by line, the way terraform and git colour theirs: the
 * renderers stay plain (golden tests compare them byte for byte, and files and merge-request notes
 * must never hold escape codes), and {@link Style#PLAIN} leaves every line untouched.
 */
final class Colour {
  private Colour() {}

  /** A plan from {@code PlanText}: creates green, deletes red, updates yellow, errors red. */
  static String plan(String text, Style s) {
    if (s == Style.PLAIN) {
      return text;
    }
    return lines(
        text,
        line -> {
          if (line.startsWith("  -/+ ")) {
            return s.yellow("  -/+") + line.substring(5);
          }
          if (line.startsWith("  + ")) {
            return s.green(line);
          }
          if (line.startsWith("  - ")) {
            return s.red(line);
          }
          if (line.startsWith("  ~ ")) {
            return s.yellow(line);
          }
          if (line.startsWith("  ! ")) {
            return s.red(line);
          }
          if (line.startsWith("  # ")) {
            return s.bold(line);
          }
          if (line.startsWith("Plan: ") || line.startsWith("No changes")) {
            return s.bold(line);
          }
          return line;
        });
  }

  /** Text findings: the severity of each, and the summary. */
  static String findings(String text, Style s) {
    if (s == Style.PLAIN) {
      return text;
    }
    return lines(
        text,
        line -> {
          if (line.startsWith("    hint: ")) {
            return s.cyan(line);
          }
          line = line.replaceFirst(": error ", ": " + s.red("error") + " ");
          line = line.replaceFirst(": warning ", ": " + s.yellow("warning") + " ");
          if (line.endsWith(" valid")) {
            return s.green(line);
          }
          return line;
        });
  }

  /** An apply report: the summary, and each change that did not apply. */
  static String applied(String text, Style s) {
    if (s == Style.PLAIN) {
      return text;
    }
    return lines(
        text,
        line -> {
          if (line.startsWith("Applied ")) {
            return s.bold(line);
          }
          return line.startsWith("  ") ? s.red(line) : line;
        });
  }

  private static String lines(String text, java.util.function.UnaryOperator<String> each) {
    String body = text.lines().map(each).collect(Collectors.joining("\n"));
    return text.endsWith("\n") ? body + "\n" : body;
  }
}
