package dev.oktagroups.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A change to a group's assignment to an app.
 *
 * @param key the app's catalog key
 * @param appId the app's Okta id
 */
public record AssignmentChange(
    Action action,
    String group,
    String key,
    Optional<AssignmentChange.Values> before,
    Optional<AssignmentChange.Values> after,
    String reason,
    Optional<String> groupId,
    String appId)
    implements Change {

  /**
   * An assignment's fields.
   *
   * @param priority empty where the manifest leaves Okta's priority alone
   * @param profile the app-defined assignment profile; opaque to okta-groups
   */
  public record Values(OptionalInt priority, Map<String, Object> profile) {
    public Values {
      profile = Collections.unmodifiableMap(new LinkedHashMap<>(profile));
    }
  }

  public AssignmentChange {
    if (action == Action.REPLACE) {
      throw new IllegalArgumentException("assignments are never replaced");
    }
    Change.checkValues(action, before, after);
  }

  public static AssignmentChange create(
      String group,
      String key,
      Values after,
      String reason,
      Optional<String> groupId,
      String appId) {
    return new AssignmentChange(
        Action.CREATE, group, key, Optional.empty(), Optional.of(after), reason, groupId, appId);
  }

  public static AssignmentChange update(
      String group,
      String key,
      Values before,
      Values after,
      String reason,
      Optional<String> groupId,
      String appId) {
    return new AssignmentChange(
        Action.UPDATE, group, key, Optional.of(before), Optional.of(after), reason, groupId, appId);
  }

  public static AssignmentChange delete(
      String group, String key, Values before, String reason, String groupId, String appId) {
    return new AssignmentChange(
        Action.DELETE,
        group,
        key,
        Optional.of(before),
        Optional.empty(),
        reason,
        Optional.of(groupId),
        appId);
  }

  @Override
  public Resource resource() {
    return Resource.APP_ASSIGNMENT;
  }
}
