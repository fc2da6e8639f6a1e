package dev.oktagroups.cli;

import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanCodec;
import dev.oktagroups.reconcile.ApplyReport;
import dev.oktagroups.reconcile.Freshness;
import dev.oktagroups.reconcile.Lease;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Planned;
import dev.oktagroups.reconcile.Policy;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.source.GitSource;
import dev.oktagroups.source.RepoSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

  @Parameters(
      arity = "0..1",
      paramLabel = "PLAN_FILE",
      description = "A plan saved with plan --out.")
  Path planFile;

  @Mixin RepoOptions repo;
  @Mixin OktaOptions okta;
  @Mixin ReadCacheOptions readCache;
  @Mixin ReadCacheOptions.Dir readCacheDir;
  @Mixin LeaseOptions lease;

  @Option(
      names = "--auto-approve",
      description = "Apply without asking; required when not run interactively.")
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
      throw CliException.usage(
          "a saved plan cannot be applied to --sandbox: each sandbox is new. Use 'okta-groups apply --sandbox' without a file.");
    }
    Plan plan = readPlan();
    if (plan.orgUrl().equals(Pipeline.OFFLINE)) {
      throw CliException.usage(
          planFile
              + " is an offline plan, made without reading Okta: it is for review and cannot be applied."
              + " Plan with Okta credentials (okta-groups plan --out FILE), then apply that plan.");
    }
    sameOrg(plan, Optional.ofNullable(okta.oktaUrl), "--okta-url");
    sameOrg(plan, main.env().var("OKTA_ORG_URL"), "OKTA_ORG_URL");
    Optional<RepoSnapshot> current = currentSnapshot(plan);
    // The commit is checked before connecting: a stale plan is reported even without credentials.
    Optional<Freshness.Stale> moved = Pipeline.commitMoved(plan, current);
    if (moved.isPresent()) {
      return stale(moved.get());
    }
    Optional<byte[]> config = savedConfig(current);
    try (Wiring.Target t =
            Wiring.connect(main, plan.orgUrl())
                .pace(Policy.rateLimits(config))
                .withSlack(() -> SlackWiring.forPlan(main, config, plan))
                .useReadCache(
                    main,
                    Optional.ofNullable(readCacheDir.stateDir),
                    readCache,
                    Policy.readCache(config));
        Shutdown stop = Stages.shutdown(main, t);
        Lease held = Stages.lock(main, t, lease, "apply", stop.requested())) {
      stop.onTimeout(held::close);
      Freshness f =
          Pipeline.check(
              plan, current, t.reporting(main, okta.threads), t.slackReporting(main), line -> {});
      if (f instanceof Freshness.Stale s) {
        return stale(s);
      }
      Policy policy = Policy.forSaved(config, plan.adopted(), Stages.overrides(okta));
      return stop.exit(run(Pipeline.recheck(plan, (Freshness.Fresh) f, policy), t, held, stop));
    }
  }

  /** The saved plan, or a usage error that says what is wrong with the file and what to do. */
  private Plan readPlan() throws IOException {
    Path file = main.env().resolve(planFile.toString());
    if (Files.isDirectory(file)) {
      throw CliException.usage(
          planFile
              + " is a directory, not a plan file; give the file 'okta-groups plan --out' wrote");
    }
    if (!Files.isRegularFile(file)) {
      throw CliException.usage(
          planFile + ": no such plan file; save one first with okta-groups plan --out " + planFile);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw CliException.usage(planFile + " is not a plan: it is not UTF-8 text");
    }
    try {
      return PlanCodec.read(text);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          planFile
              + ": "
              + e.getMessage()
              + (text.isBlank() || e.getMessage().startsWith("not a JSON plan")
                  ? " (is it truncated?)"
                  : "")
              + (e.getMessage().contains("plan again")
                  ? ""
                  : "; plan again with okta-groups plan --out " + planFile));
    }
  }

  /** A plan applies only to the org it was made for; {@code from} named another. */
  private static void sameOrg(Plan plan, Optional<String> url, String from) {
    if (url.isPresent()
        && !url.get().replaceAll("/+$", "").equals(plan.orgUrl().replaceAll("/+$", ""))) {
      throw CliException.usage(
          "the plan was made for "
              + plan.orgUrl()
              + ", but "
              + from
              + " is "
              + url.get()
              + "; apply it to the org it was made for, or plan again against this one");
    }
  }

  private int stale(Freshness.Stale s) {
    main.err().println("okta-groups: the plan is stale: " + s.reason());
    main.err()
        .println(
            "  Nothing was changed. Plan again"
                + (s.okta() ? "" : " at the commit to apply")
                + " and review the new plan: okta-groups plan --out "
                + planFile);
    return ExitCode.STALE;
  }

  /**
   * okta-groups.yaml for the safety caps: from the repository at the plan's commit when it was
   * read, otherwise the file in --repo (the apply job runs in the repository).
   */
  private Optional<byte[]> savedConfig(Optional<RepoSnapshot> current) {
    Optional<byte[]> bytes = current.flatMap(RepoSnapshot::config);
    Path file = repo.dir(main.env()).resolve(RepoSnapshot.CONFIG_PATH);
    if (bytes.isEmpty() && Files.isRegularFile(file)) {
      try {
        bytes = Optional.of(Files.readAllBytes(file));
      } catch (IOException e) {
        throw CliException.usage("cannot read " + file + ": " + e.getMessage());
      }
    }
    return bytes;
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

  private static boolean inGit(Path dir) {
    try (GitSource.Located at = GitSource.locate(dir).orElse(null)) {
      return at != null;
    }
  }

  private int applyFresh() {
    Preparation.Prepared p = Stages.prepare(main, repo.readWithCommit(main));
    try (Wiring.Target t =
            Wiring.connect(main, okta, p)
                .useReadCache(
                    main,
                    Optional.ofNullable(readCacheDir.stateDir),
                    readCache,
                    p.config().readCache());
        Shutdown stop = Stages.shutdown(main, t);
        Lease held = Stages.lock(main, t, lease, "apply", stop.requested())) {
      stop.onTimeout(held::close);
      Planned planned = Stages.plan(main, p, t, Policy.of(p, Stages.overrides(okta)), okta.threads);
      Stages.printPlan(main, planned.plan(), okta.sandbox);
      return stop.exit(run(planned, t, held, stop));
    }
  }

  private int run(Planned planned, Wiring.Target t, Lease held, Shutdown stop) {
    Plan plan = planned.plan();
    if (planned.refused()) {
      Stages.printRefusals(main, planned.refusals());
      return ExitCode.REFUSED;
    }
    if (plan.isEmpty()) {
      main.err().println("okta-groups: nothing to apply.");
      return plan.errors().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
    }
    if (!autoApprove
        && !Confirm.ask(
            main, "Apply " + plan.changes().size() + " changes to " + plan.orgUrl() + "?")) {
      main.err().println("okta-groups: not applied.");
      return ExitCode.OK;
    }
    ApplyReport report = Stages.applyAndPrint(main, planned, t, held, stop, okta.threads, false);
    if (report.failed()) {
      return ExitCode.FAILURE;
    }
    return plan.errors().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
  }
}
