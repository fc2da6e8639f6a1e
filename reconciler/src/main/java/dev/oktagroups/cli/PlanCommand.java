package dev.oktagroups.cli;

import dev.oktagroups.mr.PlanNote;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanCodec;
import dev.oktagroups.plan.PlanText;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.reconcile.Expiries;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Planned;
import dev.oktagroups.reconcile.Policy;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.source.GitException;
import dev.oktagroups.source.GitSource;
import dev.oktagroups.source.RepoSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code okta-groups plan}: what would change in Okta, without changing anything. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    header = "Show exactly what would change in Okta, changing nothing.",
    description = {
      "Compare the manifests with Okta and show exactly what would change: groups, rules, members,",
      "app assignments and push mappings. Changes nothing. --out saves the plan for apply."
    })
final class PlanCommand implements Callable<Integer> {
  private final Main main;

  @Mixin RepoOptions repo;
  @Mixin OktaOptions okta;
  @Mixin ReadCacheOptions readCache;
  @Mixin ReadCacheOptions.Dir readCacheDir;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = PlanFormat.Converter.class,
      description = "text (default), markdown or json.")
  PlanFormat format = PlanFormat.TEXT;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Save the plan as JSON for 'okta-groups apply FILE'.")
  Path out;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 4 when the plan has changes, 0 when it has none.")
  boolean detailedExitCode;

  @Option(
      names = "--offline",
      description =
          "Plan without reading Okta: compare with --since (or the merge request's target), assuming Okta matches it. Such a plan cannot be applied.")
  boolean offline;

  @Option(
      names = "--since",
      paramLabel = "REV",
      description =
          "The commit to compare with: name the groups changed since then, and the base of an offline plan (default in a GitLab merge-request pipeline: CI_MERGE_REQUEST_DIFF_BASE_SHA).")
  String since;

  @Option(
      names = "--post-mr-note",
      description =
          "Post the plan as a note on the merge request (GitLab CI: CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID, and OKTA_GROUPS_GITLAB_TOKEN), updating it on later runs. Without Okta credentials the plan is offline.")
  boolean postMrNote;

  PlanCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() throws Exception {
    MergeRequest mr = postMrNote ? MergeRequest.fromEnv(main.env()) : null;
    RepoSnapshot snap = repo.readWithCommit(main);
    Preparation.Prepared p =
        Stages.prepare(
            main,
            snap,
            invalid -> {
              if (mr != null) {
                mr.post(main, PlanNote.invalid(mr.marker(), invalid, mr.context(snap.commit())));
              }
            });
    Optional<String> base = base();
    List<String> touched = base.flatMap(b -> touched(b, snap, p)).orElse(List.of());
    if (!touched.isEmpty()) {
      main.err().println("okta-groups: files changed since " + PlanText.shortSha(base.get()) + ":");
      touched.forEach(t -> main.err().println("  " + t));
    }
    boolean goOffline = goOffline(mr);
    Policy policy = Policy.of(p, Stages.overrides(okta));
    Planned planned;
    Optional<PlanNote.Offline> offlineNote = Optional.empty();
    if (goOffline) {
      Optional<Preparation.Prepared> baseState = base.flatMap(this::prepareAt);
      planned = Pipeline.planOffline(p, baseState, policy, main.env().clock().instant());
      offlineNote =
          Optional.of(new PlanNote.Offline(baseState.isPresent() ? base : Optional.empty()));
    } else {
      // An explicit --since (the apply job) plans only the groups it touched; a merge request's
      // default base only names them, and its plan still reads everything.
      Optional<Set<String>> scope =
          since == null ? Optional.empty() : base.flatMap(b -> touchedGroups(b, snap));
      scope.ifPresent(
          s ->
              main.err()
                  .println(
                      "okta-groups: planning only the "
                          + s.size()
                          + " group(s) changed since "
                          + PlanText.shortSha(base.get())
                          + "; drift elsewhere waits for a full plan"));
      planned = planOnline(p, policy, scope);
    }
    Plan plan = planned.plan();
    List<Safety.Refusal> refusals = planned.refusals();
    List<String> expiring = expiringSoon(p);
    emit(plan);
    if (!goOffline) {
      Stages.sandboxHint(main, plan, okta.sandbox);
    }
    if (mr != null) {
      mr.post(
          main,
          PlanNote.plan(
              mr.marker(),
              plan,
              offlineNote,
              touched,
              refusals.stream().map(r -> r.message() + ". " + r.howToProceed()).toList(),
              expiring,
              mr.context(snap.commit())));
    }
    return exitCode(plan, refusals);
  }

  /** The commit to compare with: --since, else the merge request's base in GitLab CI. */
  private Optional<String> base() {
    return Optional.ofNullable(since)
        .or(() -> main.env().var("CI_MERGE_REQUEST_DIFF_BASE_SHA"))
        .filter(
            b ->
                !b.isBlank()
                    && !b.matches("0+")); // GitLab sends zeros when there is no previous commit
  }

  /** Whether to plan without Okta: --offline, or a merge-request note without credentials. */
  private boolean goOffline(MergeRequest mr) {
    boolean goOffline = offline || (mr != null && !okta.sandbox && !Wiring.hasCredentials(main));
    if (goOffline && !offline) {
      main.err()
          .println(
              "okta-groups: no Okta credentials (OKTA_API_TOKEN, or OKTA_CLIENT_ID and OKTA_PRIVATE_KEY_FILE): planning offline");
    }
    if (goOffline && okta.sandbox) {
      throw CliException.usage("--offline and --sandbox are alternatives; give one");
    }
    return goOffline;
  }

  private Planned planOnline(Preparation.Prepared p, Policy policy, Optional<Set<String>> touched) {
    try (Wiring.Target t =
        Wiring.connect(main, okta, p, Wiring.Access.READ)
            .useReadCache(
                main,
                Optional.ofNullable(readCacheDir.stateDir),
                readCache,
                p.config().readCache())) {
      return Stages.plan(main, p, t, policy, okta.threads, touched);
    }
  }

  /** The groups changed between {@code base} and the snapshot, for a scoped plan. */
  private Optional<Set<String>> touchedGroups(String base, RepoSnapshot snap) {
    try {
      return repo.withGit(
              main,
              (r, prefix) ->
                  Touched.groups(GitSource.changes(r, prefix, base, snap.commit().orElse("HEAD"))))
          .flatMap(x -> x);
    } catch (GitException e) {
      return Optional.empty(); // touched() has said why; the plan reads everything
    }
  }

  private int exitCode(Plan plan, List<Safety.Refusal> refusals) {
    if (!refusals.isEmpty()) {
      Stages.printRefusals(main, refusals);
      return ExitCode.REFUSED;
    }
    if (!plan.errors().isEmpty()) {
      return ExitCode.INVALID;
    }
    return detailedExitCode && !plan.isEmpty() ? ExitCode.CHANGES : ExitCode.OK;
  }

  /**
   * Named members whose access ends within 14 days, warned of on standard error and in the note.
   */
  private List<String> expiringSoon(Preparation.Prepared p) {
    List<String> out = new java.util.ArrayList<>();
    LocalDate today = LocalDate.now(main.env().clock());
    for (Expiries.Expiring e : Expiries.within(p, today, 14)) {
      if (!e.expired()) {
        out.add(
            e.group()
                + ": "
                + e.user()
                + " ends "
                + e.expires()
                + " (in "
                + e.daysLeft()
                + " days)");
      }
    }
    if (!out.isEmpty()) {
      main.err().println("okta-groups: access ending within 14 days (okta-groups expiring):");
      out.forEach(l -> main.err().println("  " + l));
    }
    return out;
  }

  private void emit(Plan plan) throws java.io.IOException {
    String shown = format.render(plan);
    main.out().print(format == PlanFormat.TEXT ? Colour.plan(shown, main.style()) : shown);
    main.out().flush();
    if (out != null) {
      Path file = main.env().resolve(out.toString());
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, PlanCodec.write(plan), StandardCharsets.UTF_8);
      main.err()
          .println(
              "okta-groups: plan saved to "
                  + out
                  + (plan.orgUrl().equals(Pipeline.OFFLINE)
                      ? " (offline: for review only, apply refuses it)"
                      : "; apply it with: okta-groups apply " + out));
    }
  }

  /** The files changed between {@code base} and the snapshot's commit, as group entries. */
  /**
   * The groups changed since {@code base}, and, when okta-groups.yaml changed, each name it newly
   * grandfathers.
   */
  private Optional<List<String>> touched(String base, RepoSnapshot snap, Preparation.Prepared now) {
    try {
      return repo.withGit(
          main,
          (r, prefix) -> {
            List<String> entries =
                new ArrayList<>(
                    Touched.entries(
                        GitSource.changes(r, prefix, base, snap.commit().orElse("HEAD"))));
            if (entries.contains(Touched.CONFIG)) {
              RepoSnapshot before = GitSource.read(r, prefix, base, "base");
              List<String> was =
                  Pipeline.validate(before, LocalDate.now(main.env().clock()))
                      .config()
                      .naming()
                      .grandfathered();
              entries.addAll(Touched.grandfathered(was, now.config().naming().grandfathered()));
            }
            return entries;
          });
    } catch (GitException e) {
      main.err()
          .println(
              "okta-groups: cannot compare with "
                  + base
                  + " ("
                  + e.getMessage().lines().findFirst().orElse("")
                  + "); in GitLab CI set GIT_DEPTH: 0 so the merge base is fetched");
      return Optional.empty();
    }
  }

  /** The validated, compiled manifests at {@code rev}, if they can be read and are valid. */
  private Optional<Preparation.Prepared> prepareAt(String rev) {
    try {
      Optional<RepoSnapshot> at =
          repo.withGit(main, (r, prefix) -> GitSource.read(r, prefix, rev, "base"));
      if (at.isEmpty()) {
        main.err()
            .println(
                "okta-groups: the repository is not in Git, so the offline plan compares with an empty org");
        return Optional.empty();
      }
      if (Pipeline.prepare(at.get(), LocalDate.now(main.env().clock()))
          instanceof Preparation.Prepared ok) {
        return Optional.of(ok);
      }
      main.err()
          .println(
              "okta-groups: the manifests at "
                  + PlanText.shortSha(rev)
                  + " are invalid; the offline plan compares with an empty org");
      return Optional.empty();
    } catch (GitException e) {
      main.err()
          .println(
              "okta-groups: cannot read "
                  + rev
                  + " ("
                  + e.getMessage().lines().findFirst().orElse("")
                  + "); the offline plan compares with an empty org");
      return Optional.empty();
    }
  }
}
