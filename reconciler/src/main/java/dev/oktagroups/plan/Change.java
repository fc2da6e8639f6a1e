package dev.oktagroups.plan;

import java.util.List;
import java.util.Optional;

/**
 * One change to Okta, typed by what it touches. Reasons explain; they never drive what apply does:
 * apply reads the action, the typed before and after values and the Okta ids.
 *
 * <p>{@link #group()} is the group's name; {@link #key()} says what in the group: empty for the
 * group and its rule, the person for a membership, the app's catalog key for an assignment or push
 * mapping. A group created by the same plan has no {@link #groupId()} until apply creates it.
 */
public sealed interface Change
    permits GroupChange,
        RuleChange,
        MembershipChange,
        AssignmentChange,
        PushMappingChange,
        ChannelLinkChange {

  Action action();

  Resource resource();

  String group();

  String key();

  /** Why, in words reviewers read. */
  String reason();

  /** The Okta id of the change's group, where known at plan time. */
  Optional<String> groupId();

  /**
   * The change as the delete and create it stands for, in that order, when it is a replace; as
   * itself otherwise. Counts and renderers work on steps, so a replace reads and counts as the
   * delete plus the create it is.
   */
  default List<Change> steps() {
    return List.of(this);
  }

  /** A short description: "create group div.security", "remove member pat@example.com". */
  default String describe() {
    if (resource() == Resource.MEMBERSHIP) {
      String verb =
          switch (action()) {
            case CREATE -> "add member ";
            case DELETE -> "remove member ";
            case UPDATE, REPLACE -> "update member ";
          };
      return verb + key();
    }
    return action().label() + " " + resource().label() + " " + (key().isEmpty() ? group() : key());
  }

  /** Checks that the values present match the action: a create has no before, and so on. */
  static <V> void checkValues(Action action, Optional<V> before, Optional<V> after) {
    boolean ok =
        switch (action) {
          case CREATE -> before.isEmpty() && after.isPresent();
          case DELETE -> before.isPresent() && after.isEmpty();
          case UPDATE, REPLACE -> before.isPresent() && after.isPresent();
        };
    if (!ok) {
      throw new IllegalArgumentException(
          "a "
              + action.label()
              + " has "
              + (before.isPresent() ? "a" : "no")
              + " before and "
              + (after.isPresent() ? "an" : "no")
              + " after value");
    }
  }
}
