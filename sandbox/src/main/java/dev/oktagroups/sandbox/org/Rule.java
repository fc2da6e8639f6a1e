package dev.oktagroups.sandbox.org;

import dev.oktagroups.sandbox.expr.Expression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A group rule: an expression, target groups, excluded users and a lifecycle status. */
public final class Rule {
  /** ACTIVE rules evaluate; INVALID ones lost a target group and can only be read or deleted. */
  public enum Status {
    ACTIVE,
    INACTIVE,
    INVALID
  }

  final String id;
  String name;
  Status status;
  final Instant created;
  Instant lastUpdated;
  Expression expression;
  final List<String> groupIds = new ArrayList<>();
  final List<String> excludedUsers = new ArrayList<>();
  boolean allGroupsValid = true;

  Rule(String id, String name, Instant created, Expression expression) {
    this.id = id;
    this.name = name;
    this.status = Status.INACTIVE;
    this.created = created;
    this.lastUpdated = created;
    this.expression = expression;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Status status() {
    return status;
  }

  public Instant created() {
    return created;
  }

  public Instant lastUpdated() {
    return lastUpdated;
  }

  public String expression() {
    return expression.source();
  }

  public List<String> groupIds() {
    return Collections.unmodifiableList(groupIds);
  }

  public List<String> excludedUsers() {
    return Collections.unmodifiableList(excludedUsers);
  }

  public boolean allGroupsValid() {
    return allGroupsValid;
  }
}
