package dev.oktagroups.validate;

import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.YamlDoc;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings for one file, resolving JSON pointers to positions in it. */
final class Findings {
  private final YamlDoc doc;
  private final List<Diagnostic> list = new ArrayList<>();

  Findings(YamlDoc doc) {
    this.doc = doc;
  }

  YamlDoc doc() {
    return doc;
  }

  /** A finding at the value {@code pointer} names. */
  void at(Rule rule, String pointer, String message, String hint) {
    list.add(Diagnostic.of(rule, doc.valueRef(pointer), message, hint));
  }

  /** A finding at the key of the entry {@code pointer} names. */
  void atKey(Rule rule, String pointer, String message, String hint) {
    list.add(Diagnostic.of(rule, doc.keyRef(pointer), message, hint));
  }

  /** How many findings so far; lets a family tell whether it found anything itself. */
  int count() {
    return list.size();
  }

  List<Diagnostic> list() {
    return List.copyOf(list);
  }
}
