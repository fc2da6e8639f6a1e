package dev.oktagroups.sandbox.org;

import dev.oktagroups.sandbox.expr.ExprException;
import dev.oktagroups.sandbox.expr.Expression;
import java.util.List;
import java.util.Optional;

/** Okta's checks on a requested group rule, as creating or replacing one runs them. */
final class RuleChecks {
  private RuleChecks() {}

  /**
   * Checks a rule's name, expression, targets and exclusions against Okta's rules and limits.
   *
   * @return the parsed expression
   * @throws OktaError 400 E0000001 on the first problem found
   */
  static Expression check(Org.RuleSpec spec, UserStore users, GroupStore groups) {
    String name = spec.name();
    if (name == null || name.isBlank()) {
      throw OktaError.validation("name", "name: The field cannot be left blank");
    }
    if (name.length() > Org.MAX_RULE_NAME) {
      throw OktaError.validation(
          "name", "name: The field cannot exceed " + Org.MAX_RULE_NAME + " characters");
    }
    if (spec.expressionType() != null && !spec.expressionType().equals("urn:okta:expression:1.0")) {
      throw OktaError.validation(
          "conditions.expression.type", "Invalid expression type: " + spec.expressionType());
    }
    if (spec.expression() == null || spec.expression().isBlank()) {
      throw OktaError.validation(
          "conditions.expression.value",
          "conditions.expression.value: The field cannot be left blank");
    }
    Expression e;
    try {
      e = Expression.parse(spec.expression(), users::isAttribute);
    } catch (ExprException x) {
      throw OktaError.validation(
          "conditions.expression.value", "Invalid condition expression: " + x.getMessage());
    }
    checkTargets(spec.groupIds(), groups);
    if (spec.excludedUsers().size() > Org.MAX_RULE_EXCLUSIONS) {
      throw OktaError.validation(
          "conditions.people.users.exclude",
          "A group rule can exclude at most " + Org.MAX_RULE_EXCLUSIONS + " users");
    }
    for (String uid : spec.excludedUsers()) {
      if (users.byId(uid).isEmpty()) {
        throw OktaError.validation("conditions.people.users.exclude", "User not found: " + uid);
      }
    }
    return e;
  }

  private static void checkTargets(List<String> targets, GroupStore groups) {
    String field = "actions.assignUserToGroups.groupIds";
    if (targets.isEmpty()) {
      throw OktaError.validation(field, "A group rule must assign users to at least one group");
    }
    if (targets.size() > Org.MAX_RULE_TARGETS) {
      throw OktaError.validation(
          field, "A group rule can target at most " + Org.MAX_RULE_TARGETS + " groups");
    }
    for (String gid : targets) {
      Optional<Group> g = groups.find(gid);
      if (g.isEmpty()) {
        throw OktaError.validation(field, "Group not found: " + gid);
      }
      if (g.get().type != Group.Type.OKTA_GROUP) {
        throw OktaError.validation(
            field, "Group rules can only assign users to OKTA_GROUP groups: " + gid);
      }
    }
  }
}
