package dev.oktagroups.importer;

import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.manifest.Derived;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.source.SourceFile;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The import: which groups of an org to bring in, their drafts, and the validation that decides
 * what is written. A draft whose manifest would not validate is not imported, and the report says
 * why; a name the conventions reject is grandfathered instead, so names are always kept.
 */
public final class Importer {
  /**
   * What to import.
   *
   * @param only glob patterns ({@code *} for any text) of the group names to import; empty means
   *     every group
   * @param owners the GitLab handles written as every imported group's owners
   */
  public record Options(List<String> only, List<String> owners) {
    public Options {
      only = List.copyOf(only);
      owners = List.copyOf(owners);
    }
  }

  /**
   * The outcome.
   *
   * @param files the manifests to write, by repository path
   * @param config the new okta-groups.yaml text, when it changes
   */
  public record Result(ImportReport report, Map<String, String> files, Optional<String> config) {
    public Result {
      files = Map.copyOf(files);
    }
  }

  private Importer() {}

  /**
   * Imports from {@code org}, a read of the whole org, into the repository {@code repo}.
   *
   * @param today the date validation judges expiries against
   */
  public static Result run(RepoSnapshot repo, ActualState org, Options options, LocalDate today) {
    Validator validator = new Validator(today);
    ValidationResult before = validator.validate(repo);
    OrgConfig config = before.config();
    Set<String> named = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    before.manifests().forEach(m -> named.add(m.name()));
    Drafting drafting = new Drafting(config, org, options.owners());
    List<Pattern> only = options.only().stream().map(Importer::glob).toList();
    List<Draft> drafts = new ArrayList<>();
    List<ImportReport.Skipped> skipped = new ArrayList<>();
    TreeMap<String, ActualState.Group> byName = new TreeMap<>();
    org.groups().values().forEach(g -> byName.put(g.name(), g));
    for (ActualState.Group g : byName.values()) {
      if (named.contains(g.name())
          || (!only.isEmpty() && only.stream().noneMatch(p -> p.matcher(g.name()).matches()))) {
        continue;
      }
      Drafting.Outcome o = drafting.draft(g);
      if (o instanceof Drafting.Drafted d) {
        drafts.add(d.draft());
      } else {
        skipped.add(((Drafting.Left) o).skipped());
      }
    }
    String configText =
        repo.config().map(b -> new String(b, StandardCharsets.UTF_8)).orElse("attributes: {}\n");
    return settle(repo, configText, drafts, skipped, validator, config);
  }

  /**
   * Validates the drafts with the repository and drops, or grandfathers, until what remains is
   * clean. Each round removes or grandfathers at least one draft, so it ends.
   */
  private static Result settle(
      RepoSnapshot repo,
      String configText,
      List<Draft> drafts,
      List<ImportReport.Skipped> skipped,
      Validator validator,
      OrgConfig config) {
    Set<String> grandfathered = new LinkedHashSet<>();
    while (true) {
      Catalog catalog = Catalog.of(config, drafts);
      ConfigEdit edit = new ConfigEdit(configText);
      catalog.apply(edit);
      edit.grandfather(List.copyOf(grandfathered));
      Map<String, String> files = new LinkedHashMap<>();
      Map<String, Draft> byPath = new LinkedHashMap<>();
      for (Draft d : drafts) {
        String path = path(d);
        files.put(path, ManifestYaml.render(d, "../../schemas/group.schema.json"));
        byPath.put(path, d);
      }
      ValidationResult v = validator.validate(with(repo, edit.text(), files));
      boolean changed = false;
      Map<String, List<Diagnostic>> findings = new LinkedHashMap<>();
      v.diagnostics()
          .forEach(x -> findings.computeIfAbsent(x.where().path(), k -> new ArrayList<>()).add(x));
      List<Draft> keep = new ArrayList<>();
      for (Map.Entry<String, Draft> e : byPath.entrySet()) {
        List<Diagnostic> errors =
            findings.getOrDefault(e.getKey(), List.of()).stream()
                .filter(Diagnostic::isError)
                .toList();
        Draft d = e.getValue();
        if (errors.isEmpty()) {
          keep.add(d);
        } else if (!grandfathered.contains(d.name())
            && errors.stream().anyMatch(x -> x.rule().startsWith("name/"))) {
          grandfathered.add(d.name());
          keep.add(d);
          changed = true;
        } else {
          Diagnostic first = errors.get(0);
          skipped.add(
              new ImportReport.Skipped(
                  d.name(),
                  "OKTA_GROUP",
                  "its manifest would not validate: " + first.rule() + ": " + first.message()));
          changed = true;
        }
      }
      if (!changed) {
        return result(v, files, byPath, edit, configText, catalog, grandfathered, skipped);
      }
      drafts = keep;
    }
  }

  private static Result result(
      ValidationResult v,
      Map<String, String> files,
      Map<String, Draft> byPath,
      ConfigEdit edit,
      String configText,
      Catalog catalog,
      Set<String> grandfathered,
      List<ImportReport.Skipped> skipped) {
    List<ImportReport.Imported> imported = new ArrayList<>();
    for (Map.Entry<String, Draft> e : byPath.entrySet()) {
      Draft d = e.getValue();
      List<String> warnings = new ArrayList<>(d.warnings());
      v.diagnostics().stream()
          .filter(x -> x.where().path().equals(e.getKey()) && !x.isError())
          .map(x -> x.rule() + ": " + x.message())
          .distinct()
          .forEach(warnings::add);
      imported.add(new ImportReport.Imported(d.name(), d.kind().label(), e.getKey(), warnings));
    }
    List<String> lines = new ArrayList<>(catalog.describe());
    grandfathered.forEach(n -> lines.add("naming.grandfathered: + " + n));
    String text = edit.text();
    return new Result(
        new ImportReport(imported, skipped, lines),
        files,
        text.equals(configText) ? Optional.empty() : Optional.of(text));
  }

  /** Where a draft's manifest goes: under its kind, named reversibly after the group. */
  static String path(Draft d) {
    return RepoSnapshot.GROUPS_DIR
        + "/"
        + d.kind().label()
        + "/"
        + Derived.fileStem(d.name())
        + ".yaml";
  }

  private static RepoSnapshot with(RepoSnapshot repo, String config, Map<String, String> files) {
    Map<String, SourceFile> all = new TreeMap<>();
    repo.files().forEach(f -> all.put(f.path(), f));
    files.forEach((p, t) -> all.put(p, new SourceFile(p, t.getBytes(StandardCharsets.UTF_8))));
    return new RepoSnapshot(
        repo.origin(),
        repo.commit(),
        Optional.of(config.getBytes(StandardCharsets.UTF_8)),
        List.copyOf(all.values()));
  }

  /** A {@code --only} glob: {@code *} is any text, everything else literal, any case. */
  static Pattern glob(String g) {
    List<String> parts = new ArrayList<>();
    for (String part : g.split("\\*", -1)) {
      parts.add(part.isEmpty() ? "" : Pattern.quote(part));
    }
    return Pattern.compile(
        String.join(".*", parts), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
