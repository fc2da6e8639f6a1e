package dev.oktagroups.cli;

import dev.oktagroups.apply.Executor;
import dev.oktagroups.plan.Fingerprint;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanCodec;
import dev.oktagroups.plan.PlanText;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.source.GitSource;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.state.ActualState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code okta-groups apply}: make the changes of a saved plan, or of a fresh one. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    header = "Apply a saved plan exactly, or plan and apply; safety rails first.",
    description = {
      "Apply a plan saved by 'okta-groups plan --out FILE' exactly, refusing if Okta changed since;",
      "or, without FILE, plan the repository now and apply that. Safety rails run before any write."
    })
final class ApplyCommand implements Callable<Integer> {
  private final Main main;

  @Parameters(arity = "0..1", paramLabel = "PLAN_FILE", description = "A plan saved with plan --out.")
  Path planFile;

  @Mixin RepoOptions repo;
  @Mixin OktaOptions okta;

  @Option(names = "--auto-approve", description = "Apply without asking; required when not run interactively.")
  boolean autoApprove;

  ApplyCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() throws Exception {
    return planFile != null ? applySaved() : applyFresh();
  }

  private int applySaved() throws IOException {
    if (okta.sandbox) {
      throw CliException.usage("a saved plan cannot be applied to --sandbox: each sandbox is new. Use 'okta-groups apply --sandbox' without a file.");
    }
    Path file = main.env().resolve(planFile.toString());
    if (!Files.isRegularFile(file)) {
      throw CliException.usage(planFile + ": no such plan file");
    }
    Plan plan;
    try {
      plan = PlanCodec.read(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(planFile + ": " + e.getMessage());
    }
    if (plan.orgUrl().equals(PlanCommand.OFFLINE)) {
      throw CliException.usage(planFile + " is an offline plan, made without reading Okta: it is for review and cannot be applied."
          + " Plan with Okta credentials (okta-groups plan --out FILE), then apply that plan.");
    }
    if (okta.oktaUrl != null && !okta.oktaUrl.replaceAll("/+$", "").equals(plan.orgUrl().replaceAll("/+$", ""))) {
      throw CliException.usage("the plan was made for " + plan.orgUrl() + ", not " + okta.oktaUrl);
    }
    Optional<RepoSnapshot> current = currentSnapshot(plan);
    Optional<String> staleCommit = current.flatMap(c -> commitMoved(plan, c));
    if (staleCommit.isPresent()) {
      main.err().println("okta-groups: the plan is stale: " + staleCommit.get());
      main.err().println("  Nothing was changed. Plan again at the commit to apply and review the new plan: okta-groups plan --out " + planFile);
      return ExitCode.STALE;
    }
    try (Workflow.Target t = Workflow.connect(main, plan.orgUrl())) {
      ActualState now = Workflow.read(main, t, plan.scope(), okta.threads);
      String fp = Fingerprint.of(now, plan.scope());
      if (!fp.equals(plan.fingerprint())) {
        main.err().println("okta-groups: the plan is stale: Okta changed since it was computed (" + plan.createdAt() + ").");
        main.err().println("  Nothing was changed. Plan again and review the new plan: okta-groups plan --out " + planFile);
        return ExitCode.STALE;
      }
      Set<String> adopted = new LinkedHashSet<>(okta.adopt);
      adopted.addAll(plan.adopted());
      OrgSafety s = OrgSafety.of(main, repo, okta, current.flatMap(RepoSnapshot::config));
      List<Safety.Refusal> refusals = Safety.check(plan, now, s.protectedGroups(), adopted, s.limits());
      return run(plan, now, refusals, t);
    }
  }

  /**
   * The repository as it is now (--repo, the current directory, or --git-url at --ref), read when
   * the plan records a commit and the repository is in Git, so the commit can be checked.
   */
  private Optional<RepoSnapshot> currentSnapshot(Plan plan) {
    if (plan.source().commit().isEmpty() || (!repo.fromGitUrl() && !inGit(repo.dir(main.env())))) {
      return Optional.empty();
    }
    return Optional.of(repo.readWithCommit(main));
  }

  /** Why the repository is no longer at the plan's commit, if it is not. */
  private static Optional<String> commitMoved(Plan plan, RepoSnapshot current) {
    String planned = plan.source().commit().orElseThrow();
    Optional<String> now = current.commit();
    if (now.isEmpty()) {
      return Optional.of("it was computed at commit " + PlanText.shortSha(planned)
          + ", and the working tree now has uncommitted changes to groups/ or okta-groups.yaml.");
    }
    if (!now.get().equals(planned)) {
      return Optional.of("it was computed at commit " + PlanText.shortSha(planned) + ", and the repository is now at "
          + PlanText.shortSha(now.get()) + ".");
    }
    return Optional.empty();
  }

  private static boolean inGit(Path dir) {
    try (GitSource.Located at = GitSource.locate(dir).orElse(null)) {
      return at != null;
    }
  }

  private int applyFresh() {
    Workflow.Prepared p = Workflow.prepare(main, repo.readWithCommit(main));
    try (Workflow.Target t = Workflow.connect(main, okta, p)) {
      Workflow.Planned planned = Workflow.plan(main, p, t, okta);
      main.out().print(PlanText.render(planned.plan()));
      main.out().flush();
      List<Safety.Refusal> refusals = Workflow.safety(planned.plan(), planned.actual(), p.config(), Workflow.adopted(p, okta), okta);
      return run(planned.plan(), planned.actual(), refusals, t);
    }
  }

  private int run(Plan plan, ActualState actual, List<Safety.Refusal> refusals, Workflow.Target t) {
    if (!refusals.isEmpty()) {
      Workflow.printRefusals(main, refusals);
      return ExitCode.REFUSED;
    }
    if (plan.isEmpty()) {
      main.err().println("okta-groups: nothing to apply.");
      return plan.errors().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
    }
    if (!autoApprove && !Confirm.ask(main, "Apply " + plan.changes().size() + " changes to " + plan.orgUrl() + "?")) {
      main.err().println("okta-groups: not applied.");
      return ExitCode.OK;
    }
    Executor.Report report = Executor.execute(plan, t.connection().writer(), line -> {
      synchronized (main.err()) {
        main.err().println(line);
        main.err().flush();
      }
    }, okta.threads);
    main.out().print(report.text());
    main.out().flush();
    if (report.failed()) {
      return ExitCode.FAILURE;
    }
    return plan.errors().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
  }
}
