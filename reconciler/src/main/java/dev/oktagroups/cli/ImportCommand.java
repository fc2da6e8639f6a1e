package dev.oktagroups.cli;

import dev.oktagroups.importer.Importer;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.source.RepoSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code okta-groups import}: bring an existing org's groups under Git. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    header = "Write manifests for the Okta groups no manifest names yet, and report what was left.",
    description = {
      "Read the org with list endpoints only and write a manifest under groups/ for each",
      "OKTA_GROUP without one, plus what okta-groups.yaml needs. Rules become selectors exactly",
      "or not at all; the first plan after an import only adds ownership markers. See",
      "docs/import.md."
    })
final class ImportCommand implements Callable<Integer> {
  private final Main main;

  @Mixin RepoOptions repo;

  @Option(
      names = "--okta-url",
      paramLabel = "URL",
      description = "The Okta org (default: $OKTA_ORG_URL, then org.url in okta-groups.yaml).")
  String oktaUrl;

  @Option(
      names = "--sandbox",
      description = "Import from an embedded sandbox seeded as a brownfield org; no credentials.")
  boolean sandbox;

  @Option(
      names = "--only",
      paramLabel = "PATTERN",
      description = "Import only groups whose name matches PATTERN ('*' is any text). Repeatable.")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--owner",
      paramLabel = "HANDLE",
      description = "GitLab owner written into every imported manifest (default: @okta-admins).")
  List<String> owners = new ArrayList<>();

  @Option(names = "--dry-run", description = "Write nothing; print the report.")
  boolean dryRun;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  String format = "text";

  @Option(names = "--threads", paramLabel = "N", description = "Parallel reads (default 8).")
  int threads = 8;

  ImportCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() throws IOException {
    if (!format.equals("text") && !format.equals("json")) {
      throw CliException.usage("--format takes text or json, not '" + format + "'");
    }
    if (repo.gitUrl != null && !dryRun) {
      throw CliException.usage(
          "import writes files: use --repo DIR (a checkout), or add --dry-run to --git-url");
    }
    for (String o : owners) {
      if (!o.matches("^@[A-Za-z0-9_][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\\-]*)*$")) {
        throw CliException.usage(
            "--owner " + o + ": write a GitLab handle such as @corpsec-identity");
      }
    }
    if (sandbox && oktaUrl != null) {
      throw CliException.usage("--sandbox and --okta-url are alternatives; give one");
    }
    LocalDate today = LocalDate.now(main.env().clock());
    RepoSnapshot snap = repo.read(main);
    Preparation prep = Pipeline.prepare(snap, today);
    if (!(prep instanceof Preparation.Prepared p)) {
      main.err()
          .println(
              "okta-groups import: the repository does not validate; run 'okta-groups validate'"
                  + " and fix the errors before importing into it");
      return ExitCode.INVALID;
    }
    OktaOptions okta = new OktaOptions();
    okta.oktaUrl = oktaUrl;
    okta.sandbox = false;
    Importer.Options options =
        new Importer.Options(only, owners.isEmpty() ? List.of("@okta-admins") : owners);
    Importer.Result result;
    try (Wiring.Target t =
        sandbox ? brownfield(p) : Wiring.connect(main, okta, p, Wiring.Access.IMPORT)) {
      result = Pipeline.importOrg(p, t.orgReader(main, threads), options, today, line -> {});
    }
    if (!dryRun) {
      write(result);
    }
    if (format.equals("json")) {
      main.out().println(result.report().json(dryRun));
    } else {
      main.out().print(result.report().text(dryRun));
      if (!dryRun && !result.files().isEmpty()) {
        main.out()
            .println(
                "\nNext: okta-groups validate, then okta-groups plan: it should only adopt the"
                    + " groups (see docs/import.md).");
      }
    }
    return ExitCode.OK;
  }

  private Wiring.Target brownfield(Preparation.Prepared p) {
    return Wiring.brownfield(
        p.config(), p.manifests(), line -> main.err().println("okta-groups: " + line));
  }

  private void write(Importer.Result result) throws IOException {
    Path root = main.env().resolve(repo.repo == null ? "." : repo.repo);
    for (Map.Entry<String, String> f : result.files().entrySet()) {
      Path file = root.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
    if (result.config().isPresent()) {
      Files.writeString(
          root.resolve(RepoSnapshot.CONFIG_PATH), result.config().get(), StandardCharsets.UTF_8);
    }
  }
}
