package dev.oktagroups.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.Kind;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Repo;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The repository's own groups/ are the first users of the validator: they must be clean. */
class OwnGroupsTest {
  @Test
  void repositoryGroupsValidateWithoutFindings() {
    ValidationResult r =
        new Validator(LocalDate.of(2026, 11, 29)).validate(DirectorySource.read(Repo.root()));
    assertEquals(List.of(), r.diagnostics());
    int n = r.manifests().size();
    assertTrue(n >= 20 && n <= 30, "the starting set holds 20 to 30 groups, has " + n);
  }

  @Test
  void startingSetCoversEveryKindAppsAndBothPushTargets() {
    List<GroupManifest> ms =
        new Validator(LocalDate.of(2026, 11, 29))
            .validate(DirectorySource.read(Repo.root()))
            .manifests();
    assertEquals(
        Set.of(Kind.values()),
        ms.stream().map(m -> m.kind().orElseThrow()).collect(Collectors.toSet()));
    assertTrue(ms.stream().anyMatch(m -> !m.apps().isEmpty()));
    Set<String> pushApps =
        ms.stream().flatMap(m -> m.push().stream()).map(p -> p.app()).collect(Collectors.toSet());
    assertEquals(Set.of("google-workspace", "slack"), pushApps);
    for (String name :
        List.of(
            "div.security",
            "dept.engineering",
            "country.us",
            "mgmt_level.manager",
            "push.slack.div.security",
            "push.google.dept.engineering.manager",
            "app.figma.admins",
            "push.slack.cat_owners")) {
      assertTrue(
          ms.stream().anyMatch(m -> m.name().equals(name)), "missing handbook example " + name);
    }
    ms.forEach(
        m ->
            m.members()
                .forEach(mem -> assertTrue(mem.user().endsWith("@example.com"), mem.user())));
  }
}
