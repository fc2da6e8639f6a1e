package dev.oktagroups.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding.
 *
 * @param entry the catalogue entry of the rule that found it; gives the id and the severity
 * @param message what is wrong, in one sentence
 * @param hint how to fix it; may be empty when the message says it all
 * @param where the file, line and column
 */
public record Diagnostic(Rule entry, String message, String hint, SourceRef where) {

  /** Orders by file, then position, then rule id, so output is stable across runs and threads. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.where().path())
          .thenComparingInt(d -> d.where().line())
          .thenComparingInt(d -> d.where().column())
          .thenComparing(Diagnostic::rule)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(where, "where");
  }

  /** A finding of {@code rule} at {@code where}, with the rule's catalogued severity. */
  public static Diagnostic of(Rule rule, SourceRef where, String message, String hint) {
    return new Diagnostic(rule, message, hint, where);
  }

  /**
   * The stable rule id such as {@code kind/managed-members}; documented in docs/validation-rules.md
   * and never reused for a different check.
   */
  public String rule() {
    return entry.id();
  }

  /** Error or warning, as the catalogue says for this rule. */
  public Severity severity() {
    return entry.severity();
  }

  public boolean isError() {
    return severity() == Severity.ERROR;
  }
}
