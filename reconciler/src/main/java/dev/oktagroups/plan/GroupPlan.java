package dev.oktagroups.plan;

import java.util.List;
import java.util.Optional;

/**
 * What planning one group came to: its changes, or the error that withholds them all. A group is
 * planned whole or not at all, so nothing half-planned ever needs taking back.
 */
sealed interface GroupPlan permits GroupPlan.Planned, GroupPlan.Failed {
  /** The id of the Okta group this plan is for, when it exists; the sweep leaves it alone. */
  Optional<String> claimed();

  /** The group's changes, in any order. */
  record Planned(List<Staged> changes, Optional<String> claimed) implements GroupPlan {
    public Planned {
      changes = List.copyOf(changes);
    }
  }

  /** Why the group could not be planned. */
  record Failed(Plan.GroupError error, Optional<String> claimed) implements GroupPlan {}
}
