package dev.oktagroups.cli;

import dev.oktagroups.apply.Executor;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanText;
import dev.oktagroups.plan.Safety;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code okta-groups reconcile}: the whole job, unattended. Validate, plan, check the safety
 * rails, apply, then plan again to prove Okta now matches the manifests.
 */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    header = "Validate, plan, apply and verify in one unattended run.",
    description = {
      "The whole job, unattended: validate the repository, plan, check the safety rails, apply,",
      "then plan again to verify Okta matches. With --sandbox it needs no credentials."
    })
final class ReconcileCommand implements Callable<Integer> {
  private final Main main;

  @Mixin RepoOptions repo;
  @Mixin OktaOptions okta;

  ReconcileCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    Workflow.Prepared p = Workflow.prepare(main, repo.readWithCommit(main));
    main.err().println("okta-groups: " + p.validation().files().size() + " files valid, " + p.desired().groups().size() + " groups");
    try (Workflow.Target t = Workflow.connect(main, okta, p)) {
      Workflow.Planned planned = Workflow.plan(main, p, t, okta);
      Plan plan = planned.plan();
      main.out().print(PlanText.render(plan));
      main.out().flush();
      List<Safety.Refusal> refusals = Workflow.safety(plan, planned.actual(), p.config(), Workflow.adopted(p, okta), okta);
      if (!refusals.isEmpty()) {
        Workflow.printRefusals(main, refusals);
        return ExitCode.REFUSED;
      }
      if (!plan.isEmpty()) {
        Executor.Report report = Executor.execute(plan, t.connection().writer(), line -> {
          synchronized (main.err()) {
            main.err().println(line);
            main.err().flush();
          }
        }, okta.threads);
        main.out().println();
        main.out().print(report.text());
        main.out().flush();
        if (report.failed()) {
          return ExitCode.FAILURE;
        }
      }
      Plan again = Workflow.plan(main, p, t, okta).plan();
      main.out().println();
      if (again.changes().isEmpty() && again.setup().isEmpty()) {
        main.out().println("Verified: a second plan has no changes; Okta matches the manifests.");
      } else {
        main.out().println("Not converged: a second plan still has changes:");
        main.out().print(PlanText.render(again));
        main.out().flush();
        return ExitCode.FAILURE;
      }
      main.out().flush();
      return plan.errors().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
    }
  }
}
