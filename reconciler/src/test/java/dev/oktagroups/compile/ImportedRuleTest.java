package dev.oktagroups.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.oktagroups.manifest.ConfigBinder;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.ManifestBinder;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.YamlReader;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.testing.Repo;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an imported manifest compiles to: Okta's rule as it was, until the selector is edited. */
class ImportedRuleTest {
  private static final OrgConfig CONFIG =
      ConfigBinder.bind(
          new YamlReader()
              .read(
                  "okta-groups.yaml",
                  Repo.read("okta-groups.yaml").getBytes(StandardCharsets.UTF_8))
              .doc()
              .orElseThrow());

  private static final String HEAD =
      "name: Engineering Team\nkind: managed\ndescription: d\nowners: ['@a']\nadopt: true\n"
          + "population: all\nimported:\n  rule: Eng rule\n"
          + "  expression: user.department==\"Engineering\" || user.department=='Quality'\n"
          + "excluded:\n  - {user: sam@example.com, reason: On leave}\n";

  private static DesiredState.Rule rule(String yaml) {
    GroupManifest m =
        ManifestBinder.bind(
            new YamlReader()
                .read("groups/Engineering%20Team.yaml", yaml.getBytes(StandardCharsets.UTF_8))
                .doc()
                .orElseThrow());
    return Compiler.compile(CONFIG, List.of(m), LocalDate.of(2026, 1, 1))
        .groups()
        .get("Engineering Team")
        .rule()
        .orElseThrow();
  }

  @Test
  void anUnchangedSelectorKeepsOktasNameTextAndExclusions() {
    DesiredState.Rule r = rule(HEAD + "rule:\n  department: [Engineering, Quality]\n");
    assertEquals("Eng rule", r.name());
    assertEquals("user.department==\"Engineering\" || user.department=='Quality'", r.expression());
    assertEquals(List.of("sam@example.com"), r.excluded());
  }

  @Test
  void anEditedSelectorCompilesKeepsTheNameAndAddsNoDefaultPopulation() {
    DesiredState.Rule r = rule(HEAD + "rule:\n  department: [Engineering]\n");
    assertEquals("Eng rule", r.name());
    assertEquals("user.department == \"Engineering\"", r.expression());
  }
}
