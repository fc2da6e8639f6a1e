package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** Plans a group's app assignments: those the manifest names, and those of catalog apps it no longer names. */
final class AssignmentDiffer {
  private AssignmentDiffer() {}

  static List<Staged> changes(Planning p, DesiredState.Group g, Optional<String> gid) {
    List<Staged> out = new ArrayList<>();
    Set<String> wanted = new TreeSet<>();
    for (DesiredState.Assignment x : g.assignments()) {
      wanted.add(x.appId());
      Optional<ActualState.Assignment> have = gid.flatMap(id -> p.assignment(x.appId(), id));
      AssignmentChange.Values after = new AssignmentChange.Values(x.priority(), x.profile());
      if (have.isEmpty()) {
        out.add(Staged.of(Phase.ASSIGNMENTS, new AssignmentChange(Action.CREATE, g.name(), x.appKey(), Optional.empty(),
            Optional.of(after), "grants " + x.appKey() + " to the group's members", gid, x.appId())));
        continue;
      }
      // Compare priority only where the manifest sets one; otherwise Okta's value is left alone.
      AssignmentChange.Values before = new AssignmentChange.Values(
          x.priority().isPresent() ? OptionalInt.of(have.get().priority()) : OptionalInt.empty(), have.get().profile());
      if (!before.equals(after)) {
        out.add(Staged.of(Phase.ASSIGNMENTS, new AssignmentChange(Action.UPDATE, g.name(), x.appKey(), Optional.of(before),
            Optional.of(after), "assignment settings differ from the manifest", gid, x.appId())));
      }
    }
    gid.ifPresent(id -> p.desired.catalogApps().forEach((key, app) -> p.assignment(app.id(), id)
        .filter(have -> !wanted.contains(app.id()))
        .ifPresent(have -> out.add(delete(g.name(), id, key, app.id(), have,
            "not in the manifest: members lose " + key + " through this group")))));
    return out;
  }

  static Staged delete(String group, String gid, String key, String appId, ActualState.Assignment have, String why) {
    AssignmentChange.Values before = new AssignmentChange.Values(OptionalInt.of(have.priority()), have.profile());
    return Staged.of(Phase.ASSIGNMENTS_DELETED,
        new AssignmentChange(Action.DELETE, group, key, Optional.of(before), Optional.empty(), why, Optional.of(gid), appId));
  }
}
