package dev.oktagroups.reconcile;

import dev.oktagroups.apply.Executor;
import dev.oktagroups.plan.Change;
import java.util.Optional;

/** What an apply did, for the commands and the watcher to render. */
public record ApplyReport(Executor.Report report) {
  /** The report's text: a summary line, then each change that did not apply. */
  public String text() {
    return report.text();
  }

  /** Whether some change failed or was skipped because another failed. */
  public boolean failed() {
    return report.failed();
  }

  /** Whether a stop request skipped changes that had not started. */
  public boolean stopped() {
    return report.stopped();
  }

  public int applied() {
    return (int) report.count(Executor.Status.APPLIED);
  }

  /** The first change that did not apply, and why. */
  public Optional<Failure> firstFailure() {
    return report.outcomes().stream()
        .filter(o -> o.status() != Executor.Status.APPLIED)
        .findFirst()
        .map(o -> new Failure(o.change(), o.detail()));
  }

  /** A change that did not apply. */
  public record Failure(Change change, String detail) {}
}
