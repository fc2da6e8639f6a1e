package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState.Via;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A person added to or removed from a group's direct members.
 *
 * @param key the person's login
 * @param userId the person's Okta id
 */
public record MembershipChange(
    Action action,
    String group,
    String key,
    Optional<MembershipChange.Values> before,
    Optional<MembershipChange.Values> after,
    String reason,
    Optional<String> groupId,
    String userId)
    implements Change {

  /**
   * A membership's fields.
   *
   * @param expires when a named member's access ends, for an addition
   * @param via how a current member got in, for a removal
   */
  public record Values(String user, Optional<LocalDate> expires, Optional<Via> via) {}

  public MembershipChange {
    if (action == Action.REPLACE) {
      throw new IllegalArgumentException("memberships are never replaced");
    }
    Change.checkValues(action, before, after);
  }

  public static MembershipChange add(
      String group, Values after, String reason, Optional<String> groupId, String userId) {
    return new MembershipChange(
        Action.CREATE,
        group,
        after.user(),
        Optional.empty(),
        Optional.of(after),
        reason,
        groupId,
        userId);
  }

  public static MembershipChange remove(
      String group, Values before, String reason, String groupId, String userId) {
    return new MembershipChange(
        Action.DELETE,
        group,
        before.user(),
        Optional.of(before),
        Optional.empty(),
        reason,
        Optional.of(groupId),
        userId);
  }

  @Override
  public Resource resource() {
    return Resource.MEMBERSHIP;
  }
}
