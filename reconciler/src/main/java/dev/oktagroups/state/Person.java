package dev.oktagroups.state;

import java.util.Map;

/**
 * A person of the Okta directory with the profile a selector is evaluated against.
 *
 * @param status Okta's user status, such as ACTIVE or SUSPENDED; rules add only ACTIVE people
 * @param profile the Okta profile, keyed by Okta attribute name
 */
public record Person(
    String id, String login, String email, String status, Map<String, Object> profile) {
  public Person {
    profile = java.util.Collections.unmodifiableMap(profile); // Okta profiles hold nulls
  }

  /** Whether a group rule would add this person: Okta evaluates rules for ACTIVE users only. */
  public boolean rulesApply() {
    return "ACTIVE".equals(status);
  }
}
