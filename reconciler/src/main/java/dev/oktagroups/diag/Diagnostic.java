package dev.oktagroups.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding.
 *
 * @param severity error or warning
 * @param rule stable rule id such as {@code kind/managed-members}; documented in
 *     docs/validation-rules.md and never reused for a different check
 * @param message what is wrong, in one sentence
 * @param hint how to fix it; may be empty when the message says it all
 * @param where the file, line and column
 */
public record Diagnostic(Severity severity, String rule, String message, String hint, SourceRef where) {

  /** Orders by file, then position, then rule, so output is stable across runs and threads. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.where().path())
          .thenComparingInt(d -> d.where().line())
          .thenComparingInt(d -> d.where().column())
          .thenComparing(Diagnostic::rule)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(where, "where");
  }

  public static Diagnostic error(String rule, SourceRef where, String message, String hint) {
    return new Diagnostic(Severity.ERROR, rule, message, hint, where);
  }

  public static Diagnostic warning(String rule, SourceRef where, String message, String hint) {
    return new Diagnostic(Severity.WARNING, rule, message, hint, where);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
