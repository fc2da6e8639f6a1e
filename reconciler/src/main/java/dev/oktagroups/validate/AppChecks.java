package dev.oktagroups.validate;

import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.AppRef;
import dev.oktagroups.manifest.Derived;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.Push;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Apps and push: assigned apps are in the catalog and listed once, a group is never both assigned
 * and pushed, and a push targets a push-capable app with a downstream name and address it accepts.
 * Needs the catalog, so it runs only when okta-groups.yaml was read.
 */
final class AppChecks implements GroupCheck {
  private static final Pattern GOOGLE_LOCAL = Pattern.compile("^[a-z0-9._'\\-]+$");

  private final OrgConfig config;

  AppChecks(OrgConfig config) {
    this.config = config;
  }

  @Override
  public void check(GroupManifest m, Findings out) {
    apps(m, out);
    push(m, out);
  }

  private void apps(GroupManifest m, Findings out) {
    Set<String> seen = new HashSet<>();
    for (AppRef a : m.apps()) {
      String ptr = m.doc().root().at(a.pointer()).isTextual() ? a.pointer() : a.pointer() + "/app";
      if (!seen.add(a.app())) {
        out.at(
            Rule.APPS_DUPLICATE,
            ptr,
            "app '" + a.app() + "' is listed twice",
            "Remove the repeated entry.");
        continue;
      }
      if (!config.apps().containsKey(a.app())) {
        out.at(
            Rule.APPS_UNKNOWN,
            ptr,
            "app '" + a.app() + "' is not in the app catalog",
            Suggest.didYouMean(a.app(), config.apps().keySet())
                + "Apps in okta-groups.yaml: "
                + String.join(", ", new TreeSet<>(config.apps().keySet()))
                + ".");
      }
    }
    // An adopted group that was already both is a warning in ImportChecks: adoption changes
    // nothing.
    if (!m.apps().isEmpty() && m.doc().root().has("push") && !m.adopt()) {
      out.atKey(
          Rule.PUSH_AND_APPS,
          "/push",
          "a group is never both assigned to apps and pushed (Okta does not support it either)",
          "Split it in two: app."
              + "<system>.… for the assignment and push.<app>.… for the push group.");
    }
  }

  private void push(GroupManifest m, Findings out) {
    if (m.push().isEmpty()) {
      return;
    }
    Push p = m.push().get();
    OrgConfig.AppDef app = config.apps().get(p.app());
    if (app == null) {
      out.at(
          Rule.PUSH_UNKNOWN_APP,
          "/push/app",
          "push app '" + p.app() + "' is not in the app catalog",
          Suggest.didYouMean(p.app(), config.apps().keySet())
              + "Push-capable apps: "
              + pushApps()
              + ".");
      return;
    }
    if (!app.push()) {
      boolean gitlab =
          p.app().equals("gitlab") || app.label().toLowerCase(Locale.ROOT).contains("gitlab");
      out.at(
          Rule.PUSH_UNSUPPORTED,
          "/push/app",
          gitlab
              ? "gitlab.com is not supported for syncing user groups from Okta"
              : "app '" + p.app() + "' does not support group push",
          (gitlab ? "Grant GitLab access by app assignment instead: apps: [" + p.app() + "]. " : "")
              + "Push-capable apps: "
              + pushApps()
              + ".");
      return;
    }
    if (p.email().isPresent() && app.pushType() != OrgConfig.PushType.GOOGLE) {
      out.at(
          Rule.PUSH_EMAIL_NOT_GOOGLE,
          "/push/email",
          "'email' applies to Google groups only; '" + p.app() + "' is not Google Workspace",
          "Remove 'email'; use 'target' to name the downstream group.");
    }
    if (app.pushType() == OrgConfig.PushType.GOOGLE) {
      google(m, p, app, out);
    }
    p.channels().ifPresent(cs -> ChannelChecks.check(p, app, cs, out));
  }

  /** Google Workspace limits the group name and address Okta derives for the push. */
  private void google(GroupManifest m, Push p, OrgConfig.AppDef app, Findings out) {
    String target = Derived.pushTarget(m, app, config.naming());
    int max = config.naming().googleNameMax();
    if (target.length() > max) {
      out.at(
          Rule.PUSH_GOOGLE_NAME,
          p.target().isPresent() ? "/push/target" : "/name",
          "the Google group name '"
              + target
              + "' has "
              + target.length()
              + " characters; Google allows "
              + max,
          "Shorten the group name, or set a shorter 'push.target'.");
    }
    Optional<String> email = Derived.pushEmail(m, app, config.naming());
    if (email.isPresent()) {
      String e = email.get();
      String ptr = p.email().isPresent() ? "/push/email" : "/name";
      int at = e.lastIndexOf('@');
      String local = at < 0 ? e : e.substring(0, at);
      String domain = at < 0 ? "" : e.substring(at + 1);
      if (!MemberChecks.EMAIL.matcher(e).matches()
          || local.length() > 64
          || !GOOGLE_LOCAL.matcher(local).matches()) {
        out.at(
            Rule.PUSH_GOOGLE_EMAIL,
            ptr,
            "'" + e + "' is not a valid Google group address",
            "Google addresses use at most 64 of a-z, 0-9, '.', '_', '-' and ''' before the @.");
      } else if (app.emailDomain().isPresent() && !domain.equals(app.emailDomain().get())) {
        out.at(
            Rule.PUSH_GOOGLE_EMAIL,
            ptr,
            "'" + e + "' is outside " + app.emailDomain().get() + ", the domain Okta pushes to",
            "Use an address ending in @" + app.emailDomain().get() + ".");
      }
    }
  }

  private String pushApps() {
    List<String> l = new ArrayList<>();
    config
        .apps()
        .forEach(
            (k, v) -> {
              if (v.push()) {
                l.add(k);
              }
            });
    l.sort(null);
    return l.isEmpty() ? "none configured" : String.join(", ", l);
  }
}
