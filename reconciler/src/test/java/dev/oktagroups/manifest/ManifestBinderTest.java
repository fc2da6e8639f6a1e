package dev.oktagroups.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestBinderTest {
  private static GroupManifest bind(String yaml) {
    YamlDoc d =
        new YamlReader()
            .read("groups/g.yaml", yaml.getBytes(StandardCharsets.UTF_8))
            .doc()
            .orElseThrow();
    return ManifestBinder.bind(d);
  }

  @Test
  void flatMapIsAConjunctionAndListsAreAlternatives() {
    GroupManifest m =
        bind("rule:\n  department: Engineering\n  managementLevel: [Manager, Senior Manager]\n");
    Selector.All all = (Selector.All) m.rule().orElseThrow();
    assertEquals(2, all.items().size());
    Selector.Match level = (Selector.Match) all.items().get(1);
    assertEquals("managementLevel", level.attribute());
    assertEquals(Selector.Op.EQUALS, level.op());
    assertEquals(List.of("Manager", "Senior Manager"), level.values());
    assertEquals("/rule/managementLevel", level.pointer());
  }

  @Test
  void nestedAllAnyNotAndOperators() {
    GroupManifest m =
        bind(
            "rule:\n  all:\n    - department: {startsWith: Eng}\n    - any:\n        - countryCode: US\n        - not: {title: {contains: Intern}}\n");
    Selector.All all = (Selector.All) m.rule().orElseThrow();
    Selector.Match dept = (Selector.Match) all.items().get(0);
    assertEquals(Selector.Op.STARTS_WITH, dept.op());
    Selector.Any any = (Selector.Any) all.items().get(1);
    Selector.Not not = (Selector.Not) any.items().get(1);
    Selector.Match title = (Selector.Match) not.inner();
    assertEquals(Selector.Op.CONTAINS, title.op());
    assertEquals(List.of("Intern"), title.values());
  }

  @Test
  void membersAppsAndPush() {
    GroupManifest m =
        bind(
            """
        name: push.google.x
        kind: hybrid
        members:
          - user: a@example.com
            request: https://r/1
            expires: 2027-06-30
          - user: b@example.com
            expires: 2027-02-30
        apps: [zoom, {app: figma, priority: 2, profile: {role: admin}}]
        push: {app: google-workspace, email: x@example.com}
        adopt: true
        """);
    assertEquals(Kind.HYBRID, m.kind().orElseThrow());
    assertEquals(LocalDate.of(2027, 6, 30), m.members().get(0).expires().orElseThrow());
    assertTrue(m.members().get(1).expires().isEmpty(), "an impossible date does not parse");
    assertEquals("2027-02-30", m.members().get(1).expiresText());
    assertEquals("figma", m.apps().get(1).app());
    assertEquals(2, m.apps().get(1).priority().orElseThrow());
    assertEquals("admin", m.apps().get(1).profile().get("role").asText());
    assertEquals("x@example.com", m.push().orElseThrow().email().orElseThrow());
    assertTrue(m.adopt());
  }

  @Test
  void wrongShapesBindAsEmpty() {
    GroupManifest m = bind("name: 42\nowners: '@x'\nrule: Security\nmembers: nope\n");
    assertEquals("", m.name());
    assertEquals(List.of(), m.owners());
    assertTrue(m.rule().isEmpty());
    assertEquals(List.of(), m.members());
  }
}
