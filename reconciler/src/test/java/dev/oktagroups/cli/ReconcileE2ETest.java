package dev.oktagroups.cli;

import static dev.oktagroups.cli.E2E.employee;
import static dev.oktagroups.cli.E2E.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.sandbox.org.Assignment;
import dev.oktagroups.sandbox.org.DownstreamGroup;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.PushMapping;
import dev.oktagroups.sandbox.org.Rule;
import dev.oktagroups.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile engine end to end: the real CLI and the real okta-sdk-java over HTTP against a
 * stateful sandbox. Every test asserts the sandbox's final state, and that a second plan is empty.
 */
class ReconcileE2ETest {
  private static final String GOOGLE = "0oa1googlews00000007";
  private static final String SLACK = "0oa1slack00000000007";
  private static final String FIGMA = "0oa1figma00000000007";

  @TempDir Path tmp;

  @Test
  void createsEveryKindWithAppsAndGoogleAndSlackPush() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      Cli.Result r = e.reconcile();
      e.assertConverged();
      // The plan, then a blank line, then apply's report, on standard output.
      assertTrue(r.out().contains("\n\nApplied "), r.out());

      // managed: exactly the rule's ACTIVE matches, employees only, all rule-managed
      Predicate<Map<String, Object>> security = is("division", "Security").and(employee());
      assertEquals(e.activeWhere(security), e.memberLogins("div.security"));
      assertFalse(
          e.memberLogins("div.security").isEmpty(), "the synthetic org has Security employees");
      assertTrue(
          e.memberships("div.security").values().stream().allMatch(m -> m.type().equals("RULE")));
      Rule rule = e.rulesOf("div.security").get(0);
      assertEquals("div.security", rule.name());
      assertEquals(Rule.Status.ACTIVE, rule.status());
      assertEquals(
          "user.division == \"Security\" AND user.userType == \"Employee\"", rule.expression());
      // naming the user type lifts the employees-only default
      assertEquals(
          e.activeWhere(is("userType", "Contractor")), e.memberLogins("user_type.contractor"));
      assertEquals(
          e.activeWhere(is("countryCode", "NO").and(employee())), e.memberLogins("country.no"));

      // hybrid: the rule's matches plus the named exceptions
      Set<String> slackSecurity = new TreeSet<>(e.activeWhere(security));
      slackSecurity.add("jordan.ames@example.com");
      assertEquals(slackSecurity, e.memberLogins("push.slack.div.security"));

      // manual: exactly the named members
      assertEquals(
          Set.of("drew.kim@example.com", "jamie.park@example.com"),
          e.memberLogins("app.figma.admins"));

      // the ownership marker is in Okta itself
      Group g = e.mustGroup("app.figma.admins");
      assertEquals(
          "gitlab.example.com/corpsec/okta-groups", g.profile().get("okta_groups_managed_by"));

      // app assignments with profile and priority
      Assignment figma = e.sandbox.org().assignment(FIGMA, g.id());
      assertEquals(Map.of("role", "admin"), figma.profile());
      assertEquals(
          1,
          e.sandbox
              .org()
              .assignment("0oa1salesforce000007", e.mustGroup("app.salesforce.users").id())
              .priority());

