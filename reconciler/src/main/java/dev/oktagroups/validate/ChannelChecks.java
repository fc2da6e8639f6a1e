package dev.oktagroups.validate;

import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.Push;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Slack push group's channels: only Slack pushes list them, the app says how to reach Slack, and
 * each entry is a name Slack allows (lowercase letters, digits, hyphens and underscores, at most 80
 * characters, no spaces or periods) or a channel id, listed once.
 */
final class ChannelChecks {
  static final Pattern NAME = Pattern.compile("^[a-z0-9_\\-]{1,80}$");
  static final Pattern ID = Pattern.compile("^[CG][A-Z0-9]{6,}$");

  private ChannelChecks() {}

  static void check(Push p, OrgConfig.AppDef app, List<Push.Channel> channels, Findings out) {
    if (app.pushType() != OrgConfig.PushType.SLACK) {
      out.at(
          Rule.PUSH_CHANNELS_NOT_SLACK,
          "/push/channels",
          "'channels' applies to Slack push groups only; '" + p.app() + "' is not Slack",
          "Remove 'channels', or push to the Slack app.");
      return;
    }
    if (app.slack().isEmpty()) {
      out.at(
          Rule.PUSH_CHANNELS_NO_SETTINGS,
          "/push/channels",
          "app '"
              + p.app()
              + "' has no slack settings in okta-groups.yaml, so okta-groups cannot"
              + " link channels for it",
          "Add apps."
              + p.app()
              + ".slack (workspace, tokenEnv) to okta-groups.yaml; see docs/operations.md.");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (Push.Channel c : channels) {
      String ref = c.ref();
      if (!NAME.matcher(ref).matches() && !ID.matcher(ref).matches()) {
        out.at(
            Rule.PUSH_CHANNEL_NAME, c.pointer(), "'" + ref + "' is not a Slack channel", hint(ref));
      } else if (!seen.add(ref)) {
        out.at(
            Rule.PUSH_DUPLICATE_CHANNEL,
            c.pointer(),
            "channel '" + ref + "' is listed twice",
            "Remove the second entry.");
      }
    }
  }

  private static String hint(String ref) {
    String fixed = ref.replaceFirst("^#", "").toLowerCase(Locale.ROOT).replaceAll("[\\s.]+", "-");
    return "Write the name without '#': lowercase letters, digits, '-' and '_', at most 80"
        + " characters, no spaces or periods (or give the channel id, C…)"
        + (NAME.matcher(fixed).matches() && !fixed.equals(ref)
            ? "; did you mean " + fixed + "?"
            : ".");
  }
}
