package dev.oktagroups.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds to okta-groups.yaml as text, line by line, so its comments and layout stay as people wrote
 * them: catalog values, catalog attributes, and grandfathered names. Each edit either finds the
 * place it expects or appends a new block; the importer validates the result before writing it.
 */
final class ConfigEdit {
  private final List<String> lines;

  ConfigEdit(String text) {
    this.lines = new ArrayList<>(List.of(text.split("\n", -1)));
  }

  String text() {
    return String.join("\n", lines);
  }

  /** Adds {@code values} to the catalog attribute {@code key}'s allowed values. */
  void addValues(String key, List<String> values) {
    Optional<int[]> attr = block(blockOf("attributes", 0), "  " + key + ":", 2);
    if (attr.isEmpty() || values.isEmpty()) {
      return;
    }
    Optional<int[]> vals = block(attr, "    values:", 4);
    if (vals.isEmpty()) {
      return; // no list: the attribute takes any value
    }
    appendToList(vals.get(), 6, values);
  }

  /** Adds a catalog attribute at the end of {@code attributes:}. */
  void addAttribute(String key, String shortname, String okta, List<String> values) {
    Optional<int[]> attrs = blockOf("attributes", 0);
    List<String> add = new ArrayList<>();
    add.add("  " + key + ":");
    add.add("    shortname: " + ManifestYaml.q(shortname));
    add.add("    okta: " + ManifestYaml.q(okta));
    add.add("    description: \"Added by okta-groups import: a rule in Okta reads it\"");
    add.add("    values:");
    values.forEach(v -> add.add("      - " + ManifestYaml.q(v)));
    if (attrs.isEmpty()) {
      lines.add("attributes:");
      lines.addAll(add);
    } else {
      lines.addAll(attrs.get()[1], add);
    }
  }

  /** Adds {@code names} to {@code naming.grandfathered}. */
  void grandfather(List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    Optional<int[]> naming = blockOf("naming", 0);
    if (naming.isEmpty()) {
      lines.add("naming:");
      lines.add("  grandfathered:");
      names.forEach(n -> lines.add("    - " + ManifestYaml.q(n)));
      return;
    }
    Optional<int[]> list = block(naming, "  grandfathered:", 2);
    if (list.isEmpty()) {
      List<String> add = new ArrayList<>();
      add.add(
          "  # Names kept exactly as Okta had them when okta-groups import adopted the groups.");
      add.add("  grandfathered:");
      names.forEach(n -> add.add("    - " + ManifestYaml.q(n)));
      lines.addAll(naming.get()[1], add);
      return;
    }
    appendToList(list.get(), 4, names);
  }

  /** Appends to a block list, or into a flow list {@code [..]} on the key's line. */
  private void appendToList(int[] range, int indent, List<String> values) {
    String keyLine = lines.get(range[0]);
    int close = keyLine.lastIndexOf(']');
    if (keyLine.indexOf('[') >= 0 && close > 0) {
      String inner = keyLine.substring(keyLine.indexOf('[') + 1, close).trim();
      StringBuilder sb = new StringBuilder(inner);
      for (String v : values) {
        sb.append(sb.length() == 0 ? "" : ", ").append(ManifestYaml.q(v));
      }
      lines.set(range[0], keyLine.substring(0, keyLine.indexOf('[') + 1) + sb + "]");
      return;
    }
    List<String> add =
        values.stream().map(v -> " ".repeat(indent) + "- " + ManifestYaml.q(v)).toList();
    lines.addAll(range[1], add);
  }

  private Optional<int[]> blockOf(String key, int indent) {
    return block(Optional.of(new int[] {0, lines.size()}), " ".repeat(indent) + key + ":", indent);
  }

  /**
   * The lines of the entry {@code head} starts within {@code within}: from the key's line to just
   * after the last line indented deeper (comments and blank lines after it are not its own).
   */
  private Optional<int[]> block(Optional<int[]> within, String head, int indent) {
    if (within.isEmpty()) {
      return Optional.empty();
    }
    for (int i = within.get()[0]; i < within.get()[1]; i++) {
      String l = lines.get(i);
      if (l.equals(head) || l.startsWith(head + " ")) {
        int end = i + 1;
        for (int j = i + 1; j < within.get()[1]; j++) {
          String t = lines.get(j);
          if (t.isBlank() || t.stripLeading().startsWith("#")) {
            continue;
          }
          if (t.length() - t.stripLeading().length() <= indent) {
            break;
          }
          end = j + 1;
        }
        return Optional.of(new int[] {i, end});
      }
    }
    return Optional.empty();
  }
}
