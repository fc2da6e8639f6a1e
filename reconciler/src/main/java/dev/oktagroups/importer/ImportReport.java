package dev.oktagroups.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did: the groups it wrote manifests for, and those it left alone, each with why.
 *
 * @param imported the groups imported, by name
 * @param skipped the groups not imported, by name, each with the reason
 * @param catalog lines describing what okta-groups.yaml gained (attributes, values, names)
 */
public record ImportReport(List<Imported> imported, List<Skipped> skipped, List<String> catalog) {
  public ImportReport {
    imported = List.copyOf(imported);
    skipped = List.copyOf(skipped);
    catalog = List.copyOf(catalog);
  }

  /**
   * One imported group.
   *
   * @param path the manifest's repository path
   * @param warnings what validation will warn about, and what the import noticed
   */
  public record Imported(String name, String kind, String path, List<String> warnings) {
    public Imported {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * One group left alone.
   *
   * @param type the Okta group type
   * @param reason why, in a sentence that names what to change in Okta, when anything can be
   */
  public record Skipped(String name, String type, String reason) {}

  /** The report as a JSON document: dryRun, imported, skipped and config. */
  public String json(boolean dryRun) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dryRun", dryRun);
    doc.put("imported", imported);
    doc.put("skipped", skipped);
    doc.put("config", catalog);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the import report cannot be written as JSON", e);
    }
  }

  /** The report as text for a terminal. */
  public String text(boolean dryRun) {
    StringBuilder sb = new StringBuilder();
    sb.append(dryRun ? "Would import " : "Imported ")
        .append(imported.size())
        .append(imported.size() == 1 ? " group" : " groups")
        .append(", left ")
        .append(skipped.size())
        .append(" alone.\n");
    if (!imported.isEmpty()) {
      sb.append("\nImported:\n");
      for (Imported i : imported) {
        sb.append("  + ").append(i.name()).append(" (").append(i.kind()).append(") -> ");
        sb.append(i.path()).append('\n');
        i.warnings().forEach(w -> sb.append("      ! ").append(w).append('\n'));
      }
    }
    if (!skipped.isEmpty()) {
      sb.append("\nNot imported:\n");
      for (Skipped s : skipped) {
        sb.append("  - ").append(s.name()).append(" (").append(s.type()).append("): ");
        sb.append(s.reason()).append('\n');
      }
    }
    if (!catalog.isEmpty()) {
      sb.append("\nokta-groups.yaml:\n");
      catalog.forEach(c -> sb.append("  ~ ").append(c).append('\n'));
    }
    return sb.toString();
  }
}
