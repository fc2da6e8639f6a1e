package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.Rule;
import dev.oktagroups.sandbox.org.User;
import dev.oktagroups.testing.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several rules on one group, over HTTP with the real SDK: import merges them into one {@code any:}
 * selector, and the first plan creates the merged rule and deletes the old ones only once it is
 * active. The group's members are the same after every request of that apply, and a second plan is
 * empty. A group with a rule that also feeds another group, or whose rules exclude different
 * people, is reported and left alone.
 */
class ImportMergeTest {
  @Test
  void severalRulesMergeIntoOneAndNoOneMovesAtAnyStep(@TempDir Path dir) throws Exception {
    try (E2E e = E2E.ownGroups(dir)) {
      e.reconcile(); // the repository's own groups, so only the console's are left to import
      Org org = e.sandbox.org();
      User kept = activeIn(org, "department", "Support");
      Group support = group(org, "Support Staff", "Support and customer success");
      rule(org, "Support dept", "user.department==\"Support\"", support, kept);
      rule(
          org,
          "Customer success",
          "user.department == 'Customer Success' AND user.userType == 'Employee'",
          support,
          kept);
      // One of its two rules also feeds another group: left alone.
      Group ops = group(org, "Finance Ops", "Finance operations");
      Group leads = group(org, "Finance Leads", "Finance leads");
      rule(org, "Finance ops", "user.division==\"Finance\"", ops);
      rule(org, "Finance shared", "user.department==\"Quality\"", ops, leads);
      // Two rules that exclude different people: one exclusion list cannot say that.
      Group quality = group(org, "Quality Crew", "Quality and infrastructure");
      rule(org, "Quality dept", "user.department==\"Quality\"", quality, kept);
      rule(org, "Infra dept", "user.department==\"Infrastructure\"", quality);
      Set<String> before = members(org, support);
      assertTrue(before.size() > 2, "the seed puts people in both rules: " + before);
      assertFalse(before.contains(kept.id()), "excluded by both rules");

      Cli.Result imported = e.run("import", "--owner", "@corpsec-identity");
      assertEquals(ExitCode.OK, imported.code(), imported.toString());
      assertTrue(imported.out().contains("+ Support Staff ("), imported.out());
      assertTrue(imported.out().contains("- Finance Ops ("), imported.out());
      assertTrue(
          imported.out().contains("'Finance shared' also assigns people to 1 other group"),
          imported.out());
      assertTrue(imported.out().contains("- Quality Crew ("), imported.out());
      assertTrue(imported.out().contains("exclude different people"), imported.out());
      String manifest = e.read("groups/managed/Support%20Staff.yaml");
      assertTrue(manifest.contains("\"any\": ["), manifest);
      assertTrue(manifest.contains("merged: [\"Customer success\",\"Support dept\"]"), manifest);

      Cli.Result valid = e.cli().run("validate", "--repo", dir.toString());
      assertEquals(ExitCode.OK, valid.code(), valid.toString());

      // The plan: adoption, the merged rule created, then the two old rules deleted.
      JsonNode plan = e.planJson(ExitCode.OK);
      assertEquals(0, plan.get("errors").size(), plan.get("errors").toString());
      List<String> rules = new ArrayList<>();
      for (JsonNode c : plan.get("changes")) {
        if (c.get("resource").asText().equals("group")) {
          assertTrue(c.get("reason").asText().startsWith("adopt the existing group"), c.toString());
          continue;
        }
        assertEquals("Support Staff", c.get("group").asText(), c.toString());
        assertEquals("rule", c.get("resource").asText(), c.toString());
        String action = c.get("action").asText();
        JsonNode values = c.get(action.equals("delete") ? "before" : "after");
        rules.add(action + " " + values.get("name").asText());
      }
      assertEquals(3, rules.size(), rules.toString());
      assertEquals("create Support Staff", rules.get(0), "the merged rule comes first");
      assertEquals(
          Set.of("delete Customer success", "delete Support dept"),
          Set.copyOf(rules.subList(1, 3)));

      // Okta evaluates a new rule a moment after it is activated; so does the sandbox here, so
      // the old rules are deleted before the new one has claimed anyone.
      // (Ten sandbox minutes are about a second here.)
      e.sandbox.settings().ruleEvaluationDelay = Duration.ofMinutes(10);
      List<String> moved = new CopyOnWriteArrayList<>();
      e.sandbox.onExchange(
          x -> {
            Set<String> now = members(org, support);
            if (!now.equals(before)) {
              moved.add(x.method() + " " + x.path() + ": " + now.size() + " members");
            }
          });
      e.reconcile();
      assertEquals(List.of(), moved, "someone's membership changed during the apply");
      e.sandbox.settings().ruleEvaluationDelay = Duration.ZERO;
      waitForRuleMembers(org, support, before.size());

      List<Rule> left = e.rulesOf("Support Staff");
      assertEquals(1, left.size(), left.toString());
      assertEquals("Support Staff", left.get(0).name());
      assertEquals(Rule.Status.ACTIVE, left.get(0).status());
      assertEquals(List.of(kept.id()), left.get(0).excludedUsers());
      assertEquals(before, members(org, support));
      assertEquals(2, e.rulesOf("Finance Ops").size(), "left alone");
      assertEquals(2, e.rulesOf("Quality Crew").size(), "left alone");
      e.assertConverged();

      // The merged rule now moves people as either old rule would have.
      User joiner = activeIn(org, "department", "Engineering");
      org.updateUser(joiner.id(), Map.of("department", "Customer Success"), false);
      org.updateUser(kept.id(), Map.of("department", "Customer Success"), false);
      assertTrue(members(org, support).contains(joiner.id()));
      assertFalse(members(org, support).contains(kept.id()), "still excluded");
      e.assertConverged();
    }
  }

  private static User activeIn(Org org, String attribute, String value) {
    return org.allUsers().stream()
        .filter(u -> u.status() == User.Status.ACTIVE)
        .filter(u -> value.equals(u.profile().get(attribute)))
        .filter(u -> "Employee".equals(u.profile().get("userType")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no active employee with " + attribute + value));
  }

  private static Group group(Org org, String name, String description) {
    return org.createGroup(Map.of("name", name, "description", description));
  }

  private static void rule(Org org, String name, String expression, Group g, User excluded) {
    Rule r =
        org.createRule(
            new Org.RuleSpec(
                name,
                "urn:okta:expression:1.0",
                expression,
                List.of(g.id()),
                List.of(excluded.id())));
    org.activateRule(r.id());
  }

  private static void rule(Org org, String name, String expression, Group... targets) {
    Rule r =
        org.createRule(
            new Org.RuleSpec(
                name,
                "urn:okta:expression:1.0",
                expression,
                java.util.Arrays.stream(targets).map(Group::id).toList(),
                List.of()));
    org.activateRule(r.id());
  }

  /** The group's members' ids, read under the org's lock. */
  private static Set<String> members(Org org, Group g) {
    synchronized (org) {
      return new TreeSet<>(org.group(g.id()).members().keySet());
    }
  }

  /** Waits for the merged rule's deferred evaluation to claim the members. */
  private static void waitForRuleMembers(Org org, Group g, int count) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      synchronized (org) {
        long ruled =
            org.group(g.id()).members().values().stream()
                .filter(m -> m.type().equals("RULE"))
                .count();
        if (ruled == count) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the merged rule did not claim its members");
  }
}