      // push: Okta keeps the downstream groups; Google's gets an address
      DownstreamGroup slack = downstream(e, SLACK, e.mustGroup("push.slack.cat_owners").id());
      assertEquals("cat_owners", slack.name());
      assertEquals(
          Set.of(
              "avery.shah@example.com",
              "jdoe@example.com",
              "pat.lee@example.com",
              "quinn.hart@example.com"),
          slack.members());
      DownstreamGroup google =
          downstream(e, GOOGLE, e.mustGroup("push.google.dept.engineering.manager").id());
      assertEquals("dept.engineering.manager@example.com", google.email().orElseThrow());
      assertEquals(e.memberLogins("push.google.dept.engineering.manager"), google.members());
      assertEquals(
          "dept.brand_design@example.com",
          downstream(e, GOOGLE, e.mustGroup("push.google.dept.brand_design").id())
              .email()
              .orElseThrow(),
          "derived from the name");
    }
  }

  @Test
  void changingASelectorUpdatesTheRuleInPlace() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      String ruleId = e.rulesOf("div.sales").get(0).id();
      e.write(
          "groups/managed/div.sales.yaml",
          e.read("groups/managed/div.sales.yaml")
              .replace("division: Sales", "division: [Sales, Marketing]"));
      JsonNode plan = e.planJson(ExitCode.OK);
      assertEquals(1, plan.get("changes").size(), plan.toString());
      JsonNode c = plan.get("changes").get(0);
      assertEquals("update", c.get("action").asText());
      assertEquals("rule", c.get("resource").asText());
      assertTrue(c.get("reason").asText().contains("selector changed"));
      e.reconcile();
      List<Rule> rules = e.rulesOf("div.sales");
      assertEquals(1, rules.size());
      assertEquals(ruleId, rules.get(0).id(), "updated, not deleted and recreated");
      assertEquals(
          e.activeWhere(is("division", "Sales", "Marketing").and(employee())),
          e.memberLogins("div.sales"));
      e.assertConverged();
    }
  }

  @Test
  void addingAndRemovingExceptionsLeavesRuleMembersAlone() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      Set<String> ruleMembers = e.activeWhere(is("division", "Security").and(employee()));
      String path = "groups/hybrid/push.slack.div.security.yaml";
      String original = e.read(path);
      e.write(
          path,
          original.replace(
              "push:\n",
              "  - user: pat.lee@example.com\n    reason: Security liaison\n"
                  + "    request: https://gitlab.example.com/access-requests/-/issues/9000\npush:\n"));
      e.reconcile();
      assertTrue(e.memberLogins("push.slack.div.security").contains("pat.lee@example.com"));
      e.assertConverged();

      e.write(
          path,
          original.replace(
              "  - user: jordan.ames@example.com\n    reason: Executive assistant to the CISO\n"
                  + "    request: https://gitlab.example.com/access-requests/-/issues/4102\n",
              "  - user: pat.lee@example.com\n"
                  + "    reason: Security liaison\n    request: https://gitlab.example.com/access-requests/-/issues/9000\n"));
      JsonNode plan = e.planJson(ExitCode.OK);
      assertEquals(List.of("delete membership jordan.ames@example.com"), describe(plan));
      e.reconcile();
      Set<String> want = new TreeSet<>(ruleMembers);
      want.add("pat.lee@example.com");
      assertEquals(want, e.memberLogins("push.slack.div.security"));
      assertTrue(
          e.rulesOf("push.slack.div.security").get(0).excludedUsers().isEmpty(),
          "no exclusions were created");
      e.assertConverged();
    }
  }

  @Test
  void anExpiredMemberIsRemoved() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      assertTrue(e.memberLogins("app.zoom.webinar_hosts").contains("noor.aziz@example.com"));
      e.at("2027-02-28");
      e.assertConverged(); // the last day of access is still in force
      e.at("2027-03-01");
      JsonNode plan = e.planJson(ExitCode.OK);
      JsonNode c = plan.get("changes").get(0);
      assertEquals(List.of("delete membership noor.aziz@example.com"), describe(plan));
      assertEquals("access expired on 2027-02-28", c.get("reason").asText());
      e.reconcile();
      assertFalse(e.memberLogins("app.zoom.webinar_hosts").contains("noor.aziz@example.com"));
      e.assertConverged();
    }
  }

  @Test
  void deletingAManifestDeletesWhatOktaGroupsOwnsForIt() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      String slackTarget =
          e.sandbox.org().allMappings().stream()
              .filter(m -> m.sourceGroupId().equals(e.mustGroup("push.slack.div.security").id()))
              .findFirst()
              .orElseThrow()
              .targetGroupId();
      e.delete("groups/hybrid/push.slack.div.security.yaml");
      e.delete("groups/manual/app.figma.admins.yaml");
      JsonNode plan = e.planJson(ExitCode.OK);
      assertEquals(
          List.of(
              "delete push-mapping slack",
              "delete app-assignment figma",
              "delete rule push.slack.div.security",
              "delete group app.figma.admins",
              "delete group push.slack.div.security"),
          describe(plan),
          "reverse order");
      e.reconcile();
      assertTrue(e.group("push.slack.div.security").isEmpty());
      assertTrue(e.group("app.figma.admins").isEmpty());
      assertTrue(
          e.sandbox.org().allRules().stream()
              .noneMatch(r -> r.name().equals("push.slack.div.security")));
      assertTrue(
          e.sandbox.org().downstream(SLACK).stream()
              .anyMatch(d -> d.targetGroupId().equals(slackTarget)),
          "the Slack user group is kept (push.keepDownstreamOnDelete)");
      e.assertConverged();
    }
  }

  @Test
  void outOfBandDriftIsShownByPlanAndFixedByApply() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      var org = e.sandbox.org();
      // 1. someone adds a member by hand to a managed group
      String outsider =
          org.allUsers().stream()
              .filter(
                  u ->
                      u.status() == dev.oktagroups.sandbox.org.User.Status.ACTIVE
                          && !"Security".equals(u.profile().get("division")))
              .findFirst()
              .orElseThrow()
              .id();
      org.addMember(e.mustGroup("div.security").id(), outsider);
      // 2. someone removes a rule member by hand, which Okta turns into an exclusion
      String excluded = e.memberships("div.engineering").keySet().iterator().next();
      org.removeMember(e.mustGroup("div.engineering").id(), excluded);
      // 3. an app assignment is removed
      org.unassign(FIGMA, e.mustGroup("app.figma.admins").id());
      // 4. a push mapping is deactivated
      PushMapping m =
          org.allMappings().stream()
              .filter(x -> x.sourceGroupId().equals(e.mustGroup("push.slack.cat_owners").id()))
              .findFirst()
              .orElseThrow();
      org.setMappingStatus(SLACK, m.id(), "INACTIVE");
      // 5. a description is edited
      Group g = e.mustGroup("dept.engineering");
      org.replaceGroup(
          g.id(),
          Map.of(
              "name",
              "dept.engineering",
              "description",
              "edited in the console",
              "okta_groups_managed_by",
              "gitlab.example.com/corpsec/okta-groups"));

      JsonNode plan = e.planJson(ExitCode.OK);
      List<String> lines = describeWithGroup(plan);
      assertTrue(
          lines.contains("div.security: delete membership " + org.user(outsider).login()),
          lines.toString());
      assertTrue(
          reason(plan, "div.security", "membership")
              .contains("managed groups never take manual additions"));
      assertTrue(lines.contains("div.engineering: update rule div.engineering"), lines.toString());
      assertTrue(reason(plan, "div.engineering", "rule").contains("exclusions"));
      assertTrue(lines.contains("app.figma.admins: create app-assignment figma"), lines.toString());
      assertTrue(
          lines.contains("push.slack.cat_owners: update push-mapping slack"), lines.toString());
      assertTrue(
          lines.contains("dept.engineering: update group dept.engineering"), lines.toString());

      e.reconcile();
      assertFalse(e.memberships("div.security").containsKey(outsider));
      assertTrue(
          e.memberships("div.engineering").containsKey(excluded),
          "back once the exclusion is reset");
      assertTrue(e.rulesOf("div.engineering").get(0).excludedUsers().isEmpty());
      assertEquals(
          Map.of("role", "admin"),
          org.assignment(FIGMA, e.mustGroup("app.figma.admins").id()).profile());
      assertEquals(PushMapping.Status.ACTIVE, org.mapping(SLACK, m.id()).status());
      assertEquals(
          "Everyone in the Engineering department",
          e.mustGroup("dept.engineering").profile().get("description"));
      e.assertConverged();
    }
  }

  @Test
  void aSelectorValueCannotInjectIntoTheExpression() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      String config =
          e.read("okta-groups.yaml")
              .replace(
                  "  userType:\n",
                  "  title:\n    shortname: title\n    okta: title\n"
                      + "    description: Job title (free text)\n  userType:\n");
      e.write("okta-groups.yaml", config);
      String hostile = "x\" OR user.department != \"";
      e.write(
          "groups/managed/title.x.yaml",
          "name: title.x\nkind: managed\ndescription: Injection probe\nowners: [\"@corpsec-identity\"]\n"
              + "rule:\n  title: '"
              + hostile
              + "'\n");
      var org = e.sandbox.org();
      org.addUserAttribute("title");
      var probe =
          org.createUser(
              Map.of(
                  "login",
                  "probe@example.com",
                  "email",
                  "probe@example.com",
                  "firstName",
                  "P",
                  "lastName",
                  "Robe",
                  "title",
                  hostile,
                  "userType",
                  "Employee",
                  "department",
                  "Quality"),
              true);
      e.reconcile();
      Rule r = e.rulesOf("title.x").get(0);
      assertEquals(
          "user.title == '" + hostile + "' AND user.userType == \"Employee\"", r.expression());
      assertEquals(
          Set.of(probe.login()),
          e.memberLogins("title.x"),
          "only the person whose title is the literal value");
      e.assertConverged();
    }
  }

  @Test
  void anUnknownPersonIsAPlanErrorForThatGroupOnly() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      String path = "groups/manual/app.figma.admins.yaml";
      e.write(path, e.read(path).replace("drew.kim@example.com", "drew.kimm@example.com"));
      JsonNode plan = e.planJson(ExitCode.INVALID);
      assertEquals(1, plan.get("errors").size());
      assertEquals("app.figma.admins", plan.get("errors").get(0).get("group").asText());
      assertTrue(
          plan.get("errors")
              .get(0)
              .get("message")
              .asText()
              .contains("drew.kimm@example.com is not an Okta user"));
      assertTrue(
          describeWithGroup(plan).stream().noneMatch(l -> l.startsWith("app.figma.admins:")),
          "its changes are withheld");
      assertTrue(
          describeWithGroup(plan).contains("div.security: create group div.security"),
          "the others still plan");
    }
  }

  @Test
  void existingUnownedGroupsAreAPlanErrorUntilAdopted() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      var org = e.sandbox.org();
      Group clickops =
          org.createGroup(Map.of("name", "app.figma.admins", "description", "made in the console"));
      String intruder = org.allUsers().get(5).id();
      org.addMember(clickops.id(), intruder);
      JsonNode plan = e.planJson(ExitCode.INVALID);
      assertTrue(
          plan.get("errors")
              .get(0)
              .get("message")
              .asText()
              .contains("okta-groups did not create it"));
      Cli.Result r = e.run("reconcile");
      assertEquals(ExitCode.INVALID, r.code(), r.toString());
      assertEquals(
          "made in the console",
          org.group(clickops.id()).profile().get("description"),
          "untouched");
      assertTrue(org.group(clickops.id()).members().containsKey(intruder));

      Cli.Result adopted = e.run("reconcile", "--adopt", "app.figma.admins");
      assertEquals(ExitCode.OK, adopted.code(), adopted.toString());
      assertEquals(
          "gitlab.example.com/corpsec/okta-groups",
          org.group(clickops.id()).profile().get("okta_groups_managed_by"));
      assertEquals(
          Set.of("drew.kim@example.com", "jamie.park@example.com"),
          e.memberLogins("app.figma.admins"));
      e.assertConverged();
    }
  }

  @Test
  void protectedAndUnownedGroupsAreNeverTouched() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      var org = e.sandbox.org();
      Map<String, String> before = new java.util.TreeMap<>();
      for (Group g : org.allGroups()) {
        before.put(g.name(), g.profile() + " " + g.members().keySet());
      }
      e.reconcile();
      e.write(
          "groups/managed/user_type.contractor.yaml",
          e.read("groups/managed/user_type.contractor.yaml"));
      e.reconcile();
      for (Group g : org.allGroups()) {
        if (before.containsKey(g.name())) {
          assertEquals(
              before.get(g.name()),
              g.profile() + " " + g.members().keySet(),
              g.name() + " was touched");
        }
      }
      assertTrue(
          before.containsKey("admin.super_administrators") && before.containsKey("VPN Users"));
    }
  }

  // ---------------------------------------------------------------- helpers

  static DownstreamGroup downstream(E2E e, String appId, String sourceGroupId) {
    String target =
        e.sandbox.org().allMappings().stream()
            .filter(m -> m.appId().equals(appId) && m.sourceGroupId().equals(sourceGroupId))
            .findFirst()
            .orElseThrow()
            .targetGroupId();
    return e.sandbox.org().downstream(appId).stream()
        .filter(d -> d.targetGroupId().equals(target))
        .findFirst()
        .orElseThrow();
  }

  static List<String> describe(JsonNode plan) {
    List<String> out = new java.util.ArrayList<>();
    plan.get("changes")
        .forEach(
            c ->
                out.add(
                    c.get("action").asText()
                        + " "
                        + c.get("resource").asText()
                        + " "
                        + (c.get("key").asText().isEmpty()
                            ? c.get("group").asText()
                            : c.get("key").asText())));
    return out;
  }

  static List<String> describeWithGroup(JsonNode plan) {
    List<String> out = new java.util.ArrayList<>();
    plan.get("changes")
        .forEach(
            c ->
                out.add(
                    c.get("group").asText()
                        + ": "
                        + c.get("action").asText()
                        + " "
                        + c.get("resource").asText()
                        + " "
                        + (c.get("key").asText().isEmpty()
                            ? c.get("group").asText()
                            : c.get("key").asText())));
    return out;
  }

  static String reason(JsonNode plan, String group, String resource) {
    for (JsonNode c : plan.get("changes")) {
      if (c.get("group").asText().equals(group) && c.get("resource").asText().equals(resource)) {
        return c.get("reason").asText();
      }
    }
    return "";
  }
}
