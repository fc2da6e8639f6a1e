package dev.oktagroups.validate;

import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.Derived;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rules that compare manifests with each other. Expects manifests sorted by path. */
final class RepoChecks {
  private RepoChecks() {}

  static List<Diagnostic> check(List<GroupManifest> manifests, OrgConfig config) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, GroupManifest> names = new HashMap<>();
    Map<String, GroupManifest> targets = new HashMap<>();
    for (GroupManifest m : manifests) {
      if (!m.name().isEmpty()) {
        GroupManifest first = names.putIfAbsent(m.name().toLowerCase(Locale.ROOT), m);
        if (first != null) {
          out.add(
              Diagnostic.of(
                  Rule.NAME_DUPLICATE,
                  m.doc().valueRef("/name"),
                  "group '"
                      + m.name()
                      + "' is also declared in "
                      + first.path()
                      + (first.name().equals(m.name()) ? "" : " as '" + first.name() + "'")
                      + "; Okta group names are unique ignoring case",
                  "Keep one manifest per group; merge the two files."));
        }
      }
      if (m.push().isPresent()) {
        OrgConfig.AppDef app = config.apps().get(m.push().get().app());
        if (app != null && app.push()) {
          String target =
              Derived.pushEmail(m, app, config.naming())
                  .orElse(Derived.pushTarget(m, app, config.naming()));
          String key = app.key() + "\u0000" + target.toLowerCase(Locale.ROOT);
          GroupManifest first = targets.putIfAbsent(key, m);
          if (first != null) {
            String ptr =
                m.push().get().target().isPresent()
                    ? "/push/target"
                    : m.push().get().email().isPresent() ? "/push/email" : "/name";
            out.add(
                Diagnostic.of(
                    Rule.PUSH_DUPLICATE_TARGET,
                    m.doc().valueRef(ptr),
                    "'"
                        + target
                        + "' in "
                        + app.key()
                        + " is already fed by "
                        + first.name()
                        + " ("
                        + first.path()
                        + ")",
                    "Each downstream group has one source; merge the two groups or set a different"
                        + " 'push.target'."));
          }
        }
      }
    }
    return out;
  }
}
