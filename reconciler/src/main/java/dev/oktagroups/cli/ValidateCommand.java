package dev.oktagroups.cli;

import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.report.FindingsFormat;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.validate.ValidationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code okta-groups validate}: the merge-request gate. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    header = "Check the manifests and okta-groups.yaml; report every finding with file and line.",
    description = {
      "Check every manifest under groups/ and okta-groups.yaml against the schemas and the",
      "semantic rules, and report all findings at once. Needs no Okta credentials."
    })
final class ValidateCommand implements Callable<Integer> {
  private final Main main;

  @Mixin RepoOptions repo;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default), json, junit or codequality.",
      converter = FormatConverter.class)
  FindingsFormat format = FindingsFormat.TEXT;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the --format document to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--report",
      paramLabel = "FORMAT=FILE",
      description =
          "Also write a report, e.g. --report junit=validation.xml --report codequality=cq.json. Repeatable.")
  List<String> reports = new ArrayList<>();

  @Option(names = "--strict", description = "Fail on warnings too.")
  boolean strict;

  ValidateCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() throws IOException {
    RepoSnapshot snap = repo.read(main);
    ValidationResult result = Pipeline.validate(snap, LocalDate.now(main.env().clock()));

    for (String spec : reports) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw CliException.usage(
            "--report takes FORMAT=FILE, e.g. junit=validation.xml; got '" + spec + "'");
      }
      FindingsFormat f = FormatConverter.parse(spec.substring(0, eq));
      write(main.env().resolve(spec.substring(eq + 1)), f.render(result, strict));
    }

    String doc = format.render(result, strict);
    if (output != null) {
      write(main.env().resolve(output.toString()), doc);
      main.out().print(Colour.findings(FindingsFormat.TEXT.render(result, strict), main.style()));
    } else {
      main.out().print(format == FindingsFormat.TEXT ? Colour.findings(doc, main.style()) : doc);
      if (format.isMachine()) {
        main.err().println(FindingsFormat.summary(result));
      }
    }
    boolean failed = result.hasErrors() || (strict && result.warningCount() > 0);
    return failed ? ExitCode.INVALID : ExitCode.OK;
  }

  private static void write(Path file, String content) throws IOException {
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
