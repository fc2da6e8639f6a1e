package dev.oktagroups.validate;

import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.Derived;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.Kind;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.Push;
import dev.oktagroups.manifest.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Naming: the name matches its file and the handbook's format and convention, its group rule fits
 * Okta's limit, and a rule-driven name says what its selector selects.
 */
final class NameChecks implements GroupCheck {
  static final Pattern NAME = Pattern.compile("^[a-z0-9_]+(\\.[a-z0-9_]+)*$");

  private final OrgConfig config;
  private final boolean catalogKnown;

  /**
   * @param catalogKnown false when okta-groups.yaml is missing or unreadable: then the rules that
   *     need the attribute catalog are skipped instead of flagging every name
   */
  NameChecks(OrgConfig config, boolean catalogKnown) {
    this.config = config;
    this.catalogKnown = catalogKnown;
  }

  @Override
  public void check(GroupManifest m, Findings out) {
    String name = m.name();
    if (name.isEmpty()) {
      return;
    }
    String stem = Derived.fileStem(name);
    if (!stem.equals(m.fileStem())) {
      out.at(
          Rule.NAME_FILE_MISMATCH,
          "/name",
          "name '" + name + "' differs from the file name '" + m.fileStem() + ".yaml'",
          "Rename the file to '"
              + stem
              + ".yaml', or change the name to '"
              + Derived.groupName(m.fileStem())
              + "'.");
    }
    if (config.naming().grandfathers(name)) {
      grandfathered(m, out);
      return;
    }
    conventions(m, out);
  }

  /**
   * A grandfathered name keeps its spelling: whatever the name rules would say becomes one warning,
   * naming the first of them, so an imported org validates and the debt stays visible.
   *
   * <p>The list is for groups that predate the conventions, so only a manifest that adopts an
   * existing Okta group ({@code adopt: true}, as import writes it) may rely on it. A new group
   * listed there is an error: it would otherwise slip a name past the conventions. Whether Okta
   * really has the group is the plan's to check; validation cannot see Okta.
   */
  private void grandfathered(GroupManifest m, Findings out) {
    Findings scratch = new Findings(m.doc());
    conventions(m, scratch);
    Optional<dev.oktagroups.diag.Diagnostic> broken =
        scratch.list().stream().filter(d -> d.isError()).findFirst();
    if (broken.isEmpty()) {
      return;
    }
    if (!m.adopt()) {
      out.at(
          Rule.IMPORTED_GRANDFATHERED_NEW_GROUP,
          "/name",
          "'"
              + m.name()
              + "' breaks the conventions and relies on naming.grandfathered, but its manifest"
              + " does not adopt an existing Okta group: "
              + broken.get().message(),
          "naming.grandfathered keeps the names of groups imported from Okta; give a new group a"
              + " name that follows the conventions, and remove this one from the list.");
      return;
    }
    out.at(
        Rule.IMPORTED_NAME_GRANDFATHERED,
        "/name",
        "'"
            + m.name()
            + "' is grandfathered in okta-groups.yaml and breaks the conventions: "
            + broken.get().message(),
        "Keep it while people rely on the name; rename the group in a change of its own, then"
            + " remove it from naming.grandfathered.");
  }

  private void conventions(GroupManifest m, Findings out) {
    String name = m.name();
    if (!NAME.matcher(name).matches()) {
      out.at(
          Rule.NAME_FORMAT,
          "/name",
          "name '" + name + "' is not lowercase words separated by dots",
          formatHint(name));
      return;
    }
    int before = out.count();
    Optional<OrgConfig.AppDef> pushApp = m.push().map(Push::app).map(config.apps()::get);
    convention(m, pushApp, out);
    ruleNameLength(m, out);
    // Only when the name is otherwise fine: one problem, one finding.
    if (out.count() == before && catalogKnown) {
      managedMismatch(m, out, pushApp);
    }
  }

