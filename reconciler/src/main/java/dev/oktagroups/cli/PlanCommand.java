package dev.oktagroups.cli;

import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanCodec;
import dev.oktagroups.plan.Safety;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code okta-groups plan}: what would change in Okta, without changing anything. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the manifests with Okta and show exactly what would change: groups, rules, members,",
      "app assignments and push mappings. Changes nothing. --out saves the plan for apply."
    })
final class PlanCommand implements Callable<Integer> {
  private final Main main;

  @Mixin RepoOptions repo;
  @Mixin OktaOptions okta;

  @Option(names = "--format", paramLabel = "FORMAT", converter = PlanFormat.Converter.class,
      description = "text (default), markdown or json.")
  PlanFormat format = PlanFormat.TEXT;

  @Option(names = "--out", paramLabel = "FILE", description = "Save the plan as JSON for 'okta-groups apply FILE'.")
  Path out;

  @Option(names = "--detailed-exitcode", description = "Exit 4 when the plan has changes, 0 when it has none.")
  boolean detailedExitCode;

  PlanCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() throws Exception {
    Workflow.Prepared p = Workflow.prepare(main, repo.readWithCommit(main));
    try (Workflow.Target t = Workflow.connect(main, okta, p)) {
      Workflow.Planned planned = Workflow.plan(main, p, t, okta);
      Plan plan = planned.plan();
      main.out().print(format.render(plan));
      main.out().flush();
      if (out != null) {
        Path file = main.env().resolve(out.toString());
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
        Files.writeString(file, PlanCodec.write(plan), StandardCharsets.UTF_8);
        main.err().println("okta-groups: plan saved to " + out + "; apply it with: okta-groups apply " + out);
      }
      List<Safety.Refusal> refusals = Workflow.safety(plan, planned.actual(), p.config(), Workflow.adopted(p, okta), okta);
      if (!refusals.isEmpty()) {
        Workflow.printRefusals(main, refusals);
        return ExitCode.REFUSED;
      }
      if (!plan.errors().isEmpty()) {
        return ExitCode.INVALID;
      }
      return detailedExitCode && !plan.isEmpty() ? ExitCode.CHANGES : ExitCode.OK;
    }
  }
}
