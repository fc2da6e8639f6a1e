package dev.oktagroups.validate;

import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.GroupManifest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Rule exclusions, and what an adopted group may keep from the console: each exclusion is an email,
 * listed once, on a group that has a rule; a group assigned and pushed at once, against the
 * handbook, is a warning when it was adopted that way.
 */
final class ImportChecks implements GroupCheck {
  @Override
  public void check(GroupManifest m, Findings out) {
    if (!m.excluded().isEmpty() && m.rule().isEmpty()) {
      out.atKey(
          Rule.EXCLUDED_WITHOUT_RULE,
          "/excluded",
          "'excluded:' only stops a rule from adding people, and this group has no rule",
          "Remove 'excluded:'; to keep someone out of a manual group, do not name them.");
    }
    Set<String> seen = new HashSet<>();
    for (GroupManifest.Exclusion e : m.excluded()) {
      if (!MemberChecks.EMAIL.matcher(e.user()).matches()) {
        out.at(
            Rule.EXCLUDED_INVALID_EMAIL,
            e.pointer() + "/user",
            "'" + e.user() + "' is not an email address",
            "Write the person's Okta login, e.g. pat.lee@example.com.");
      } else if (!seen.add(e.user().toLowerCase(Locale.ROOT))) {
        out.at(
            Rule.EXCLUDED_DUPLICATE,
            e.pointer() + "/user",
            "'" + e.user() + "' is excluded twice",
            "Keep one entry.");
      }
    }
    if (m.adopt() && !m.apps().isEmpty() && m.doc().root().has("push")) {
      out.atKey(
          Rule.IMPORTED_PUSH_AND_APPS,
          "/push",
          "'"
              + m.name()
              + "' is both assigned to "
              + String.join(", ", m.apps().stream().map(a -> a.app()).toList())
              + " and pushed to "
              + m.push().map(p -> p.app()).orElse("an app")
              + ", as it was in Okta",
          "Split it in two when you can: app.<system>.… for the assignment and push.<app>.… for"
              + " the push group.");
    }
  }
}
