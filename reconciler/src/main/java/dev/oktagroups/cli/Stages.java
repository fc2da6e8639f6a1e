package dev.oktagroups.cli;

import dev.oktagroups.plan.Safety;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Policy;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.report.FindingsFormat;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.validate.ValidationResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
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
    main.err().print(FindingsFormat.TEXT.render(p.validation(), false));
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

  /** Apply's per-change lines, to standard error; the executor calls it from several threads. */
  static Consumer<String> progress(Main main) {
    return line -> {
      synchronized (main.err()) {
        main.err().println(line);
        main.err().flush();
      }
    };
  }

  static void printRefusals(Main main, List<Safety.Refusal> refusals) {
    main.err().println("okta-groups: refused by the safety rails; nothing was changed:");
    for (Safety.Refusal r : refusals) {
      main.err().println("  - " + r.message());
      main.err().println("    " + r.howToProceed());
    }
    main.err().flush();
  }
}
