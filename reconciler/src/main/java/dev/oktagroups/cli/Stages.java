package dev.oktagroups.cli;

import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanText;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.reconcile.ApplyReport;
import dev.oktagroups.reconcile.Lease;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Planned;
import dev.oktagroups.reconcile.Policy;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.report.FindingsFormat;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.validate.ValidationResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** How the commands turn the pipeline's outcomes into output and exit codes. */
final class Stages {
  private Stages() {}

  /**
   * Validates and compiles. Invalid manifests are never planned: their findings go to standard
   * error, {@code onInvalid} hears of them, and the run ends with exit code 3.
   */
  static Preparation.Prepared prepare(
      Main main, RepoSnapshot snap, Consumer<ValidationResult> onInvalid) {
    Preparation p = Pipeline.prepare(snap, LocalDate.now(main.env().clock()));
    if (p instanceof Preparation.Prepared ok) {
      return ok;
    }
    main.err()
        .print(Colour.findings(FindingsFormat.TEXT.render(p.validation(), false), main.style()));
    main.err().flush();
    onInvalid.accept(p.validation());
    throw new CliException(
        ExitCode.INVALID,
        "the manifests are invalid; nothing was planned. Fix the errors above (okta-groups validate).");
  }

  static Preparation.Prepared prepare(Main main, RepoSnapshot snap) {
    return prepare(main, snap, v -> {});
  }

  /**
   * Read, plan, compute the impact and check the rails, reporting the read on standard error: what
   * plan, apply and reconcile all do before they render.
   */
  static Planned plan(
      Main main, Preparation.Prepared p, Wiring.Target t, Policy policy, int threads) {
    return plan(main, p, t, policy, threads, Optional.empty());
  }

  /** As above; with {@code touched}, only those groups are read and planned. */
  static Planned plan(
      Main main,
      Preparation.Prepared p,
      Wiring.Target t,
      Policy policy,
      int threads,
      Optional<java.util.Set<String>> touched) {
    Instant now = main.env().clock().instant();
    Planned planned =
        Pipeline.plan(
            p,
            touched,
            t.reporting(main, threads),
            t.slackReporting(main),
            t.directory(main),
            policy,
            t.orgUrl(),
            now,
            line -> {});
    main.err().flush();
    return planned;
  }

  /**
   * The run's overrides of okta-groups.yaml: --adopt, --max-deletions, --max-removals,
   * --max-losses.
   */
  static Policy.Overrides overrides(OktaOptions o) {
    return new Policy.Overrides(
        java.util.Set.copyOf(o.adopt),
        Optional.ofNullable(o.maxDeletions),
        Optional.ofNullable(o.maxRemovals),
        Optional.ofNullable(o.maxLosses));
  }

  /**
   * Apply's per-change lines ({@code [n/N] ...}), to standard error, each with the time since the
   * apply started, so a long run shows its pace; the executor calls it from several threads.
   */
  static Consumer<String> progress(Main main) {
    long t0 = System.nanoTime();
    return line -> {
      synchronized (main.err()) {
        main.err().println(elapsed(t0) + " " + line);
        main.err().flush();
      }
    };
  }

  /** Seconds since {@code t0}, as {@code 12.3s}: the prefix of progress lines. */
  static String elapsed(long t0) {
    return String.format(java.util.Locale.ROOT, "%.1fs", (System.nanoTime() - t0) / 1e9);
  }

  /**
   * When a plan against an org on this machine cannot find apps or people, the org is most likely
   * an {@code okta-groups sandbox} started without --repo, which has neither: say so.
   */
  static void sandboxHint(Main main, dev.oktagroups.plan.Plan plan, boolean embedded) {
    if (embedded || plan.errors().isEmpty()) {
      return;
    }
    String host;
    try {
      host = String.valueOf(java.net.URI.create(plan.orgUrl()).getHost());
    } catch (IllegalArgumentException e) {
      return;
    }
    if (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")) {
      main.err()
          .println(
              "okta-groups: hint: "
                  + plan.orgUrl()
                  + " runs on this machine. If it is an 'okta-groups sandbox' started without"
                  + " --repo, it has none of okta-groups.yaml's apps or the people the manifests"
                  + " name; restart it with: okta-groups sandbox --repo .");
      main.err().flush();
    }
  }

  /** Prints a plan for review on standard output, then the sandbox hint when it applies. */
  static void printPlan(Main main, Plan plan, boolean sandbox) {
    main.out().print(Colour.plan(PlanText.render(plan), main.style()));
    main.out().flush();
    sandboxHint(main, plan, sandbox);
  }

  /**
   * Applies a plan the rails accepted, one line per change on standard error, then prints the
   * report on standard output: what apply and reconcile both do once they hold a plan to run.
   *
   * @param spaced whether a blank line sets the report off from the output above it
   */
  static ApplyReport applyAndPrint(
      Main main,
      Planned planned,
      Wiring.Target t,
      Lease held,
      Shutdown stop,
      int threads,
      boolean spaced) {
    ApplyReport report =
        Pipeline.apply(
            planned, t.writer(), t.slackWriter(), held, stop.requested(), progress(main), threads);
    if (spaced) {
      main.out().println();
    }
    main.out().print(Colour.applied(report.text(), main.style()));
    main.out().flush();
    return report;
  }

  static void printRefusals(Main main, List<Safety.Refusal> refusals) {
    main.err().println("okta-groups: refused by the safety rails; nothing was changed:");
    for (Safety.Refusal r : refusals) {
      main.err().println("  - " + r.message());
      main.err().println("    " + r.howToProceed());
    }
    main.err().flush();
  }

  /**
   * Takes the org's apply lease for a writing command, telling on standard error while it waits.
   *
   * @throws CliException exit 7 when another run holds it for the whole --lock-timeout, naming it
   */
  static Lease lock(Main main, Wiring.Target t, LeaseOptions o, String what, BooleanSupplier stop) {
    try {
      return Pipeline.lock(
          t.lease(),
          Lease.holder(what),
          Lease.Settings.waitingUpTo(o.lockTimeout),
          main.env().clock(),
          stop,
          line -> {
            main.err().println("okta-groups: " + line);
            main.err().flush();
          });
    } catch (Lease.Busy b) {
      throw new CliException(
          ExitCode.LOCKED, b.getMessage() + ". Nothing was changed; run again once it is done.");
    } catch (OktaFailure f) {
      throw new CliException(ExitCode.FAILURE, "cannot take the apply lease: " + f.detail());
    }
  }

  /** The stop on SIGTERM or SIGINT for a command that writes to {@code t}. */
  static Shutdown shutdown(Main main, Wiring.Target t) {
    return Shutdown.install(
        "apply",
        ExitCode.FAILURE,
        t::cancel,
        t::writesInFlight,
        line -> {
          main.err().println("okta-groups: " + line);
          main.err().flush();
        });
  }
}
