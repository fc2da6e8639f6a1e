package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.ActualState.MappingStatus;
import dev.oktagroups.state.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans a group's push mapping. A mapping's target cannot change, so a renamed target replaces the
 * mapping (keeping the downstream group); a mapping in ERROR or deactivated is reactivated.
 */
final class PushDiffer {
  private PushDiffer() {}

  static List<Staged> changes(Planning p, DesiredState.Group g, Optional<String> gid) {
    List<Staged> out = new ArrayList<>();
    List<ActualState.Mapping> mine = gid.map(p::mappingsOf).orElse(List.of());
    if (g.push().isPresent()) {
      DesiredState.Push push = g.push().get();
      PushMappingChange.Values after =
          new PushMappingChange.Values(push.appKey(), push.targetName(), MappingStatus.ACTIVE);
      Optional<ActualState.Mapping> have =
          mine.stream().filter(m -> m.appId().equals(push.appId())).findFirst();
      if (have.isEmpty()) {
        out.add(
            Staged.of(
                Phase.PUSH_MAPPINGS,
                PushMappingChange.create(
                    g.name(),
                    after,
                    "Okta keeps '"
                        + push.targetName()
                        + "' in "
                        + push.appKey()
                        + " in step with the group",
                    gid,
                    push.appId())));
      } else {
        existing(p, g, gid, push, have.get(), after)
            .ifPresent(c -> out.add(Staged.of(Phase.PUSH_MAPPINGS, c)));
      }
    }
    for (ActualState.Mapping m : mine) {
      if (g.push().map(push -> push.appId().equals(m.appId())).orElse(false)) {
        continue;
      }
      out.add(delete(p, g.name(), m, "not in the manifest"));
    }
    return out;
  }

  private static Optional<PushMappingChange> existing(
      Planning p,
      DesiredState.Group g,
      Optional<String> gid,
      DesiredState.Push push,
      ActualState.Mapping have,
      PushMappingChange.Values after) {
    String target = p.targetName(have);
    PushMappingChange.Values before =
        new PushMappingChange.Values(push.appKey(), target, have.status());
    if (!target.equalsIgnoreCase(push.targetName())) {
      return Optional.of(
          PushMappingChange.replace(
              PushMappingChange.delete(
                  g.name(),
                  before,
                  "a mapping's target cannot change, so it is replaced;"
                      + " the downstream group '"
                      + target
                      + "' is kept",
                  gid,
                  push.appId(),
                  have.id(),
                  false),
              PushMappingChange.create(
                  g.name(),
                  after,
                  "push to the renamed target '" + push.targetName() + "'",
                  gid,
                  push.appId())));
    }
    if (have.status() == MappingStatus.ACTIVE) {
      return Optional.empty();
    }
    String why =
        have.status() == MappingStatus.ERROR
            ? "the mapping is in ERROR ("
                + Objects.requireNonNullElse(have.errorSummary(), "no summary")
                + "); reactivating retries the push"
            : "the mapping was deactivated outside okta-groups";
    return Optional.of(
        PushMappingChange.update(g.name(), before, after, why, gid, push.appId(), have.id()));
  }

  static Staged delete(Planning p, String group, ActualState.Mapping m, String why) {
    boolean keep = p.desired.keepDownstreamOnDelete();
    PushMappingChange.Values before =
        new PushMappingChange.Values(p.appKey(m.appId()), p.targetName(m), m.status());
    return Staged.of(
        Phase.PUSH_MAPPINGS_DELETED,
        PushMappingChange.delete(
            group,
            before,
            why
                + "; deactivated, then deleted; the downstream group is "
                + (keep ? "kept" : "deleted too"),
            Optional.of(m.sourceGroupId()),
            m.appId(),
            m.id(),
            !keep));
  }
}
