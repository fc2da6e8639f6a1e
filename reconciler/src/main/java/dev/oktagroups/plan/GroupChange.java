package dev.oktagroups.plan;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A change to a group itself.
 *
 * @param adopt whether the change takes over a group okta-groups does not own yet
 */
public record GroupChange(
    Action action,
    String group,
    Optional<GroupChange.Values> before,
    Optional<GroupChange.Values> after,
    String reason,
    boolean adopt,
    Optional<String> groupId)
    implements Change {

  /**
   * A group's fields.
   *
   * @param marker the ownership marker's value, when the group carries one (ours or another
   *     repository's)
   * @param members how many members it has, shown when it is deleted
   */
  public record Values(
      String name, String description, Optional<String> marker, OptionalInt members) {}

  public GroupChange {
    if (action == Action.REPLACE) {
      throw new IllegalArgumentException("groups are never replaced");
    }
    Change.checkValues(action, before, after);
  }

  public static GroupChange create(String group, Values after, String reason) {
    return new GroupChange(
        Action.CREATE,
        group,
        Optional.empty(),
        Optional.of(after),
        reason,
        false,
        Optional.empty());
  }

  public static GroupChange update(
      String group, Values before, Values after, String reason, boolean adopt, String groupId) {
    return new GroupChange(
        Action.UPDATE,
        group,
        Optional.of(before),
        Optional.of(after),
        reason,
        adopt,
        Optional.of(groupId));
  }

  public static GroupChange delete(String group, Values before, String reason, String groupId) {
    return new GroupChange(
        Action.DELETE,
        group,
        Optional.of(before),
        Optional.empty(),
        reason,
        false,
        Optional.of(groupId));
  }

  @Override
  public Resource resource() {
    return Resource.GROUP;
  }

  @Override
  public String key() {
    return "";
  }
}
