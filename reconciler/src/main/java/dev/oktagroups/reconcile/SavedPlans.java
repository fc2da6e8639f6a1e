package dev.oktagroups.reconcile;

import dev.oktagroups.plan.Fingerprint;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanText;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.port.SlackReader;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.state.ActualState;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Whether a saved plan still describes the repository and Okta: the commit it was made at, then the
 * fingerprint of what it read. {@link Pipeline#commitMoved} and {@link Pipeline#check} state the
 * contracts; this is their working.
 */
final class SavedPlans {
  private SavedPlans() {}

  /** Pure: whether the repository moved away from {@code saved}'s commit. */
  static Optional<Freshness.Stale> commitMoved(Plan saved, Optional<RepoSnapshot> current) {
    if (saved.source().commit().isEmpty() || current.isEmpty()) {
      return Optional.empty();
    }
    String planned = saved.source().commit().get();
    Optional<String> now = current.get().commit();
    if (now.isEmpty()) {
      return Optional.of(
          new Freshness.Stale(
              "it was computed at commit "
                  + PlanText.shortSha(planned)
                  + ", and the working tree now has uncommitted changes to groups/ or okta-groups.yaml.",
              false));
    }
    if (!now.get().equals(planned)) {
      return Optional.of(
          new Freshness.Stale(
              "it was computed at commit "
                  + PlanText.shortSha(planned)
                  + ", and the repository is now at "
                  + PlanText.shortSha(now.get())
                  + ".",
              false));
    }
    return Optional.empty();
  }

  /** The commit first, then Okta (and Slack, when the plan read it) over the plan's own scope. */
  static Freshness check(
      Plan saved,
      Optional<RepoSnapshot> current,
      OktaReader reader,
      SlackReader slack,
      Consumer<String> progress) {
    Optional<Freshness.Stale> moved = commitMoved(saved, current);
    if (moved.isPresent()) {
      return moved.get();
    }
    ActualState now = reader.read(saved.scope(), progress);
    if (!saved.scope().slack().isEmpty()) {
      now = now.withSlack(slack.read(saved.scope().slack(), progress));
    }
    if (!Fingerprint.of(now, saved.scope()).equals(saved.fingerprint())) {
      String what = saved.scope().slack().isEmpty() ? "Okta" : "Okta or Slack";
      return new Freshness.Stale(
          what + " changed since it was computed (" + saved.createdAt() + ").", true);
    }
    return new Freshness.Fresh(now);
  }
}
