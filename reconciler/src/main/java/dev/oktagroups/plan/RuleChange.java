package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState.RuleStatus;
import java.util.List;
import java.util.Optional;

/**
 * A change to a group's rule.
 *
 * @param reason why; for a replace, why the old rule goes
 * @param replacementReason for a replace only: why the new rule is created
 * @param ruleId the existing rule's id; empty for a create
 */
public record RuleChange(
    Action action,
    String group,
    Optional<RuleChange.Values> before,
    Optional<RuleChange.Values> after,
    String reason,
    Optional<String> replacementReason,
    Optional<String> groupId,
    Optional<String> ruleId)
    implements Change {

  /** A rule's fields. */
  public record Values(
      String name, String expression, RuleStatus status, List<String> excludedUsers) {
    public Values {
      excludedUsers = List.copyOf(excludedUsers);
    }
  }

  public RuleChange {
    Change.checkValues(action, before, after);
    if (replacementReason.isPresent() != (action == Action.REPLACE)) {
      throw new IllegalArgumentException(
          "a replacement reason belongs to a replace, and only to one");
    }
    if (ruleId.isEmpty() && action != Action.CREATE) {
      throw new IllegalArgumentException("a rule " + action.label() + " needs the rule's id");
    }
  }

  public static RuleChange create(
      String group, Values after, String reason, Optional<String> groupId) {
    return new RuleChange(
        Action.CREATE,
        group,
        Optional.empty(),
        Optional.of(after),
        reason,
        Optional.empty(),
        groupId,
        Optional.empty());
  }

  public static RuleChange update(
      String group,
      Values before,
      Values after,
      String reason,
      Optional<String> groupId,
      String ruleId) {
    return new RuleChange(
        Action.UPDATE,
        group,
        Optional.of(before),
        Optional.of(after),
        reason,
        Optional.empty(),
        groupId,
        Optional.of(ruleId));
  }

  public static RuleChange delete(
      String group, Values before, String reason, Optional<String> groupId, String ruleId) {
    return new RuleChange(
        Action.DELETE,
        group,
        Optional.of(before),
        Optional.empty(),
        reason,
        Optional.empty(),
        groupId,
        Optional.of(ruleId));
  }

  /** The delete of {@code old} and the create of {@code successor}, as one replace. */
  public static RuleChange replace(RuleChange old, RuleChange successor) {
    if (old.action() != Action.DELETE
        || successor.action() != Action.CREATE
        || !old.group().equals(successor.group())) {
      throw new IllegalArgumentException(
          "a replace is a delete and a create of the same group's rule");
    }
    return new RuleChange(
        Action.REPLACE,
        old.group(),
        old.before(),
        successor.after(),
        old.reason(),
        Optional.of(successor.reason()),
        old.groupId().or(successor::groupId),
        old.ruleId());
  }

  @Override
  public Resource resource() {
    return Resource.RULE;
  }

  @Override
  public String key() {
    return "";
  }

  @Override
  public List<Change> steps() {
    if (action != Action.REPLACE) {
      return List.of(this);
    }
    return List.of(
        new RuleChange(
            Action.DELETE,
            group,
            before,
            Optional.empty(),
            reason,
            Optional.empty(),
            groupId,
            ruleId),
        new RuleChange(
            Action.CREATE,
            group,
            Optional.empty(),
            after,
            replacementReason.orElseThrow(),
            Optional.empty(),
            groupId,
            Optional.empty()));
  }
}
