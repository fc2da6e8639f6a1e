package dev.oktagroups.manifest;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Names okta-groups derives from a manifest by the handbook's conventions. Validation checks them
 * and the compiler uses them, so both always agree.
 */
public final class Derived {
  private Derived() {}

  /**
   * The Okta group rule's name. The handbook: a rule feeding one group takes that group's name.
   * Validation rejects names longer than Okta's 50-character limit, so the result always fits.
   */
  public static String ruleName(String groupName) {
    return groupName;
  }

  /**
   * A value as a name segment: lowercase, spaces to {@code _}, punctuation dropped, accents folded.
   * {@code "GitLab Canada Corp."} becomes {@code gitlab_canada_corp}.
   */
  public static String segment(String value) {
    String folded = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String s =
        folded.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-/]+", "_").replaceAll("[^a-z0-9_]", "");
    return s.replaceAll("_+", "_").replaceAll("^_|_$", "");
  }

  /**
   * The downstream group's name: the manifest's {@code push.target}, else the Okta name without its
   * {@code push.<prefix>.} head (handbook: push.slack.dept.engineering is Slack's
   * dept.engineering).
   */
  public static String pushTarget(GroupManifest m, OrgConfig.AppDef app, OrgConfig.Naming naming) {
    Optional<String> explicit = m.push().flatMap(Push::target);
    if (explicit.isPresent()) {
      return explicit.get();
    }
    String head = naming.pushPrefix() + "." + app.prefix() + ".";
    return m.name().startsWith(head) && m.name().length() > head.length()
        ? m.name().substring(head.length())
        : m.name();
  }

  /** Google only: the group's address, explicit or {@code <target>@<emailDomain>}. */
  public static Optional<String> pushEmail(
      GroupManifest m, OrgConfig.AppDef app, OrgConfig.Naming naming) {
    if (app.pushType() != OrgConfig.PushType.GOOGLE) {
      return Optional.empty();
    }
    Optional<String> explicit = m.push().flatMap(Push::email);
    if (explicit.isPresent()) {
      return explicit;
    }
    return app.emailDomain().map(d -> pushTarget(m, app, naming) + "@" + d);
  }
}
