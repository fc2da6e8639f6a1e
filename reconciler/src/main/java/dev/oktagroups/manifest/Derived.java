package dev.oktagroups.manifest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
   * The file name (without {@code .yaml}) of the manifest for group {@code name}: the name itself
   * when it is file-safe, as every conventional name is; otherwise each character outside {@code
   * A-Z a-z 0-9 . _ -} (a space, a slash, a {@code %}) as {@code %XX} of its UTF-8 bytes. So {@code
   * "Sales / EMEA"} is {@code Sales%20%2F%20EMEA}. Reversed by {@link #groupName}.
   */
  public static String fileStem(String name) {
    StringBuilder sb = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '-') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    String stem = sb.toString();
    // "." and ".." are not file names; a leading dot would hide the file.
    return stem.startsWith(".") ? "%2E" + stem.substring(1) : stem;
  }

  /** The group name a {@link #fileStem} stands for; a stem with no escapes is the name. */
  public static String groupName(String stem) {
    if (stem.indexOf('%') < 0) {
      return stem;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < stem.length(); i++) {
      char c = stem.charAt(i);
      if (c == '%' && isHex(stem, i + 1) && isHex(stem, i + 2)) {
        out.write(Integer.parseInt(stem.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }

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
