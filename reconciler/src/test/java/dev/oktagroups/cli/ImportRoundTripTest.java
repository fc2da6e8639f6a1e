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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bringing a brownfield org under Git, over HTTP with the real SDK: import, validate, a plan that
 * only adopts, an apply that changes nobody's access, an empty second plan, and then a Workday
 * change that the adopted rule handles exactly as the original did.
 */
class ImportRoundTripTest {
  private static final List<String> IMPORTED =
      List.of(
          "Engineering Team",
          "sales/emea",
          "Security-Contractors",
          "All Staff US",
          "Design Leads",
          "product-all",
          "Sales Europe");

  /** Groups whose several rules the first plan replaces by one: the rules differ, nobody moves. */
  private static final Set<String> MERGED = Set.of("Sales Europe");

  @Test
  void importAdoptsWithoutChangingAnyonesAccess(@TempDir Path dir) throws Exception {
    try (E2E e = E2E.ownGroups(dir)) {
      e.reconcile(); // the repository's own groups, so only the console's are left to import
      e.sandbox.seedBrownfield(7, 0);
      Map<String, String> before = snapshot(e.sandbox.org());

      Cli.Result imported = e.run("import", "--owner", "@corpsec-identity");
      assertEquals(ExitCode.OK, imported.code(), imported.toString());
      for (String name : IMPORTED) {
        assertTrue(imported.out().contains("+ " + name + " ("), name + "\n" + imported.out());
      }
      List<String> leftAlone =
          List.of(
              "Eng Managers",
              "Dormant Finance",
              "Legal North",
              "Legal South",
              "Finance Ops",
              "Procurement Desk");
      for (String name : leftAlone) {
        assertTrue(imported.out().contains("- " + name + " ("), name + "\n" + imported.out());
      }
      // The brownfield shapes and the sandbox's own console groups (All Staff (old), VPN Users,
      // ...);
      // left alone: the six above, the groups of the repository's manifests, Everyone, app groups.
      assertTrue(imported.out().startsWith("Imported 11 groups, left 15 alone."), imported.out());
      assertTrue(imported.out().contains("isMemberOfAnyGroup"), imported.out());
      assertTrue(
          imported.out().contains("'Procurement both' also assigns people to 1 other group"),
          imported.out());
      String europe = Files.readString(dir.resolve("groups/managed/Sales%20Europe.yaml"));
      assertTrue(europe.contains("\"any\": ["), europe);
      assertTrue(europe.contains("merged: [\"Sales DE and FR\",\"Sales UK\"]"), europe);
      assertTrue(Files.exists(dir.resolve("groups/managed/sales%2Femea.yaml")));

      Cli.Result valid = e.cli().run("validate", "--repo", dir.toString());
      assertEquals(ExitCode.OK, valid.code(), valid.toString());

      JsonNode plan = e.planJson(ExitCode.OK);
      assertEquals(0, plan.get("errors").size(), plan.get("errors").toString());
      Set<String> adopted = new TreeSet<>();
      Set<String> replaced = new TreeSet<>();
      for (JsonNode c : plan.get("changes")) {
        if (c.get("resource").asText().equals("rule")) {
          // The one exception the import allows: a merged group's rules replaced by one.
          assertTrue(MERGED.contains(c.get("group").asText()), c.toString());
          String action = c.get("action").asText();
          replaced.add(
              action + " " + c.get(action.equals("delete") ? "before" : "after").get("name"));
          continue;
        }
        assertEquals("group", c.get("resource").asText(), c.toString());
        assertEquals("update", c.get("action").asText(), c.toString());
        assertTrue(c.get("reason").asText().startsWith("adopt the existing group"), c.toString());
        adopted.add(c.get("group").asText());
      }
      assertTrue(adopted.containsAll(IMPORTED), adopted.toString());
      assertEquals(
          Set.of("create \"Sales Europe\"", "delete \"Sales UK\"", "delete \"Sales DE and FR\""),
          replaced);

      e.reconcile();
      assertEquals(before, snapshot(e.sandbox.org()), "the apply changed someone's access");
      e.assertConverged();

      // A Workday change: someone moves into Engineering, someone out of it.
      Org org = e.sandbox.org();
      Group eng = group(org, "Engineering Team");
      User joiner =
          org.allUsers().stream()
              .filter(u -> u.status() == User.Status.ACTIVE && !eng.members().containsKey(u.id()))
              .findFirst()
              .orElseThrow();
      User leaver =
          eng.members().keySet().stream()
              .map(org::user)
              .filter(u -> u.status() == User.Status.ACTIVE)
              .findFirst()
              .orElseThrow();
      org.updateUser(joiner.id(), Map.of("department", "Engineering"), false);
      org.updateUser(leaver.id(), Map.of("department", "Quality"), false);
      assertTrue(group(org, "Engineering Team").members().containsKey(joiner.id()));
      assertFalse(group(org, "Engineering Team").members().containsKey(leaver.id()));
      e.assertConverged();
    }
  }

  private static Group group(Org org, String name) {
    return org.allGroups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }

  /** Who is in every imported group, its rule, assignments and push mappings, as text. */
  private static Map<String, String> snapshot(Org org) {
    Map<String, String> out = new TreeMap<>();
    for (String name : IMPORTED) {
      Group g = group(org, name);
      out.put(name + " members", new TreeSet<>(g.members().keySet()).toString());
      for (Rule r : org.allRules()) {
        if (r.groupIds().contains(g.id()) && MERGED.contains(name)) {
          // Replaced by one rule under another name and id: what must hold is its status and
          // whom it excludes (its members are compared above).
          out.merge(
              name + " rules",
              r.status() + " excluding " + new TreeSet<>(r.excludedUsers()),
              (a, b) -> a.equals(b) ? a : a + "; " + b);
        } else if (r.groupIds().contains(g.id())) {
          out.put(
              name + " rule " + r.id(),
              r.name()
                  + " "
                  + r.status()
                  + " "
                  + r.expression()
                  + " excluding "
                  + new TreeSet<>(r.excludedUsers()));
        }
      }
      out.put(
          name + " apps",
          org.allAssignments().stream()
              .filter(a -> a.groupId().equals(g.id()))
              .map(a -> a.appId() + ":" + a.priority() + ":" + new TreeMap<>(a.profile()))
              .sorted()
              .collect(Collectors.joining(",")));
      out.put(
          name + " push",
          org.allMappings().stream()
              .filter(m -> m.sourceGroupId().equals(g.id()))
              .map(m -> m.appId() + ":" + m.targetGroupId() + ":" + m.status())
              .sorted()
              .collect(Collectors.joining(",")));
    }
    return out;
  }
}
