package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.sandbox.org.Assignment;
import dev.oktagroups.sandbox.org.DownstreamGroup;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.testing.Cli;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's predicted impact equals what the sandbox shows after apply and rule evaluation, person
 * for person: group memberships, app access through groups, and downstream push groups.
 */
class ImpactE2ETest {
  @TempDir Path tmp;

  /** What people hold in the sandbox: members by group, apps by person, downstream members. */
  record Holdings(
      Map<String, Set<String>> members,
      Map<String, Set<String>> apps,
      Map<String, Set<String>> downstream) {}

  static Holdings holdings(E2E e) {
    Map<String, Set<String>> members = new TreeMap<>();
    Map<String, String> nameOf = new HashMap<>();
    for (Group g : e.sandbox.org().allGroups()) {
      nameOf.put(g.id(), g.name());
      if (g.name().equals("Everyone")) {
        continue;
      }
      Set<String> logins = new TreeSet<>();
      g.members().keySet().forEach(id -> logins.add(login(e.sandbox.org().user(id).login())));
      members.merge(g.name(), logins, (a, b) -> a); // an APP_GROUP may share a name
    }
    Map<String, String> appKey = new HashMap<>();
    e.config().apps().forEach((k, a) -> appKey.put(a.id(), k));
    Map<String, Set<String>> apps = new TreeMap<>();
    for (Assignment a : e.sandbox.org().allAssignments()) {
      Group g = e.sandbox.org().group(a.groupId());
      for (String id : g.members().keySet()) {
        apps.computeIfAbsent(appKey.get(a.appId()), k -> new TreeSet<>())
            .add(login(e.sandbox.org().user(id).login()));
      }
    }
    Map<String, Set<String>> downstream = new TreeMap<>();
    for (String appId : appKey.keySet()) {
      for (DownstreamGroup d : e.sandbox.org().downstream(appId)) {
        downstream.put(appKey.get(appId) + " " + d.email().orElse(d.name()), lower(d.members()));
      }
    }
    return new Holdings(members, apps, downstream);
  }

  /** Plans, applies, and checks the prediction against what the sandbox did. */
  static JsonNode predictApplyAndCompare(E2E e, String... applyFlags) {
    Holdings before = holdings(e);
    JsonNode plan = e.planJson(ExitCode.OK);
    assertFalse(plan.has("impactUnknown"), plan.path("impactUnknown").asText());
    String[] args = new String[applyFlags.length + 1];
    args[0] = "reconcile";
    System.arraycopy(applyFlags, 0, args, 1, applyFlags.length);
    Cli.Result r = e.run(args);
    assertEquals(ExitCode.OK, r.code(), r.toString());
    Holdings after = holdings(e);
    JsonNode impact = plan.get("impact");
    Map<String, JsonNode> byGroup = new HashMap<>();
    impact.forEach(g -> byGroup.put(g.get("group").asText(), g));
    Set<String> groups = new TreeSet<>(before.members().keySet());
    groups.addAll(after.members().keySet());
    for (String g : groups) {
      Set<String> b = before.members().getOrDefault(g, Set.of());
      Set<String> a = after.members().getOrDefault(g, Set.of());
      JsonNode predicted = byGroup.get(g);
      assertEquals(minus(a, b), set(predicted, "gains"), g + ": gains, predicted " + predicted);
      assertEquals(minus(b, a), set(predicted, "losses"), g + ": losses, predicted " + predicted);
    }
    Set<String> apps = new TreeSet<>(before.apps().keySet());
    apps.addAll(after.apps().keySet());
    for (String app : apps) {
      Set<String> b = before.apps().getOrDefault(app, Set.of());
      Set<String> a = after.apps().getOrDefault(app, Set.of());
      assertEquals(minus(a, b), appSide(impact, app, "gains"), app + ": who gains it");
      assertEquals(minus(b, a), appSide(impact, app, "losses"), app + ": who loses it");
    }
    Set<String> targets = new TreeSet<>(before.downstream().keySet());
    targets.addAll(after.downstream().keySet());
    for (String t : targets) {
      Set<String> b = before.downstream().getOrDefault(t, Set.of());
      Set<String> a = after.downstream().getOrDefault(t, Set.of());
      assertEquals(minus(a, b), pushSide(impact, t, "gains"), t + ": who joins downstream");
      assertEquals(minus(b, a), pushSide(impact, t, "losses"), t + ": who leaves downstream");
    }
    e.assertConverged();
    return impact;
  }

