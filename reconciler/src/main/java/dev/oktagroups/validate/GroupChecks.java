package dev.oktagroups.validate;

import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.AppRef;
import dev.oktagroups.manifest.Derived;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.Kind;
import dev.oktagroups.manifest.Member;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.Push;
import dev.oktagroups.manifest.Selector;
import dev.oktagroups.manifest.YamlDoc;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The semantic rules that look at one manifest: kind consistency, naming, selectors, apps, push,
 * members and owners. Every rule runs; none stops the others.
 */
final class GroupChecks {
  static final Pattern NAME = Pattern.compile("^[a-z0-9_]+(\\.[a-z0-9_]+)*$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern GOOGLE_LOCAL = Pattern.compile("^[a-z0-9._'\\-]+$");

  private final OrgConfig config;
  private final LocalDate today;
  private final boolean catalogKnown;
  private final Optional<Pattern> requestPattern;

  /**
   * @param catalogKnown false when okta-groups.yaml is missing or unreadable: then the checks that
   *     need the attribute and app catalogs are skipped instead of flagging everything unknown
   */
  GroupChecks(OrgConfig config, LocalDate today, boolean catalogKnown) {
    this.config = config;
    this.today = today;
    this.catalogKnown = catalogKnown;
    Optional<Pattern> p;
    try {
      p = config.members().requestPattern().map(Pattern::compile);
    } catch (PatternSyntaxException e) {
      p = Optional.empty(); // reported once against okta-groups.yaml
    }
    this.requestPattern = p;
  }

  List<Diagnostic> check(GroupManifest m) {
    Out out = new Out(m.doc());
    kind(m, out);
    name(m, out);
    if (catalogKnown) {
      m.rule().ifPresent(r -> selector(r, out));
      apps(m, out);
      push(m, out);
    }
    members(m, out);
    return out.list;
  }

  /** Collects findings for one file, resolving pointers to positions. */
  private static final class Out {
    final YamlDoc doc;
    final List<Diagnostic> list = new ArrayList<>();

    Out(YamlDoc doc) {
      this.doc = doc;
    }

    void at(Rule rule, String pointer, String message, String hint) {
      list.add(Diagnostic.of(rule, doc.valueRef(pointer), message, hint));
    }

    void atKey(Rule rule, String pointer, String message, String hint) {
      list.add(Diagnostic.of(rule, doc.keyRef(pointer), message, hint));
    }
  }

  // ---- kind -------------------------------------------------------------------------------

  private void kind(GroupManifest m, Out out) {
    if (m.kind().isEmpty()) {
      return; // missing or misspelt kind is a schema finding
    }
    Kind k = m.kind().get();
    boolean hasMembers = m.doc().root().has("members");
    switch (k) {
      case MANAGED -> {
        if (m.rule().isEmpty() && !m.doc().root().has("rule")) {
          out.atKey(Rule.KIND_RULE_REQUIRED, "/kind",
              "managed group has no rule: its members come only from HR attributes",
              "Add 'rule:' with the attributes that define membership, e.g. rule: {division: Security}.");
        }
        if (hasMembers) {
          out.atKey(Rule.KIND_MANAGED_MEMBERS, "/members",
              "managed groups never take manual additions: membership comes only from the rule",
              "If a few people must be added by hand, change 'kind: managed' to 'kind: hybrid' "
                  + "(a rule plus named exceptions); otherwise delete 'members:' and fix the attributes in Workday.");
        }
      }
      case HYBRID -> {
        if (m.rule().isEmpty() && !m.doc().root().has("rule")) {
          out.atKey(Rule.KIND_RULE_REQUIRED, "/kind",
              "hybrid group has no rule: a hybrid group is a rule plus named exceptions",
              "Add 'rule:' with the attributes that define most members, or use 'kind: manual' if none do.");
        }
        if (m.members().isEmpty() && (!hasMembers || m.doc().root().path("members").isEmpty())) {
          out.atKey(Rule.KIND_HYBRID_NO_EXCEPTIONS, hasMembers ? "/members" : "/kind",
              "hybrid group lists no exceptions",
              "Add the people the rule does not cover under 'members:', or use 'kind: managed' if the rule covers everyone.");
        }
      }
      case MANUAL -> {
        if (m.doc().root().has("rule")) {
          out.atKey(Rule.KIND_MANUAL_RULE, "/rule",
              "manual groups have no rule: every member is named",
              "Use 'kind: hybrid' for a rule plus named exceptions, or 'kind: managed' for a rule alone.");
        }
        if (!hasMembers || m.doc().root().path("members").isEmpty()) {
          out.atKey(Rule.KIND_MANUAL_NO_MEMBERS, hasMembers ? "/members" : "/kind",
              "manual group lists no members",
              "Add members through access requests, or delete the group if it is no longer needed.");
        }
      }
    }
  }

  // ---- names ------------------------------------------------------------------------------

  private void name(GroupManifest m, Out out) {
    String name = m.name();
    if (name.isEmpty()) {
      return;
    }
    if (!name.equals(m.fileStem())) {
      out.at(Rule.NAME_FILE_MISMATCH, "/name",
          "name '" + name + "' differs from the file name '" + m.fileStem() + ".yaml'",
          "Rename the file to '" + name + ".yaml', or change the name to '" + m.fileStem() + "'.");
    }
    if (!NAME.matcher(name).matches()) {
      out.at(Rule.NAME_FORMAT, "/name",
          "name '" + name + "' is not lowercase words separated by dots",
          formatHint(name));
      return;
    }
    int before = out.list.size();
    String first = name.substring(0, name.indexOf('.') < 0 ? name.length() : name.indexOf('.'));
    OrgConfig.Naming nm = config.naming();
    boolean pushed = m.push().isPresent() || m.doc().root().has("push");
    boolean assigned = !m.apps().isEmpty();
    Optional<OrgConfig.AppDef> pushApp = m.push().map(Push::app).map(config.apps()::get);

    if (pushed) {
      if (pushApp.isPresent()) {
        String head = nm.pushPrefix() + "." + pushApp.get().prefix() + ".";
        if (!name.startsWith(head) || name.length() == head.length()) {
          out.at(Rule.NAME_CONVENTION, "/name",
              "push groups are named " + head + "<what>: '" + name + "' does not start with '" + head + "'",
              "Rename to '" + head + stripRolePrefix(name, nm) + "' (and the file to match).");
        }
      }
    } else if (assigned) {
      if (!first.equals(nm.appPrefix()) || !name.contains(".")) {
        out.at(Rule.NAME_CONVENTION, "/name",
            "app-assignment groups are named " + nm.appPrefix() + ".<system>.<role>: '" + name + "' does not start with '" + nm.appPrefix() + ".'",
            "Rename to '" + nm.appPrefix() + "." + stripRolePrefix(name, nm) + "' (and the file to match).");
      }
    } else if (first.equals(nm.pushPrefix())) {
      out.at(Rule.NAME_CONVENTION, "/name",
          "names starting with '" + nm.pushPrefix() + ".' are for push groups, but this group has no 'push:'",
          "Add 'push: {app: <app>}', or rename the group.");
    } else if (first.equals(nm.appPrefix())) {
      out.at(Rule.NAME_APP_WITHOUT_APPS, "/name",
          "'" + name + "' is named like an app-assignment group but is assigned to no app",
          "Add 'apps: [<app>]', or rename the group.");
    } else if (m.kind().isPresent() && catalogKnown) {
      boolean attributeStyle = config.attributeByShortname(first).isPresent();
      if (m.kind().get() == Kind.MANAGED) {
        if (nm.rejectedPrefixes().contains(first)) {
          out.at(Rule.NAME_REJECTED_PREFIX, "/name",
              "the handbook rejects the '" + first + ".' prefix for managed groups",
              "Name managed groups after their attributes: " + shortnames() + ".");
        } else if (!attributeStyle) {
          out.at(Rule.NAME_CONVENTION, "/name",
              "managed groups are named <attribute>.<value>, starting with an attribute shortname; '" + first + "' is not one",
              "Start the name with one of: " + shortnames() + ", e.g. div.security.");
        }
      } else if (attributeStyle) {
        out.at(Rule.NAME_CONVENTION, "/name",
            "attribute-style names ('" + first + ".…') are reserved for managed groups, which never have named members",
            "Name " + m.kind().get().label() + " groups for their purpose: " + nm.appPrefix() + ".<system>.… or "
                + nm.pushPrefix() + ".<app>.….");
      }
    }

    boolean ruleDriven = m.kind().map(k -> k != Kind.MANUAL).orElse(false);
    String ruleName = Derived.ruleName(name);
    if (ruleDriven && ruleName.length() > nm.ruleNameMax()) {
      out.at(Rule.NAME_RULE_TOO_LONG, "/name",
          "the group rule is named after the group, and Okta rejects rule names over " + nm.ruleNameMax()
              + " characters; this one has " + ruleName.length(),
          "Shorten the name by " + (ruleName.length() - nm.ruleNameMax()) + " characters; use common abbreviations and explain them in the description.");
    }
    if (out.list.size() == before && catalogKnown) {
      managedMismatch(m, out, pushApp); // only when the name is otherwise fine: one problem, one finding
    }
  }

  /** Warns when a simple selector's canonical name differs from the one chosen. */
  private void managedMismatch(GroupManifest m, Out out, Optional<OrgConfig.AppDef> pushApp) {
    if (m.rule().isEmpty() || m.kind().isEmpty() || m.kind().get() == Kind.MANUAL || !m.apps().isEmpty()) {
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
        pushApp.map(a -> config.naming().pushPrefix() + "." + a.prefix() + "." + canonical.get()).orElse(canonical.get());
    if (m.push().isPresent() && pushApp.isEmpty()) {
      return;
    }
    if (!m.name().equals(expected) && NAME.matcher(m.name()).matches()) {
      out.at(Rule.NAME_MANAGED_MISMATCH, "/name",
          "the selector selects '" + expected + "', but the group is named '" + m.name() + "'",
          "Rename to '" + expected + "' so the name says who is in it, or keep the name if it is deliberate.");
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
      if (mm.op() != Selector.Op.EQUALS || mm.values().size() != 1 || !order.contains(mm.attribute())) {
        return Optional.empty();
      }
      // Only a valid selector has a canonical name; an invalid one is reported on its own.
      OrgConfig.AttributeDef def = config.attributes().get(mm.attribute());
      String v = mm.values().get(0);
      if (Derived.segment(v).isEmpty() || (!def.values().isEmpty() && !def.values().contains(v))) {
        return Optional.empty();
      }
    }
    matches.sort((a, b) -> Integer.compare(order.indexOf(a.attribute()), order.indexOf(b.attribute())));
    StringBuilder sb = new StringBuilder(config.attributes().get(matches.get(0).attribute()).shortname());
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
    return "Names are lowercase words separated by dots: " + reasons
        + (suggestion.isEmpty() ? "." : ". Try '" + suggestion + "' (and rename the file to match).");
  }

  // ---- selectors --------------------------------------------------------------------------

  private void selector(Selector s, Out out) {
    if (s instanceof Selector.All a) {
      a.items().forEach(i -> selector(i, out));
    } else if (s instanceof Selector.Any a) {
      a.items().forEach(i -> selector(i, out));
    } else if (s instanceof Selector.Not n) {
      selector(n.inner(), out);
    } else if (s instanceof Selector.Match mm) {
      match(mm, out);
    }
  }

  private void match(Selector.Match mm, Out out) {
    OrgConfig.AttributeDef def = config.attributes().get(mm.attribute());
    if (def == null) {
      String hint = Suggest.didYouMean(mm.attribute(), config.attributes().keySet());
      Optional<String> byShort =
          config.attributes().entrySet().stream()
              .filter(e -> e.getValue().shortname().equals(mm.attribute()) || e.getValue().okta().equals(mm.attribute()))
              .map(Map.Entry::getKey)
              .findFirst();
      if (byShort.isPresent()) {
        hint = "Selectors use the catalog key: write '" + byShort.get() + "' instead of '" + mm.attribute() + "'. ";
      }
      out.atKey(Rule.SELECTOR_UNKNOWN_ATTRIBUTE, mm.pointer(),
          "unknown attribute '" + mm.attribute() + "'",
          hint + "Attributes in the catalog: " + String.join(", ", config.attributes().keySet()) + ".");
      return;
    }
    boolean list = mm.values().size() > 1 || isListNode(out, mm);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < mm.values().size(); i++) {
      String v = mm.values().get(i);
      String ptr = valuePointer(out, mm, i, list);
      if (v.isBlank()) {
        out.at(Rule.SELECTOR_EMPTY_VALUE, ptr,
            "empty value for '" + mm.attribute() + "'",
            "Write the value to compare with; to match users without the attribute, ask CorpSec to fix the data in Workday.");
        continue;
      }
      if (!seen.add(v)) {
        out.at(Rule.SELECTOR_DUPLICATE_VALUE, ptr,
            "value '" + v + "' is listed twice for '" + mm.attribute() + "'",
            "Remove the repeated value.");
        continue;
      }
      if (v.indexOf('"') >= 0 && v.indexOf('\'') >= 0) {
        out.at(Rule.SELECTOR_UNQUOTABLE, ptr,
            "value contains both ' and \", which Okta's expression language cannot quote",
            "Match on a part of the value without one of the quotes, e.g. with {contains: …}.");
        continue;
      }
      if (!def.values().isEmpty()) {
        boolean ok = switch (mm.op()) {
          case EQUALS -> def.values().contains(v);
          case STARTS_WITH -> def.values().stream().anyMatch(a -> a.startsWith(v));
          case CONTAINS -> def.values().stream().anyMatch(a -> a.contains(v));
        };
        if (!ok) {
          String what = switch (mm.op()) {
            case EQUALS -> "'" + v + "' is not an allowed value";
            case STARTS_WITH -> "no allowed value starts with '" + v + "'";
            case CONTAINS -> "no allowed value contains '" + v + "'";
          };
          out.at(Rule.SELECTOR_UNKNOWN_VALUE, ptr,
              what + " of '" + mm.attribute() + "'",
              Suggest.didYouMean(v, def.values()) + "Values are case-sensitive. Allowed: "
                  + abbreviate(def.values()) + ". New values are added to okta-groups.yaml.");
        }
      }
    }
  }

  private static boolean isListNode(Out out, Selector.Match mm) {
    com.fasterxml.jackson.databind.JsonNode n = out.doc.root().at(mm.pointer());
    return n.isArray() || (n.isObject() && n.elements().hasNext() && n.elements().next().isArray());
  }

  private static String valuePointer(Out out, Selector.Match mm, int i, boolean list) {
    String base = mm.op() == Selector.Op.EQUALS ? mm.pointer() : YamlDoc.child(mm.pointer(), mm.op().yamlKey());
    return list ? YamlDoc.child(base, i) : base;
  }

  private static String abbreviate(List<String> values) {
    if (values.size() <= 12) {
      return String.join(", ", values);
    }
    return String.join(", ", values.subList(0, 12)) + ", … (" + values.size() + " in all)";
  }

  // ---- apps and push ----------------------------------------------------------------------

  private void apps(GroupManifest m, Out out) {
    Set<String> seen = new HashSet<>();
    for (AppRef a : m.apps()) {
      String ptr = m.doc().root().at(a.pointer()).isTextual() ? a.pointer() : a.pointer() + "/app";
      if (!seen.add(a.app())) {
        out.at(Rule.APPS_DUPLICATE, ptr, "app '" + a.app() + "' is listed twice", "Remove the repeated entry.");
        continue;
      }
      if (!config.apps().containsKey(a.app())) {
        out.at(Rule.APPS_UNKNOWN, ptr,
            "app '" + a.app() + "' is not in the app catalog",
            Suggest.didYouMean(a.app(), config.apps().keySet()) + "Apps in okta-groups.yaml: "
                + String.join(", ", new java.util.TreeSet<>(config.apps().keySet())) + ".");
      }
    }
    if (!m.apps().isEmpty() && m.doc().root().has("push")) {
      out.atKey(Rule.PUSH_AND_APPS, "/push",
          "a group is never both assigned to apps and pushed (Okta does not support it either)",
          "Split it in two: app." + "<system>.… for the assignment and push.<app>.… for the push group.");
    }
  }

  private void push(GroupManifest m, Out out) {
    if (m.push().isEmpty()) {
      return;
    }
    Push p = m.push().get();
    OrgConfig.AppDef app = config.apps().get(p.app());
    if (app == null) {
      out.at(Rule.PUSH_UNKNOWN_APP, "/push/app",
          "push app '" + p.app() + "' is not in the app catalog",
          Suggest.didYouMean(p.app(), config.apps().keySet()) + "Push-capable apps: " + pushApps() + ".");
      return;
    }
    if (!app.push()) {
      boolean gitlab = p.app().equals("gitlab") || app.label().toLowerCase(Locale.ROOT).contains("gitlab");
      out.at(Rule.PUSH_UNSUPPORTED, "/push/app",
          gitlab
              ? "gitlab.com is not supported for syncing user groups from Okta"
              : "app '" + p.app() + "' does not support group push",
          (gitlab ? "Grant GitLab access by app assignment instead: apps: [" + p.app() + "]. " : "")
              + "Push-capable apps: " + pushApps() + ".");
      return;
    }
    if (p.email().isPresent() && app.pushType() != OrgConfig.PushType.GOOGLE) {
      out.at(Rule.PUSH_EMAIL_NOT_GOOGLE, "/push/email",
          "'email' applies to Google groups only; '" + p.app() + "' is not Google Workspace",
          "Remove 'email'; use 'target' to name the downstream group.");
    }
    if (app.pushType() == OrgConfig.PushType.GOOGLE) {
      String target = Derived.pushTarget(m, app, config.naming());
      int max = config.naming().googleNameMax();
      if (target.length() > max) {
        out.at(Rule.PUSH_GOOGLE_NAME, p.target().isPresent() ? "/push/target" : "/name",
            "the Google group name '" + target + "' has " + target.length() + " characters; Google allows " + max,
            "Shorten the group name, or set a shorter 'push.target'.");
      }
      Optional<String> email = Derived.pushEmail(m, app, config.naming());
      if (email.isPresent()) {
        String e = email.get();
        String ptr = p.email().isPresent() ? "/push/email" : "/name";
        int at = e.lastIndexOf('@');
        String local = at < 0 ? e : e.substring(0, at);
        String domain = at < 0 ? "" : e.substring(at + 1);
        if (!EMAIL.matcher(e).matches() || local.length() > 64 || !GOOGLE_LOCAL.matcher(local).matches()) {
          out.at(Rule.PUSH_GOOGLE_EMAIL, ptr,
              "'" + e + "' is not a valid Google group address",
              "Google addresses use at most 64 of a-z, 0-9, '.', '_', '-' and ''' before the @.");
        } else if (app.emailDomain().isPresent() && !domain.equals(app.emailDomain().get())) {
          out.at(Rule.PUSH_GOOGLE_EMAIL, ptr,
              "'" + e + "' is outside " + app.emailDomain().get() + ", the domain Okta pushes to",
              "Use an address ending in @" + app.emailDomain().get() + ".");
        }
      }
    }
  }

  private String pushApps() {
    List<String> l = new ArrayList<>();
    config.apps().forEach((k, v) -> {
      if (v.push()) {
        l.add(k);
      }
    });
    l.sort(null);
    return l.isEmpty() ? "none configured" : String.join(", ", l);
  }

  // ---- members and owners -----------------------------------------------------------------

  private void members(GroupManifest m, Out out) {
    Map<String, Integer> seen = new HashMap<>();
    for (Member mem : m.members()) {
      String userPtr = mem.pointer() + "/user";
      String key = mem.user().toLowerCase(Locale.ROOT);
      if (!EMAIL.matcher(mem.user()).matches()) {
        out.at(Rule.MEMBERS_INVALID_EMAIL, userPtr,
            "'" + mem.user() + "' is not an email address",
            "Write the person's Okta login or email, e.g. pat.lee@example.com.");
      } else if (seen.containsKey(key)) {
        out.at(Rule.MEMBERS_DUPLICATE, userPtr,
            "'" + mem.user() + "' is listed twice (first as entry " + (seen.get(key) + 1) + ")",
            "Keep one entry; if the second has a later expiry, move that date to the first.");
      } else {
        seen.put(key, Integer.parseInt(mem.pointer().substring(mem.pointer().lastIndexOf('/') + 1)));
      }
      if (mem.request().isEmpty() && config.members().requireRequest()) {
        out.atKey(Rule.MEMBERS_REQUEST_REQUIRED, m.doc().root().at(mem.pointer()).has("request") ? mem.pointer() + "/request" : userPtr,
            "member '" + mem.user() + "' has no access request",
            "Add 'request:' with the link to the approved access-request issue.");
      } else if (!mem.request().isEmpty() && requestPattern.isPresent()
          && !requestPattern.get().matcher(mem.request()).matches()) {
        out.at(Rule.MEMBERS_REQUEST_FORMAT, mem.pointer() + "/request",
            "request '" + mem.request() + "' does not match " + requestPattern.get().pattern(),
            "Link the approved issue in the access-request project.");
      }
      if (!mem.expiresText().isEmpty() && mem.expires().isEmpty()) {
        if (mem.expiresText().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
          out.at(Rule.MEMBERS_INVALID_DATE, mem.pointer() + "/expires",
              "expiry '" + mem.expiresText() + "' is not a real date",
              "Check the month and day; write the last day of access as YYYY-MM-DD.");
        }
      } else if (mem.expiredOn(today)) {
        out.at(Rule.MEMBERS_EXPIRED, mem.pointer() + "/expires",
            "access for '" + mem.user() + "' expired on " + mem.expiresText() + "; okta-groups removes expired members",
            "Delete this entry, or extend 'expires' with a new approved access request.");
      }
    }
  }
}
