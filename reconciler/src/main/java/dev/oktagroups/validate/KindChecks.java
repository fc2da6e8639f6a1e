package dev.oktagroups.validate;

import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.Kind;

/** Kind consistency: what managed, hybrid and manual groups must and must not declare. */
final class KindChecks implements GroupCheck {
  @Override
  public void check(GroupManifest m, Findings out) {
    if (m.kind().isEmpty()) {
      return; // missing or misspelt kind is a schema finding
    }
    Kind k = m.kind().get();
    boolean hasMembers = m.doc().root().has("members");
    switch (k) {
      case MANAGED -> managed(m, hasMembers, out);
      case HYBRID -> hybrid(m, hasMembers, out);
      case MANUAL -> manual(m, hasMembers, out);
    }
  }

  private static void managed(GroupManifest m, boolean hasMembers, Findings out) {
    if (m.rule().isEmpty() && !m.doc().root().has("rule")) {
      out.atKey(
          Rule.KIND_RULE_REQUIRED,
          "/kind",
          "managed group has no rule: its members come only from HR attributes",
          "Add 'rule:' with the attributes that define membership, e.g. rule: {division:"
              + " Security}.");
    }
    if (hasMembers) {
      out.atKey(
          Rule.KIND_MANAGED_MEMBERS,
          "/members",
          "managed groups never take manual additions: membership comes only from the rule",
          "If a few people must be added by hand, change 'kind: managed' to 'kind: hybrid' (a"
              + " rule plus named exceptions); otherwise delete 'members:' and fix the"
              + " attributes in Workday.");
    }
  }

  private static void hybrid(GroupManifest m, boolean hasMembers, Findings out) {
    if (m.rule().isEmpty() && !m.doc().root().has("rule")) {
      out.atKey(
          Rule.KIND_RULE_REQUIRED,
          "/kind",
          "hybrid group has no rule: a hybrid group is a rule plus named exceptions",
          "Add 'rule:' with the attributes that define most members, or use 'kind: manual' if"
              + " none do.");
    }
    if (m.members().isEmpty() && (!hasMembers || m.doc().root().path("members").isEmpty())) {
      out.atKey(
          Rule.KIND_HYBRID_NO_EXCEPTIONS,
          hasMembers ? "/members" : "/kind",
          "hybrid group lists no exceptions",
          "Add the people the rule does not cover under 'members:', or use 'kind: managed' if"
              + " the rule covers everyone.");
    }
  }

  private static void manual(GroupManifest m, boolean hasMembers, Findings out) {
    if (m.doc().root().has("rule")) {
      out.atKey(
          Rule.KIND_MANUAL_RULE,
          "/rule",
          "manual groups have no rule: every member is named",
          "Use 'kind: hybrid' for a rule plus named exceptions, or 'kind: managed' for a rule"
              + " alone.");
    }
    if (!hasMembers || m.doc().root().path("members").isEmpty()) {
      out.atKey(
          Rule.KIND_MANUAL_NO_MEMBERS,
          hasMembers ? "/members" : "/kind",
          "manual group lists no members",
          "Add members through access requests, or delete the group if it is no longer"
              + " needed.");
    }
  }
}