  @Test
  void aSelectorGainsAValue() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      String path = "groups/managed/div.sales.yaml";
      e.write(path, e.read(path).replace("division: Sales", "division: [Sales, Marketing]"));
      JsonNode impact = predictApplyAndCompare(e);
      assertFalse(group(impact, "div.sales").get("gains").isEmpty(), "marketing joins");
    }
  }

  @Test
  void aSelectorLosesAValue() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      String path = "groups/managed/div.sales.yaml";
      e.write(path, e.read(path).replace("division: Sales", "division: [Sales, Marketing]"));
      e.reconcile();
      e.write(path, e.read(path).replace("division: [Sales, Marketing]", "division: Sales"));
      JsonNode impact = predictApplyAndCompare(e);
      assertFalse(group(impact, "div.sales").get("losses").isEmpty(), "marketing leaves");
    }
  }

  @Test
  void anExceptionIsAddedAndOneExpires() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      String path = "groups/hybrid/push.slack.div.security.yaml";
      e.write(
          path, e.read(path).replace("issues/4102\n", "issues/4102\n    expires: 2026-12-10\n"));
      e.reconcile();
      e.at("2026-12-15");
      e.write(
          path,
          e.read(path)
              .replace(
                  "members:\n",
                  "members:\n  - user: pat.lee@example.com\n    reason: Incident commander rota\n"
                      + "    request: https://gitlab.example.com/access-requests/-/issues/5001\n"));
      JsonNode impact = predictApplyAndCompare(e);
      JsonNode g = group(impact, "push.slack.div.security");
      assertEquals(Set.of("pat.lee@example.com"), set(g, "gains"));
      assertEquals(Set.of("jordan.ames@example.com"), set(g, "losses"));
    }
  }

  @Test
  void aHybridGroupBecomesManaged() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      String path = "groups/hybrid/push.slack.div.security.yaml";
      String text = e.read(path).replace("kind: hybrid", "kind: managed");
      e.write(path, text.substring(0, text.indexOf("members:")) + "push:\n  app: slack\n");
      JsonNode impact = predictApplyAndCompare(e);
      assertEquals(
          Set.of("jordan.ames@example.com"),
          set(group(impact, "push.slack.div.security"), "losses"));
    }
  }

  @Test
  void aPushedGroupIsDeleted() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      Set<String> members = e.memberLogins("push.slack.dept.engineering");
      e.delete("groups/hybrid/push.slack.dept.engineering.yaml");
      JsonNode impact = predictApplyAndCompare(e, "--max-removals", "1000");
      assertEquals(members, set(group(impact, "push.slack.dept.engineering"), "losses"));
    }
  }

  @Test
  void aPersonKeepsAnAppThroughASecondGroup() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.write(
          "groups/manual/app.figma.editors.yaml",
          "name: app.figma.editors\nkind: manual\ndescription: Figma editors\n"
              + "owners: [\"@brand-design-leads\"]\nmembers:\n"
              + "  - user: drew.kim@example.com\n    reason: Design systems lead\n"
              + "    request: https://gitlab.example.com/access-requests/-/issues/3303\n"
              + "apps:\n  - app: figma\n    profile:\n      role: editor\n");
      e.reconcile();
      String path = "groups/manual/app.figma.admins.yaml";
      String text = e.read(path);
      int from = text.indexOf("  - user: drew.kim@example.com");
      int to = text.indexOf("  - user: jamie.park@example.com");
      e.write(path, text.substring(0, from) + text.substring(to));
      JsonNode impact = predictApplyAndCompare(e);
      JsonNode figma = group(impact, "app.figma.admins").get("apps").get(0);
      assertEquals("figma", figma.get("app").asText());
      assertTrue(figma.get("losses").isEmpty(), "drew keeps Figma: " + figma);
      assertEquals(
          "app.figma.editors", figma.get("kept").get("drew.kim@example.com").get(0).asText());
      Cli.Result text2 = e.run("plan");
      assertEquals(ExitCode.OK, text2.code(), text2.toString());
    }
  }

  @Test
  void entriesEndingSoonAreImpactOfTheirOwnAndLossesOnceTheirDayHasPassed() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.write(
          "groups/manual/app.figma.editors.yaml",
          "name: app.figma.editors\nkind: manual\ndescription: Figma editors\n"
              + "owners: [\"@brand-design-leads\"]\nmembers:\n"
              + "  - user: drew.kim@example.com\n    reason: Design systems lead\n"
              + "    request: https://gitlab.example.com/access-requests/-/issues/3303\n"
              + "apps:\n  - app: figma\n    profile:\n      role: editor\n");
      String admins = "groups/manual/app.figma.admins.yaml";
      e.write(
          admins,
          e.read(admins)
              .replace("issues/3301\n", "issues/3301\n    expires: 2026-12-05\n")
              .replace("issues/3302\n", "issues/3302\n    expires: 2026-12-07\n"));
      String security = "groups/hybrid/push.slack.div.security.yaml";
      e.write(
          security,
          e.read(security).replace("issues/4102\n", "issues/4102\n    expires: 2026-12-05\n"));
      e.reconcile();

      JsonNode plan = e.planJson(ExitCode.OK);
      assertEquals(0, plan.get("changes").size(), "nothing ends today");
      JsonNode impact = plan.get("impact");
      JsonNode figma = group(impact, "app.figma.admins");
      assertTrue(figma.get("losses").isEmpty(), "upcoming, not lost now: " + figma);
      JsonNode drew = figma.get("expiring").get(0);
      assertEquals("drew.kim@example.com", drew.get("login").asText());
      assertEquals("2026-12-05", drew.get("expires").asText());
      assertTrue(drew.get("apps").isEmpty(), "drew keeps figma: " + drew);
      assertEquals("app.figma.editors", drew.get("kept").get("figma").get(0).asText());
      JsonNode jamie = figma.get("expiring").get(1);
      assertEquals("jamie.park@example.com", jamie.get("login").asText());
      assertEquals(Set.of("figma"), set(jamie, "apps"));
      JsonNode jordan = group(impact, "push.slack.div.security").get("expiring").get(0);
      assertEquals("jordan.ames@example.com", jordan.get("login").asText());
      assertEquals(1, jordan.get("pushes").size(), "leaves the Slack user group: " + jordan);

      Cli.Result text = e.run("plan");
      assertTrue(
          text.out().contains("3 people lose access within 14 days (expiry)")
              && text.out().contains("drew.kim@example.com ends 2026-12-05"),
          text.out());
      Cli.Result md = e.run("plan", "--format", "markdown");
      assertTrue(md.out().contains("3 people lose access within 14 days (expiry)"), md.out());
      Cli.Result notYet = e.run("reconcile", "--max-losses", "0");
      assertEquals(ExitCode.OK, notYet.code(), "the loss cap ignores upcoming expiries: " + notYet);

      e.at("2026-12-08");
      Cli.Result now = e.run("reconcile", "--max-losses", "0");
      assertEquals(ExitCode.REFUSED, now.code(), "past their day they are losses: " + now);
      // The sandbox's change, which predictApplyAndCompare checks person for person, is what the
      // earlier plan announced as upcoming: jamie loses Figma, drew keeps it, jordan leaves Slack.
      JsonNode after = predictApplyAndCompare(e);
      assertEquals(
          Set.of("drew.kim@example.com", "jamie.park@example.com"),
          set(group(after, "app.figma.admins"), "losses"));
      Set<String> announced = new TreeSet<>();
      figma
          .get("expiring")
          .forEach(
              x -> {
                if (set(x, "apps").contains("figma")) {
                  announced.add(x.get("login").asText());
                }
              });
      assertEquals(announced, appSide(after, "figma", "losses"));
      String target = jordan.get("pushes").get(0).asText();
      assertEquals(Set.of("jordan.ames@example.com"), pushSide(after, target, "losses"));
    }
  }

  @Test
  void aSelectorEditThatDropsMostOfALargeGroupIsRefusedWithNothingChanged() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      int members = e.memberLogins("div.engineering").size();
      assertTrue(members > 20, "a large group: " + members);
      String path = "groups/managed/div.engineering.yaml";
      e.write(path, e.read(path).replace("division: Engineering", "division: Sales"));
      String before = e.export();
      Cli.Result r = e.run("reconcile");
      assertEquals(ExitCode.REFUSED, r.code(), r.toString());
      assertTrue(r.err().contains("div.engineering loses " + members + " of its "), r.err());
      assertTrue(r.err().contains("--max-losses"), "says how to proceed: " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertEquals(before, e.export(), "nothing changed");
      Cli.Result plan = e.run("plan");
      assertEquals(ExitCode.REFUSED, plan.code(), "the plan warns before the merge");
      assertTrue(plan.out().contains("div.engineering: "), plan.out());

      Cli.Result tooFew = e.run("reconcile", "--max-losses", "3");
      assertEquals(ExitCode.REFUSED, tooFew.code(), tooFew.toString());
      Cli.Result allowed = e.run("reconcile", "--max-losses", String.valueOf(members));
      assertEquals(ExitCode.OK, allowed.code(), allowed.toString());
      assertFalse(e.export().equals(before));
    }
  }

  // ---------------------------------------------------------------- helpers

  static JsonNode group(JsonNode impact, String name) {
    for (JsonNode g : impact) {
      if (g.get("group").asText().equals(name)) {
        return g;
      }
    }
    throw new AssertionError("no impact entry for " + name + ": " + impact);
  }

  private static Set<String> appSide(JsonNode impact, String app, String side) {
    Set<String> out = new TreeSet<>();
    for (JsonNode g : impact) {
      for (JsonNode a : g.get("apps")) {
        if (a.get("app").asText().equals(app)) {
          out.addAll(set(a, side));
        }
      }
    }
    return out;
  }

  private static Set<String> pushSide(JsonNode impact, String target, String side) {
    Set<String> out = new TreeSet<>();
    for (JsonNode g : impact) {
      for (JsonNode p : g.get("pushes")) {
        if ((p.get("app").asText() + " " + p.get("target").asText()).equals(target)) {
          out.addAll(set(p, side));
        }
      }
    }
    return out;
  }

  private static Set<String> set(JsonNode entry, String field) {
    Set<String> out = new TreeSet<>();
    if (entry != null) {
      entry.get(field).forEach(n -> out.add(login(n.asText())));
    }
    return out;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static Set<String> lower(Set<String> s) {
    Set<String> out = new TreeSet<>();
    s.forEach(x -> out.add(login(x)));
    return out;
  }

  private static String login(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
