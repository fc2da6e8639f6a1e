package dev.oktagroups.validate;

import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.diag.SourceRef;
import dev.oktagroups.manifest.ConfigBinder;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.ManifestBinder;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.YamlDoc;
import dev.oktagroups.manifest.YamlReader;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.source.SourceFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Validates a whole repository: okta-groups.yaml, then every manifest (in parallel), then the rules
 * that compare manifests. Reports every finding; never stops at the first.
 */
public final class Validator {
  private final YamlReader reader = new YamlReader();
  private final LocalDate today;

  /**
   * @param today the date expiries are judged against; injected so tests are stable
   */
  public Validator(LocalDate today) {
    this.today = today;
  }

  private record FileOutcome(Optional<GroupManifest> manifest, List<Diagnostic> diagnostics) {}

  public ValidationResult validate(RepoSnapshot snap) {
    List<Diagnostic> all = new ArrayList<>();
    List<String> files = new ArrayList<>();
    OrgConfig config = OrgConfig.defaults();
    boolean catalogKnown = false;
    if (snap.config().isEmpty()) {
      all.add(
          Diagnostic.of(
              Rule.CONFIG_MISSING,
              SourceRef.file(RepoSnapshot.CONFIG_PATH),
              "okta-groups.yaml is missing, so attributes and apps cannot be checked",
              "Create okta-groups.yaml at the repository root with the attribute and app catalogs; see docs/manifest-reference.md."));
    } else {
      files.add(RepoSnapshot.CONFIG_PATH);
      YamlReader.Result r = reader.read(RepoSnapshot.CONFIG_PATH, snap.config().get());
      all.addAll(r.diagnostics());
      if (r.doc().isPresent()) {
        YamlDoc doc = r.doc().get();
        all.addAll(SchemaCheck.config().check(doc));
        config = ConfigBinder.bind(doc);
        catalogKnown = true;
        all.addAll(ConfigChecks.check(doc, config));
      } else {
        all.add(
            Diagnostic.of(
                Rule.CONFIG_MISSING,
                SourceRef.file(RepoSnapshot.CONFIG_PATH),
                "okta-groups.yaml could not be read, so attributes and apps cannot be checked",
                "Fix the YAML error reported for okta-groups.yaml first."));
      }
    }

    GroupChecks checks = new GroupChecks(config, today, catalogKnown);
    List<FileOutcome> outcomes =
        snap.files().parallelStream().map(f -> checkFile(f, checks)).toList();

    List<GroupManifest> manifests = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      files.add(snap.files().get(i).path());
      all.addAll(outcomes.get(i).diagnostics());
      outcomes.get(i).manifest().ifPresent(manifests::add);
    }
    manifests.sort(Comparator.comparing(GroupManifest::path));
    all.addAll(RepoChecks.check(manifests, config));
    all.sort(Diagnostic.ORDER);
    return new ValidationResult(config, manifests, all, files);
  }

  private FileOutcome checkFile(SourceFile f, GroupChecks checks) {
    List<Diagnostic> out = new ArrayList<>();
    if (f.path().endsWith(".yml")) {
      String fixed = f.path().substring(0, f.path().length() - 4) + ".yaml";
      out.add(
          Diagnostic.of(
              Rule.FILE_EXTENSION,
              SourceRef.file(f.path()),
              "manifests end in .yaml; this .yml file would be ignored",
              "Rename it to " + fixed + "."));
      return new FileOutcome(Optional.empty(), out);
    }
    YamlReader.Result r = reader.read(f.path(), f.bytes());
    out.addAll(r.diagnostics());
    if (r.doc().isEmpty()) {
      return new FileOutcome(Optional.empty(), out);
    }
    YamlDoc doc = r.doc().get();
    out.addAll(SchemaCheck.group().check(doc));
    if (!doc.root().isObject()) {
      return new FileOutcome(Optional.empty(), out);
    }
    GroupManifest m = ManifestBinder.bind(doc);
    out.addAll(checks.check(m));
    return new FileOutcome(Optional.of(m), out);
  }
}
