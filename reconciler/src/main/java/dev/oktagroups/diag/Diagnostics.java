package dev.oktagroups.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A collector of findings. Not thread-safe: give each worker its own and {@link #addAll} them.
 */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic d) {
    items.add(d);
  }

  public void error(String rule, SourceRef where, String message, String hint) {
    add(Diagnostic.error(rule, where, message, hint));
  }

  public void warning(String rule, SourceRef where, String message, String hint) {
    add(Diagnostic.warning(rule, where, message, hint));
  }

  public void addAll(Collection<Diagnostic> more) {
    items.addAll(more);
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** The findings in {@link Diagnostic#ORDER}. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(Diagnostic.ORDER);
    return List.copyOf(copy);
  }
}
