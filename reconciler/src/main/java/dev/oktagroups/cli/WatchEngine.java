package dev.oktagroups.cli;

import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Severity;
import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.SlackFailure;
import dev.oktagroups.reconcile.ApplyReport;
import dev.oktagroups.reconcile.Lease;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Planned;
import dev.oktagroups.reconcile.Policy;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.watch.Watcher;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The watcher's reconcile: the pipeline's stages for one snapshot, with every outcome, failures
 * included, turned into a {@link Watcher.Result} rather than an exception, so the loop decides what
 * happens next.
 */
final class WatchEngine implements Watcher.Engine {
  private final Wiring.Target target;
  private final int threads;
  private final Policy.Overrides overrides;
  private final Clock clock;
  private final Consumer<String> log;
  private final Duration lockTimeout;
  private final ReadCacheOptions readCache;

  /** The commit prepared last, for the removal watch, which asks about the same commits. */
  private volatile Optional<Preparation.Prepared> lastPrepared = Optional.empty();

  WatchEngine(
      Wiring.Target target,
      int threads,
      Policy.Overrides overrides,
      Duration lockTimeout,
      ReadCacheOptions readCache,
      Clock clock,
      Consumer<String> log) {
    this.target = target;
    this.readCache = readCache;
    this.lockTimeout = lockTimeout;
    this.threads = threads;
    this.overrides = overrides;
    this.clock = clock;
    this.log = log;
  }

  @Override
  public Watcher.Result reconcile(RepoSnapshot snap, BooleanSupplier stop) {
    return reconcile(snap, Optional.empty(), stop);
  }

  /**
   * With {@code touched}, a commit's own groups: planned once, under the lease, since a merged
   * commit almost always has changes and a plan before the lease would only repeat the read.
   * Without, everything: planned first without the lease, so a drift check that finds nothing never
   * takes it.
   */
  @Override
  public Watcher.Result reconcile(
      RepoSnapshot snap, Optional<Set<String>> touched, BooleanSupplier stop) {
    long r0 = target.requests();
    try {
      Preparation prep = Pipeline.prepare(snap, LocalDate.now(clock));
      if (!(prep instanceof Preparation.Prepared p)) {
        return invalid(prep.validation());
      }
      lastPrepared = Optional.of(p);
      target.pace(p.config().rateLimits());
      target.maxCacheAge(readCache.maxAge(p.config().readCache()));
      if (touched.isEmpty()) {
        Planned planned = plan(p, touched);
        if (planned.refused() || planned.plan().isEmpty()) {
          return outcome(planned, Optional.empty(), target.requests() - r0);
        }
      }
      // Changes to make: under the org's lease, planned again, so that no other writer's work
      // (a CI apply) is undone or done twice.
      try (Lease held =
          Pipeline.lock(
              target.lease(),
              Lease.holder("watch"),
              Lease.Settings.waitingUpTo(lockTimeout),
              clock,
              stop,
              log)) {
        Planned planned = plan(p, touched);
        if (planned.refused() || planned.plan().isEmpty()) {
          return outcome(planned, Optional.empty(), target.requests() - r0);
        }
        for (Change c : planned.plan().changes()) {
          log.accept(
              "  "
                  + c.action().symbol()
                  + " "
                  + c.group()
                  + ": "
                  + c.describe()
                  + "  ("
                  + c.reason()
                  + ")");
        }
        ApplyReport report =
            Pipeline.apply(
                planned, target.writer(), target.slackWriter(), held, stop, line -> {}, threads);
        return outcome(planned, Optional.of(report), target.requests() - r0);
      }
    } catch (Lease.Busy b) {
      return new Watcher.Result(
          stop.getAsBoolean() ? Watcher.Kind.STOPPED : Watcher.Kind.FAILED,
          0,
          0,
          target.requests() - r0,
          b.getMessage());
    } catch (OktaFailure f) {
      return new Watcher.Result(Watcher.Kind.FAILED, 0, 0, target.requests() - r0, f.detail());
    } catch (SlackFailure f) {
      // Slack's message says what to do; its class name would not.
      return new Watcher.Result(Watcher.Kind.FAILED, 0, 0, target.requests() - r0, f.detail());
    } catch (RuntimeException e) {
      return new Watcher.Result(
          Watcher.Kind.FAILED,
          0,
          0,
          target.requests() - r0,
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  /** {@code commit} as the last reconcile prepared it, if that was this commit. */
  Optional<Preparation.Prepared> prepared(String commit) {
    return lastPrepared.filter(p -> p.snapshot().commit().equals(Optional.of(commit)));
  }

  private Planned plan(Preparation.Prepared p, Optional<Set<String>> touched) {
    return Pipeline.plan(
        p,
        touched,
        target.reader(threads),
        target.slackReader(),
        target.directory(),
        Policy.of(p, overrides),
        target.orgUrl(),
        clock.instant(),
        line -> {});
  }

  private static Watcher.Result outcome(Planned planned, Optional<ApplyReport> report, long calls) {
    if (planned.refused()) {
      Safety.Refusal r = planned.refusals().get(0);
      return new Watcher.Result(
          Watcher.Kind.REFUSED,
          planned.plan().changes().size(),
          0,
          calls,
          "refused by the safety rails, nothing changed: " + r.message() + ". " + r.howToProceed());
    }
    return result(planned.plan(), report, calls);
  }

  private static Watcher.Result invalid(ValidationResult v) {
    Diagnostic first =
        v.diagnostics().stream()
            .filter(d -> d.severity() == Severity.ERROR)
            .findFirst()
            .orElseThrow();
    return new Watcher.Result(
        Watcher.Kind.INVALID,
        0,
        0,
        0,
        v.errorCount()
            + " error"
            + (v.errorCount() == 1 ? "" : "s")
            + ", first "
            + first.where()
            + ": "
            + first.message());
  }

  private static Watcher.Result result(Plan plan, Optional<ApplyReport> report, long calls) {
    int planned = plan.changes().size() + plan.setup().size();
    int applied = report.map(ApplyReport::applied).orElse(0);
    String errors =
        plan.errors().isEmpty()
            ? ""
            : "; "
                + plan.errors().size()
                + " group(s) not planned: "
                + plan.errors().get(0).group()
                + ": "
                + plan.errors().get(0).message();
    if (report.isPresent() && report.get().stopped()) {
      return new Watcher.Result(
          Watcher.Kind.STOPPED,
          planned,
          applied,
          calls,
          "stopped after " + applied + " of " + planned + " changes");
    }
    if (report.isPresent() && report.get().failed()) {
      ApplyReport.Failure f = report.get().firstFailure().orElseThrow();
      return new Watcher.Result(
          Watcher.Kind.FAILED,
          planned,
          applied,
          calls,
          applied
              + " of "
              + planned
              + " changes applied; "
              + f.change().group()
              + ": "
              + f.change().describe()
              + ": "
              + f.detail()
              + errors);
    }
    if (!plan.errors().isEmpty()) {
      // The rest is applied; the commit is not, until those groups can be planned too.
      return new Watcher.Result(
          Watcher.Kind.FAILED, planned, applied, calls, applied + " changes applied" + errors);
    }
    return new Watcher.Result(
        planned == 0 ? Watcher.Kind.NOOP : Watcher.Kind.APPLIED,
        planned,
        applied,
        calls,
        planned == 0 ? "no changes" : plan.summary().line().toLowerCase(Locale.ROOT));
  }
}
