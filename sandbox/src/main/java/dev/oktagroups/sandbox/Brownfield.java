package dev.oktagroups.sandbox;

import dev.oktagroups.sandbox.org.App;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.Rule;
import dev.oktagroups.sandbox.org.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * An org as years of console work leave it, on top of a seeded one: groups of every shape an import
 * meets, with rules in the console's style and typed by hand, exclusions, direct members, app
 * assignments with priorities and profiles, push mappings with unconventional downstream names, and
 * a group with several rules to merge, and a few groups no import can take. {@code extra} adds that
 * many more plain groups, for scale.
 */
final class Brownfield {
  private Brownfield() {}

  /** The groups created, by kind of shape, for a banner. */
  record Result(int groups, int rules, int unimportable) {}

  // One long method on purpose: it reads top to bottom as the org an admin left behind, one block
  // per shape that the import meets, and splitting it would scatter that story.
  static Result apply(Org org, long seed, int extra) {
    Random rnd = new Random(seed);
    List<User> active =
        org.allUsers().stream().filter(u -> u.status() == User.Status.ACTIVE).toList();
    Optional<App> slack = app(org, "Slack");
    Optional<App> google = app(org, "Google Workspace");
    Optional<App> zoom = app(org, "Zoom");
    Optional<App> figma = app(org, "Figma");
    int groups = 0;
    int rules = 0;

    // Managed, console basic builder: no spaces; a name with a space and capitals.
    Group eng = group(org, "Engineering Team", "Everyone in Engineering (console rule)");
    rule(org, "Engineering dept", "user.department==\"Engineering\"", eng, List.of());
    groups++;
    rules++;

    // Managed, typed by hand, with && and || and exclusions; a name with a slash.
    Group emea = group(org, "sales/emea", "Sales in the EMEA countries");
    String emeaRule =
        "(user.countryCode == 'GB' || user.countryCode == 'DE' || user.countryCode == 'FR')"
            + " && user.division == 'Sales'";
    List<User> emeaPeople =
        pick(active, u -> "Sales".equals(u.profile().get("division")) && isEmea(u), 2, rnd);
    rule(org, "EMEA sales", emeaRule, emea, emeaPeople.stream().map(User::id).toList());
    groups++;
    rules++;

    // Hybrid: a rule on the user type plus direct exceptions; assigned to Zoom.
    Group sec = group(org, "Security-Contractors", "Security division contractors, and helpers");
    rule(
        org,
        "Security contractors",
        "user.division == \"Security\" AND user.userType == \"Contractor\"",
        sec,
        List.of());
    for (User u : pick(active, u -> !"Security".equals(u.profile().get("division")), 2, rnd)) {
      org.addMember(sec.id(), u.id());
    }
    zoom.ifPresent(a -> org.assign(a.id(), sec.id(), 3, Map.of("licenseType", "Pro")));
    groups++;
    rules++;

    // Managed, pushed to Slack under a downstream name that is not the conventional one.
    Group us = group(org, "All Staff US", "Everyone in the US");
    rule(org, "US staff", "user.countryCode=='US' AND !(user.userType=='Intern')", us, List.of());
    slack.ifPresent(a -> org.createMapping(a.id(), us.id(), null, "all-staff-us", "ACTIVE"));
    groups++;
    rules++;

    // Manual: direct members only, assigned to Figma with a role; the excluded EMEA people are
    // here too, so an import can name them by login.
    Group design = group(org, "Design Leads", "Design leads with Figma admin");
    for (User u : pick(active, u -> true, 3, rnd)) {
      org.addMember(design.id(), u.id());
    }
    emeaPeople.forEach(u -> org.addMember(design.id(), u.id()));
    figma.ifPresent(a -> org.assign(a.id(), design.id(), 0, Map.of("role", "admin")));
    groups++;

    // Both assigned and pushed, against the handbook: a rule with startsWith and a list.
    Group product = group(org, "product-all", "Product and marketing people");
    rule(
        org,
        "Product all",
        "String.startsWith(user.department,\"Product\") OR user.department == 'UX'",
        product,
        List.of());
    google.ifPresent(
        a -> org.createMapping(a.id(), product.id(), null, "product-all@example.com", "ACTIVE"));
    zoom.ifPresent(a -> org.assign(a.id(), product.id(), 1, Map.of()));
    groups++;
    rules++;

    // Not importable: group membership in the rule; an inactive rule; one rule, two groups.
    Group leads = group(org, "Eng Managers", "Managers who are in Engineering Team");
    rule(
        org,
        "Eng managers",
        "isMemberOfAnyGroup(\"" + eng.id() + "\") AND user.managementLevel == \"Manager\"",
        leads,
        List.of());
    Group dormant = group(org, "Dormant Finance", "Finance, rule switched off");
    org.createRule(
        new Org.RuleSpec(
            "Finance dormant",
            "urn:okta:expression:1.0",
            "user.division == \"Finance\"",
            List.of(dormant.id()),
            List.of()));
    Group shareA = group(org, "Legal North", "Legal, shared rule A");
    Group shareB = group(org, "Legal South", "Legal, shared rule B");
    Rule shared =
        org.createRule(
            new Org.RuleSpec(
                "Legal both",
                "urn:okta:expression:1.0",
                "user.division == \"Legal\"",
                List.of(shareA.id(), shareB.id()),
                List.of()));
    org.activateRule(shared.id());
    groups += 4;
    rules += 3;

    // Several rules on one group, one from the console and one typed by hand, excluding the same
    // people: an import merges them into one any: selector.
    Group europe = group(org, "Sales Europe", "Sales in the UK, Germany and France");
    List<String> notEurope = emeaPeople.stream().map(User::id).toList();
    rule(
        org,
        "Sales UK",
        "user.division==\"Sales\" AND user.countryCode==\"GB\"",
        europe,
        notEurope);
    rule(
        org,
        "Sales DE and FR",
        "user.division == 'Sales' && (user.countryCode == 'DE' || user.countryCode == 'FR')",
        europe,
        notEurope);
    groups++;
    rules += 2;

    // Not importable: a group with a rule of its own and one it shares with another group.
    Group financeOps = group(org, "Finance Ops", "Accounting and procurement operations");
    rule(org, "Finance ops", "user.department == \"Accounting Operations\"", financeOps, List.of());
    Group procurement = group(org, "Procurement Desk", "Procurement, shared rule");
    Rule both =
        org.createRule(
            new Org.RuleSpec(
                "Procurement both",
                "urn:okta:expression:1.0",
                "user.department==\"Procurement\"",
                List.of(financeOps.id(), procurement.id()),
                List.of()));
    org.activateRule(both.id());
    groups += 2;
    rules += 2;

    // Scale: plain manual groups with a few direct members each.
    for (int i = 0; i < extra; i++) {
      Group g = group(org, String.format("Team %05d", i), "Team " + i + " (console group)");
      for (int k = 0; k < 3 && !active.isEmpty(); k++) {
        org.addMember(g.id(), active.get(rnd.nextInt(active.size())).id());
      }
    }
    return new Result(groups + extra, rules, 6);
  }

  private static boolean isEmea(User u) {
    Object c = u.profile().get("countryCode");
    return "GB".equals(c) || "DE".equals(c) || "FR".equals(c);
  }

  private static Group group(Org org, String name, String description) {
    return org.createGroup(Map.of("name", name, "description", description));
  }

  private static void rule(Org org, String name, String expr, Group g, List<String> excluded) {
    Rule r =
        org.createRule(
            new Org.RuleSpec(name, "urn:okta:expression:1.0", expr, List.of(g.id()), excluded));
    org.activateRule(r.id());
  }

  private static List<User> pick(List<User> from, Predicate<User> p, int n, Random rnd) {
    List<User> matching = new ArrayList<>(from.stream().filter(p).toList());
    List<User> out = new ArrayList<>();
    while (out.size() < n && !matching.isEmpty()) {
      out.add(matching.remove(rnd.nextInt(matching.size())));
    }
    return out;
  }

  private static Optional<App> app(Org org, String label) {
    return org.allApps().stream().filter(a -> label.equals(a.label())).findFirst();
  }
}