  /** The handbook's naming convention, which depends on what the group does. */
  private void convention(GroupManifest m, Optional<OrgConfig.AppDef> pushApp, Findings out) {
    String name = m.name();
    String first = name.substring(0, name.indexOf('.') < 0 ? name.length() : name.indexOf('.'));
    OrgConfig.Naming nm = config.naming();
    boolean pushed = m.push().isPresent() || m.doc().root().has("push");
    boolean assigned = !m.apps().isEmpty();

    if (pushed) {
      pushName(m, pushApp, out);
    } else if (assigned) {
      appName(m, first, out);
    } else if (first.equals(nm.pushPrefix())) {
      out.at(
          Rule.NAME_CONVENTION,
          "/name",
          "names starting with '"
              + nm.pushPrefix()
              + ".' are for push groups, but this group has no 'push:'",
          "Add 'push: {app: <app>}', or rename the group.");
    } else if (first.equals(nm.appPrefix())) {
      out.at(
          Rule.NAME_APP_WITHOUT_APPS,
          "/name",
          "'" + name + "' is named like an app-assignment group but is assigned to no app",
          "Add 'apps: [<app>]', or rename the group.");
    } else if (m.kind().isPresent() && catalogKnown) {
      byKind(m, first, out);
    }
  }

  /** Push groups are named {@code <pushPrefix>.<app prefix>.<what>}. */
  private void pushName(GroupManifest m, Optional<OrgConfig.AppDef> pushApp, Findings out) {
    String name = m.name();
    OrgConfig.Naming nm = config.naming();
    if (pushApp.isPresent()) {
      String head = nm.pushPrefix() + "." + pushApp.get().prefix() + ".";
      if (!name.startsWith(head) || name.length() == head.length()) {
        out.at(
            Rule.NAME_CONVENTION,
            "/name",
            "push groups are named "
                + head
                + "<what>: '"
                + name
                + "' does not start with '"
                + head
                + "'",
            "Rename to '" + head + stripRolePrefix(name, nm) + "' (and the file to match).");
      }
    }
  }

  /** App-assignment groups are named {@code <appPrefix>.<system>.<role>}. */
  private void appName(GroupManifest m, String first, Findings out) {
    String name = m.name();
    OrgConfig.Naming nm = config.naming();
    if (!first.equals(nm.appPrefix()) || !name.contains(".")) {
      out.at(
          Rule.NAME_CONVENTION,
          "/name",
          "app-assignment groups are named "
              + nm.appPrefix()
              + ".<system>.<role>: '"
              + name
              + "' does not start with '"
              + nm.appPrefix()
              + ".'",
          "Rename to '"
              + nm.appPrefix()
              + "."
              + stripRolePrefix(name, nm)
              + "' (and the file to match).");
    }
  }

  /** Attribute-style names belong to managed groups, and only managed groups. */
  private void byKind(GroupManifest m, String first, Findings out) {
    OrgConfig.Naming nm = config.naming();
    boolean attributeStyle = config.attributeByShortname(first).isPresent();
    if (m.kind().get() == Kind.MANAGED) {
      if (nm.rejectedPrefixes().contains(first)) {
        out.at(
            Rule.NAME_REJECTED_PREFIX,
            "/name",
            "the handbook rejects the '" + first + ".' prefix for managed groups",
            "Name managed groups after their attributes: " + shortnames() + ".");
      } else if (!attributeStyle) {
        out.at(
            Rule.NAME_CONVENTION,
            "/name",
            "managed groups are named <attribute>.<value>, starting with an attribute shortname;"
                + " '"
                + first
                + "' is not one",
            "Start the name with one of: " + shortnames() + ", e.g. div.security.");
      }
    } else if (attributeStyle) {
      out.at(
          Rule.NAME_CONVENTION,
          "/name",
          "attribute-style names ('"
              + first
              + ".…') are reserved for managed groups, which never have named members",
          "Name "
              + m.kind().get().label()
              + " groups for their purpose: "
              + nm.appPrefix()
              + ".<system>.… or "
              + nm.pushPrefix()
              + ".<app>.….");
    }
  }

  /** The group rule takes the group's name, and Okta limits rule names. */
  private void ruleNameLength(GroupManifest m, Findings out) {
    OrgConfig.Naming nm = config.naming();
    boolean ruleDriven = m.kind().map(k -> k != Kind.MANUAL).orElse(false);
    String ruleName = Derived.ruleName(m.name());
    if (ruleDriven && ruleName.length() > nm.ruleNameMax()) {
      out.at(
          Rule.NAME_RULE_TOO_LONG,
          "/name",
          "the group rule is named after the group, and Okta rejects rule names over "
              + nm.ruleNameMax()
              + " characters; this one has "
              + ruleName.length(),
          "Shorten the name by "
              + (ruleName.length() - nm.ruleNameMax())
              + " characters; use common abbreviations and explain them in the description.");
    }
  }

