package dev.oktagroups.cli;

import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanText;
import dev.oktagroups.reconcile.ApplyReport;
import dev.oktagroups.reconcile.Lease;
import dev.oktagroups.reconcile.Planned;
import dev.oktagroups.reconcile.Policy;
import dev.oktagroups.reconcile.Preparation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code okta-groups reconcile}: the whole job, unattended. Validate, plan, check the safety rails,
 * apply, then plan again to prove Okta now matches the manifests.
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
  @Mixin ReadCacheOptions readCache;
  @Mixin ReadCacheOptions.Dir readCacheDir;
  @Mixin LeaseOptions lease;

  ReconcileCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    Preparation.Prepared p = Stages.prepare(main, repo.readWithCommit(main));
    main.err()
        .println(
            "okta-groups: "
                + p.validation().files().size()
                + " files valid, "
                + p.desired().groups().size()
                + " groups");
    Policy policy = Policy.of(p, Stages.overrides(okta));
    try (Wiring.Target t =
            Wiring.connect(main, okta, p)
                .useReadCache(
                    main,
                    java.util.Optional.ofNullable(readCacheDir.stateDir),
                    readCache,
                    p.config().readCache());
        Shutdown stop = Stages.shutdown(main, t);
        Lease held = Stages.lock(main, t, lease, "reconcile", stop.requested())) {
      stop.onTimeout(held::close);
      return stop.exit(reconcile(p, policy, t, held, stop));
    }
  }

  private int reconcile(
      Preparation.Prepared p, Policy policy, Wiring.Target t, Lease held, Shutdown stop) {
    {
      Planned planned = plan(p, t, policy);
      Plan plan = planned.plan();
      Stages.printPlan(main, plan, okta.sandbox);
      if (planned.refused()) {
        Stages.printRefusals(main, planned.refusals());
        return ExitCode.REFUSED;
      }
      if (!plan.isEmpty()) {
        ApplyReport report = Stages.applyAndPrint(main, planned, t, held, stop, okta.threads, true);
        if (report.failed()) {
          return ExitCode.FAILURE;
        }
      }
      Plan again = plan(p, t, policy).plan();
      main.out().println();
      if (again.changes().isEmpty() && again.setup().isEmpty()) {
        main.out().println("Verified: a second plan has no changes; Okta matches the manifests.");
      } else {
        main.out().println("Not converged: a second plan still has changes:");
        main.out().print(Colour.plan(PlanText.render(again), main.style()));
        main.out().flush();
        return ExitCode.FAILURE;
      }
      main.out().flush();
      return plan.errors().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
    }
  }

  private Planned plan(Preparation.Prepared p, Wiring.Target t, Policy policy) {
    Planned planned = Stages.plan(main, p, t, policy, okta.threads);
    return planned;
  }
}
