package dev.oktagroups.sandbox.org;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How a user got into a group: added directly, through one or more group rules, or both. Okta
 * treats a direct member whom a rule later matches as rule-managed, so a rule's arrival clears the
 * direct flag.
 */
public final class Membership {
  boolean direct;
  final LinkedHashSet<String> rules = new LinkedHashSet<>();

  public boolean direct() {
    return direct;
  }

  /** The rules managing this membership. */
  public Set<String> rules() {
    return Collections.unmodifiableSet(rules);
  }

  /** RULE when any rule manages it, else DIRECT. */
  public String type() {
    return rules.isEmpty() ? "DIRECT" : "RULE";
  }

  boolean isEmpty() {
    return !direct && rules.isEmpty();
  }
}
