package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Plans a desired group itself: whether it may be planned at all, and its create or update. */
final class GroupDiffer {
  private GroupDiffer() {}

  /** The OKTA_GROUP of the desired group's name, if Okta has one. */
  static Optional<ActualState.Group> existing(Planning p, DesiredState.Group g) {
    return p.named(g.name()).stream()
        .filter(x -> x.type() == ActualState.GroupType.OKTA_GROUP)
        .findFirst();
  }

  /**
   * Why the group cannot be planned, if it cannot: it is protected, its name is taken by a group of
   * another type, it exists unowned and is not to be adopted, or it is new but its name is
   * grandfathered.
   *
   * @param adoptAllowed whether the manifest or the command line allows adopting it
   */
  static Optional<String> refusal(
      Planning p,
      DesiredState.Group g,
      Optional<ActualState.Group> existing,
      boolean adoptAllowed) {
    if (p.protectedNames.contains(g.name())) {
      return Optional.of(
          "'"
              + g.name()
              + "' is protected in okta-groups.yaml; okta-groups never changes it."
              + " Remove the manifest, or the name from 'protected'.");
    }
    List<ActualState.Group> same = p.named(g.name());
    if (existing.isEmpty() && !same.isEmpty()) {
      ActualState.Group other = same.get(0);
      return Optional.of(
          "an "
              + other.type()
              + " group named '"
              + other.name()
              + "' already exists; okta-groups only manages OKTA_GROUP groups. Choose another"
              + " name.");
    }
    if (existing.isEmpty() && g.grandfathered()) {
      // Validation sees only the repository; here Okta shows whether the group predates the list.
      return Optional.of(
          "'"
              + g.name()
              + "' is on naming.grandfathered in okta-groups.yaml, but Okta has no such group: the"
              + " list keeps the names of groups that predate the conventions, and a new group"
              + " must follow them. Give it a name that does, and remove this one from the list.");
    }
    if (existing.isEmpty() || p.ownership.owns(existing.get()) || adoptAllowed) {
      return Optional.empty();
    }
    ActualState.Group e = existing.get();
    Optional<String> otherRepo = p.ownership.marker(e);
    Optional<ActualState.Rule> ourRule =
        otherRepo.isPresent() ? Optional.empty() : ourRule(p, g, e);
    if (ourRule.isPresent()) {
      DesiredState.Marker m = p.desired.marker();
      return Optional.of(
          "'"
              + e.name()
              + "' is okta-groups' own (it carries the rule '"
              + ourRule.get().name()
              + "' okta-groups made for it), but its ownership marker was removed outside"
              + " okta-groups, for example by a script that replaced its profile without it."
              + " Nothing about it changes until someone decides: restore the marker (set the"
              + " group's profile attribute '"
              + m.attribute()
              + "' to '"
              + m.value()
              + "' in Okta), or add 'adopt: true' to "
              + g.path()
              + " to take it over as it is.");
    }
    return Optional.of(
        otherRepo.isPresent()
            ? "'"
                + e.name()
                + "' belongs to another okta-groups repository ('"
                + otherRepo.get()
                + "'). Remove this manifest, or adopt the group deliberately with 'adopt: true'."
            : "'"
                + e.name()
                + "' already exists in Okta but okta-groups did not create it. To take it over,"
                + " check its members and apps, then add 'adopt: true' to "
                + g.path()
                + " (or pass --adopt "
                + g.name()
                + "); anything it has that the manifest does not will be removed.");
  }

  /** The group's create, or its update where Okta's differs, adopting it when {@code adopting}. */
  static List<Staged> changes(
      Planning p, DesiredState.Group g, Optional<ActualState.Group> existing, boolean adopting) {
    GroupChange.Values after =
        new GroupChange.Values(
            g.name(),
            g.description(),
            Optional.of(p.desired.marker().value()),
            OptionalInt.empty());
    if (existing.isEmpty()) {
      return List.of(
          Staged.of(Phase.GROUPS, GroupChange.create(g.name(), after, "new manifest " + g.path())));
    }
    ActualState.Group e = existing.get();
    GroupChange.Values before =
        new GroupChange.Values(
            e.name(),
            Objects.requireNonNullElse(e.description(), ""),
            p.ownership.marker(e),
            OptionalInt.empty());
    if (before.equals(after)) {
      return List.of();
    }
    List<String> why = new ArrayList<>();
    if (adopting) {
      why.add("adopt the existing group");
    }
    if (!before.description().equals(after.description())) {
      why.add("description differs from the manifest");
    }
    if (!e.name().equals(g.name())) {
      why.add("name case differs from the manifest");
    }
    if (!adopting && !before.marker().equals(after.marker())) {
      why.add("ownership marker missing");
    }
    return List.of(
        Staged.of(
            Phase.GROUPS,
            GroupChange.update(g.name(), before, after, String.join("; ", why), adopting, e.id())));
  }

  /**
   * The rule okta-groups makes for {@code g}, if the unmarked group {@code e} carries it: its
   * derived name, and {@code e} as its only target. Proof enough that okta-groups created the group
   * and someone removed the marker since.
   */
  private static Optional<ActualState.Rule> ourRule(
      Planning p, DesiredState.Group g, ActualState.Group e) {
    String ruleName = g.rule().map(DesiredState.Rule::name).orElse(g.name());
    return p.actual.rules().values().stream()
        .filter(r -> r.name().equals(ruleName) && r.groupIds().equals(List.of(e.id())))
        .findFirst();
  }
}
