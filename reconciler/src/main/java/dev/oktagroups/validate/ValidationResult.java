package dev.oktagroups.validate;

import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import java.util.List;

/**
 * Everything validation learned about a repository.
 *
 * @param config the org configuration, with defaults where the file is missing or broken
 * @param manifests every manifest that parsed, sorted by path, valid or not
 * @param diagnostics every finding, in {@link Diagnostic#ORDER}
 * @param files the paths checked: okta-groups.yaml (when present) and every candidate file
 */
public record ValidationResult(
    OrgConfig config,
    List<GroupManifest> manifests,
    List<Diagnostic> diagnostics,
    List<String> files) {

  public ValidationResult {
    manifests = List.copyOf(manifests);
    diagnostics = List.copyOf(diagnostics);
    files = List.copyOf(files);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  public long warningCount() {
    return diagnostics.size() - errorCount();
  }
}