  /** Warns when a simple selector's canonical name differs from the one chosen. */
  private void managedMismatch(GroupManifest m, Findings out, Optional<OrgConfig.AppDef> pushApp) {
    if (m.rule().isEmpty()
        || m.kind().isEmpty()
        || m.kind().get() == Kind.MANUAL
        || !m.apps().isEmpty()) {
      return;
    }
    if (m.kind().get() == Kind.HYBRID && m.push().isEmpty()) {
      return;
    }
    Optional<String> canonical = canonicalName(m.rule().get());
    if (canonical.isEmpty()) {
      return;
    }
    String expected =
        pushApp
            .map(a -> config.naming().pushPrefix() + "." + a.prefix() + "." + canonical.get())
            .orElse(canonical.get());
    if (m.push().isPresent() && pushApp.isEmpty()) {
      return;
    }
    if (!m.name().equals(expected) && NAME.matcher(m.name()).matches()) {
      out.at(
          Rule.NAME_MANAGED_MISMATCH,
          "/name",
          "the selector selects '" + expected + "', but the group is named '" + m.name() + "'",
          "Rename to '"
              + expected
              + "' so the name says who is in it, or keep the name if it is deliberate.");
    }
  }

  /**
   * The handbook name of a flat conjunction of single-valued equalities: the first attribute's
   * shortname, then every value in catalog order ({@code div.security.manager.us}).
   */
  Optional<String> canonicalName(Selector s) {
    List<Selector.Match> matches = new ArrayList<>();
    if (s instanceof Selector.Match one) {
      matches.add(one);
    } else if (s instanceof Selector.All all) {
      for (Selector i : all.items()) {
        if (!(i instanceof Selector.Match mm)) {
          return Optional.empty();
        }
        matches.add(mm);
      }
    } else {
      return Optional.empty();
    }
    List<String> order = new ArrayList<>(config.attributes().keySet());
    for (Selector.Match mm : matches) {
      if (mm.op() != Selector.Op.EQUALS
          || mm.values().size() != 1
          || !order.contains(mm.attribute())) {
        return Optional.empty();
      }
      // Only a valid selector has a canonical name; an invalid one is reported on its own.
      OrgConfig.AttributeDef def = config.attributes().get(mm.attribute());
      String v = mm.values().get(0);
      if (Derived.segment(v).isEmpty() || (!def.values().isEmpty() && !def.values().contains(v))) {
        return Optional.empty();
      }
    }
    matches.sort(
        (a, b) -> Integer.compare(order.indexOf(a.attribute()), order.indexOf(b.attribute())));
    StringBuilder sb =
        new StringBuilder(config.attributes().get(matches.get(0).attribute()).shortname());
    for (Selector.Match mm : matches) {
      sb.append('.').append(Derived.segment(mm.values().get(0)));
    }
    return Optional.of(sb.toString());
  }

  private String shortnames() {
    List<String> s = new ArrayList<>();
    for (OrgConfig.AttributeDef a : config.attributes().values()) {
      s.add(a.shortname() + ".");
    }
    return String.join(", ", s);
  }

  private static String stripRolePrefix(String name, OrgConfig.Naming nm) {
    String n = name;
    for (String p : List.of(nm.pushPrefix() + ".", nm.appPrefix() + ".")) {
      if (n.startsWith(p)) {
        n = n.substring(p.length());
      }
    }
    return n;
  }

  private static String formatHint(String name) {
    String suggestion =
        name.toLowerCase(Locale.ROOT)
            .replaceAll("[\\s\\-]+", "_")
            .replaceAll("[^a-z0-9_.]", "")
            .replaceAll("\\.{2,}", ".")
            .replaceAll("^\\.|\\.$", "");
    List<String> why = new ArrayList<>();
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      why.add("use lowercase");
    }
    if (name.contains("-")) {
      why.add("use '_' instead of '-'");
    }
    if (name.contains(" ")) {
      why.add("use '_' instead of spaces");
    }
    if (name.contains("..") || name.startsWith(".") || name.endsWith(".")) {
      why.add("no empty segments between dots");
    }
    String reasons = why.isEmpty() ? "use only a-z, 0-9, '_' and '.'" : String.join(", ", why);
    return "Names are lowercase words separated by dots: "
        + reasons
        + (suggestion.isEmpty()
            ? "."
            : ". Try '" + suggestion + "' (and rename the file to match).");
  }
}
