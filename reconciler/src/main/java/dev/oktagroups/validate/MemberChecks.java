package dev.oktagroups.validate;

import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.Member;
import dev.oktagroups.manifest.OrgConfig;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Members: each is an email address listed once, has the access request the org requires, and an
 * expiry that is a real date not yet passed.
 */
final class MemberChecks implements GroupCheck {
  static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final OrgConfig config;
  private final LocalDate today;
  private final Optional<Pattern> requestPattern;

  /**
   * @param today the date expiries are judged against
   */
  MemberChecks(OrgConfig config, LocalDate today) {
    this.config = config;
    this.today = today;
    Optional<Pattern> p;
    try {
      p = config.members().requestPattern().map(Pattern::compile);
    } catch (PatternSyntaxException e) {
      p = Optional.empty(); // reported once against okta-groups.yaml
    }
    this.requestPattern = p;
  }

  @Override
  public void check(GroupManifest m, Findings out) {
    Map<String, Integer> seen = new HashMap<>();
    for (Member mem : m.members()) {
      String userPtr = mem.pointer() + "/user";
      String key = mem.user().toLowerCase(Locale.ROOT);
      if (!EMAIL.matcher(mem.user()).matches()) {
        out.at(
            Rule.MEMBERS_INVALID_EMAIL,
            userPtr,
            "'" + mem.user() + "' is not an email address",
            "Write the person's Okta login or email, e.g. pat.lee@example.com.");
      } else if (seen.containsKey(key)) {
        out.at(
            Rule.MEMBERS_DUPLICATE,
            userPtr,
            "'" + mem.user() + "' is listed twice (first as entry " + (seen.get(key) + 1) + ")",
            "Keep one entry; if the second has a later expiry, move that date to the first.");
      } else {
        seen.put(
            key, Integer.parseInt(mem.pointer().substring(mem.pointer().lastIndexOf('/') + 1)));
      }
      if (mem.request().isEmpty() && mem.imported()) {
        out.atKey(
            Rule.IMPORTED_MEMBER_WITHOUT_REQUEST,
            mem.pointer() + "/imported",
            "member '" + mem.user() + "' was imported from Okta with no access request on record",
            "Replace 'imported: true' with 'request:' and the approved access request, or remove"
                + " the entry.");
      } else if (mem.request().isEmpty() && config.members().requireRequest()) {
        out.atKey(
            Rule.MEMBERS_REQUEST_REQUIRED,
            m.doc().root().at(mem.pointer()).has("request") ? mem.pointer() + "/request" : userPtr,
            "member '" + mem.user() + "' has no access request",
            "Add 'request:' with the link to the approved access-request issue.");
      } else if (!mem.request().isEmpty()
          && requestPattern.isPresent()
          && !requestPattern.get().matcher(mem.request()).matches()) {
        out.at(
            Rule.MEMBERS_REQUEST_FORMAT,
            mem.pointer() + "/request",
            "request '" + mem.request() + "' does not match " + requestPattern.get().pattern(),
            "Link the approved issue in the access-request project.");
      }
      if (!mem.expiresText().isEmpty() && mem.expires().isEmpty()) {
        if (mem.expiresText().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
          out.at(
              Rule.MEMBERS_INVALID_DATE,
              mem.pointer() + "/expires",
              "expiry '" + mem.expiresText() + "' is not a real date",
              "Check the month and day; write the last day of access as YYYY-MM-DD.");
        }
      } else if (mem.expiredOn(today)) {
        out.at(
            Rule.MEMBERS_EXPIRED,
            mem.pointer() + "/expires",
            "access for '"
                + mem.user()
                + "' expired on "
                + mem.expiresText()
                + "; okta-groups removes expired members",
            "Delete this entry, or extend 'expires' with a new approved access request.");
      }
    }
  }
}
