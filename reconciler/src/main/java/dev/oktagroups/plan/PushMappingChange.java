package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState.MappingStatus;
import java.util.List;
import java.util.Optional;

/**
 * A change to a group's push mapping.
 *
 * @param key the push app's catalog key
 * @param reason why; for a replace, why the old mapping goes
 * @param replacementReason for a replace only: why the new mapping is created
 * @param appId the push app's Okta id
 * @param mappingId the existing mapping's id; empty for a create
 * @param deleteTargetGroup whether deleting the mapping deletes the downstream group too
 */
public record PushMappingChange(
    Action action,
    String group,
    String key,
    Optional<PushMappingChange.Values> before,
    Optional<PushMappingChange.Values> after,
    String reason,
    Optional<String> replacementReason,
    Optional<String> groupId,
    String appId,
    Optional<String> mappingId,
    boolean deleteTargetGroup)
    implements Change {

  /**
   * A mapping's fields.
   *
   * @param app the push app's catalog key
   * @param target the downstream group's name
   */
  public record Values(String app, String target, MappingStatus status) {}

  public PushMappingChange {
    Change.checkValues(action, before, after);
    if (replacementReason.isPresent() != (action == Action.REPLACE)) {
      throw new IllegalArgumentException(
          "a replacement reason belongs to a replace, and only to one");
    }
    if (mappingId.isEmpty() != (action == Action.CREATE)) {
      throw new IllegalArgumentException("a mapping's id is known for everything but a create");
    }
  }

  public static PushMappingChange create(
      String group, Values after, String reason, Optional<String> groupId, String appId) {
    return new PushMappingChange(
        Action.CREATE,
        group,
        after.app(),
        Optional.empty(),
        Optional.of(after),
        reason,
        Optional.empty(),
        groupId,
        appId,
        Optional.empty(),
        false);
  }

  public static PushMappingChange update(
      String group,
      Values before,
      Values after,
      String reason,
      Optional<String> groupId,
      String appId,
      String mappingId) {
    return new PushMappingChange(
        Action.UPDATE,
        group,
        after.app(),
        Optional.of(before),
        Optional.of(after),
        reason,
        Optional.empty(),
        groupId,
        appId,
        Optional.of(mappingId),
        false);
  }

  public static PushMappingChange delete(
      String group,
      Values before,
      String reason,
      Optional<String> groupId,
      String appId,
      String mappingId,
      boolean deleteTargetGroup) {
    return new PushMappingChange(
        Action.DELETE,
        group,
        before.app(),
        Optional.of(before),
        Optional.empty(),
        reason,
        Optional.empty(),
        groupId,
        appId,
        Optional.of(mappingId),
        deleteTargetGroup);
  }

  /** The delete of {@code old} and the create of {@code successor}, as one replace. */
  public static PushMappingChange replace(PushMappingChange old, PushMappingChange successor) {
    if (old.action() != Action.DELETE
        || successor.action() != Action.CREATE
        || !old.group().equals(successor.group())
        || !old.key().equals(successor.key())) {
      throw new IllegalArgumentException(
          "a replace is a delete and a create of the same group's mapping to one app");
    }
    return new PushMappingChange(
        Action.REPLACE,
        old.group(),
        old.key(),
        old.before(),
        successor.after(),
        old.reason(),
        Optional.of(successor.reason()),
        old.groupId().or(successor::groupId),
        old.appId(),
        old.mappingId(),
        old.deleteTargetGroup());
  }

  @Override
  public Resource resource() {
    return Resource.PUSH_MAPPING;
  }

  @Override
  public List<Change> steps() {
    if (action != Action.REPLACE) {
      return List.of(this);
    }
    return List.of(
        new PushMappingChange(
            Action.DELETE,
            group,
            key,
            before,
            Optional.empty(),
            reason,
            Optional.empty(),
            groupId,
            appId,
            mappingId,
            deleteTargetGroup),
        new PushMappingChange(
            Action.CREATE,
            group,
            key,
            Optional.empty(),
            after,
            replacementReason.orElseThrow(),
            Optional.empty(),
            groupId,
            appId,
            Optional.empty(),
            false));
  }
}
