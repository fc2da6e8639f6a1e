package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans a group's app assignments: those the manifest names, and those of catalog apps it no longer
 * names.
 */
final class AssignmentDiffer {
  private AssignmentDiffer() {}

  static List<Staged> changes(Planning p, DesiredState.Group g, Optional<String> gid) {
    List<Staged> out = new ArrayList<>();
    Set<String> wanted = new TreeSet<>();
    for (DesiredState.Assignment x : g.assignments()) {
      wanted.add(x.appId());
      AssignmentChange.Values after = new AssignmentChange.Values(x.priority(), x.profile());
      Optional<ActualState.Assignment> have = gid.flatMap(id -> p.assignment(x.appId(), id));
      if (have.isEmpty()) {
        String why = "grants " + x.appKey() + " to the group's members";
        out.add(
            Staged.of(
                Phase.ASSIGNMENTS,
                AssignmentChange.create(g.name(), x.appKey(), after, why, gid, x.appId())));
        continue;
      }
      // Compare priority only where the manifest sets one; otherwise Okta's value is left alone.
      OptionalInt priority =
          x.priority().isPresent() ? OptionalInt.of(have.get().priority()) : OptionalInt.empty();
      AssignmentChange.Values before = new AssignmentChange.Values(priority, have.get().profile());
      if (!before.equals(after)) {
        String why = "assignment settings differ from the manifest";
        out.add(
            Staged.of(
                Phase.ASSIGNMENTS,
                AssignmentChange.update(g.name(), x.appKey(), before, after, why, gid, x.appId())));
      }
    }
    if (gid.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, DesiredState.CatalogApp> e : p.desired.catalogApps().entrySet()) {
      String key = e.getKey();
      String appId = e.getValue().id();
      Optional<ActualState.Assignment> have = p.assignment(appId, gid.get());
      if (have.isPresent() && !wanted.contains(appId)) {
        String why = "not in the manifest: members lose " + key + " through this group";
        out.add(delete(g.name(), gid.get(), key, appId, have.get(), why));
      }
    }
    return out;
  }

  static Staged delete(
      String group, String gid, String key, String appId, ActualState.Assignment have, String why) {
    AssignmentChange.Values before =
        new AssignmentChange.Values(OptionalInt.of(have.priority()), have.profile());
    return Staged.of(
        Phase.ASSIGNMENTS_DELETED, AssignmentChange.delete(group, key, before, why, gid, appId));
  }
}
