package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.state.Ownership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The inputs of one planning run, and the look-ups every differ needs. */
final class Planning {
  final DesiredState desired;
  final ActualState actual;
  final Ownership ownership;
  final Set<String> protectedNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, List<ActualState.Group>> byName = new HashMap<>();

  Planning(DesiredState desired, ActualState actual) {
    this.desired = desired;
    this.actual = actual;
    this.ownership = Ownership.of(desired.marker());
    protectedNames.addAll(desired.protectedGroups());
    actual
        .groups()
        .values()
        .forEach(
            g ->
                byName
                    .computeIfAbsent(g.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(g));
  }

  /** Okta's groups of this name, in any case and of any type. */
  List<ActualState.Group> named(String name) {
    return byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The app's catalog key, or its id when the catalog does not know it. */
  String appKey(String appId) {
    return desired.catalogApps().values().stream()
        .filter(x -> x.id().equals(appId))
        .map(DesiredState.CatalogApp::key)
        .findFirst()
        .orElse(appId);
  }

  /** The name of a mapping's downstream group; empty when Okta has no such group. */
  String targetName(ActualState.Mapping m) {
    return Optional.ofNullable(actual.groups().get(m.targetGroupId()))
        .map(ActualState.Group::name)
        .orElse("");
  }

  /** The push mappings whose source is the group {@code gid}. */
  List<ActualState.Mapping> mappingsOf(String gid) {
    List<ActualState.Mapping> out = new ArrayList<>();
    actual
        .mappings()
        .values()
        .forEach(ms -> ms.stream().filter(m -> m.sourceGroupId().equals(gid)).forEach(out::add));
    return out;
  }

  /** The group {@code gid}'s assignment to the app {@code appId}. */
  Optional<ActualState.Assignment> assignment(String appId, String gid) {
    return Optional.ofNullable(actual.assignments().getOrDefault(appId, Map.of()).get(gid));
  }
}
