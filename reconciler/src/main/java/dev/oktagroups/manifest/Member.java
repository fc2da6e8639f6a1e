package dev.oktagroups.manifest;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A named member of a hybrid (an exception) or manual group.
 *
 * @param user login or email of the Okta user
 * @param reason why they belong; empty when not given
 * @param request link to the approved access request; empty when not given
 * @param expires the last day of access, when the date parsed
 * @param expiresText the date as written, empty when absent; kept to report unparseable dates
 * @param pointer JSON pointer of the entry
 * @param imported written by okta-groups import for a direct member found in Okta: no access
 *     request is on record
 */
public record Member(
    String user,
    String reason,
    String request,
    Optional<LocalDate> expires,
    String expiresText,
    String pointer,
    boolean imported) {

  /** A member written by hand (not by okta-groups import). */
  public Member(
      String user,
      String reason,
      String request,
      Optional<LocalDate> expires,
      String expiresText,
      String pointer) {
    this(user, reason, request, expires, expiresText, pointer, false);
  }

  /** True when access has ended: {@code expires} is before {@code today}. */
  public boolean expiredOn(LocalDate today) {
    return expires.map(d -> d.isBefore(today)).orElse(false);
  }
}
