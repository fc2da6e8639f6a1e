package dev.oktagroups.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.compile.Compiler;
import dev.oktagroups.plan.Action;
import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.Planner;
import dev.oktagroups.plan.Resource;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state an offline plan assumes must be exactly what applying the manifests would leave. */
class AssumedTest {
  @TempDir Path tmp;
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

  private static DesiredState compile(Path repo) {
    ValidationResult v = new Validator(TODAY).validate(DirectorySource.read(repo));
    assertFalse(v.hasErrors(), v.diagnostics().toString());
    return Compiler.compile(v.config(), v.manifests(), TODAY);
  }

  private static Set<String> people(DesiredState... ds) {
    Set<String> out = new HashSet<>();
    for (DesiredState d : ds) {
      d.groups().values().forEach(g -> g.members().forEach(m -> out.add(m.user())));
    }
    return out;
  }

  private static Plan plan(DesiredState head, ActualState assumed) {
    return Planner.plan(
        head,
        assumed,
        Planner.Policy.DEFAULT,
        new Plan.Source("t", Optional.empty()),
        "offline",
        Instant.EPOCH);
  }

  @Test
  void planningTheManifestsAgainstThemselvesFindsNothing() {
    DesiredState d = compile(Repo.copyOwnGroups(tmp));
    Plan p = plan(d, Assumed.after(d, people(d)));
    assertEquals(List.of(), p.changes());
    assertEquals(List.of(), p.setup());
    assertEquals(List.of(), p.errors());
  }

  @Test
  void againstNothingEveryObjectIsCreated() {
    DesiredState d = compile(Repo.copyOwnGroups(tmp));
    DesiredState empty =
        new DesiredState(
            new TreeMap<>(),
            d.marker(),
            d.protectedGroups(),
            d.keepDownstreamOnDelete(),
            d.catalogApps());
    Plan p = plan(d, Assumed.after(empty, people(d)));
    assertTrue(
        p.changes().stream().allMatch(c -> c.action() == Action.CREATE), p.changes().toString());
    assertEquals(
        d.groups().size(),
        p.changes().stream().filter(c -> c.resource() == Resource.GROUP).count());
    assertEquals(
        d.groups().values().stream().filter(g -> g.rule().isPresent()).count(),
        p.changes().stream().filter(c -> c.resource() == Resource.RULE).count());
    assertEquals(
        d.groups().values().stream().filter(g -> g.push().isPresent()).count(),
        p.changes().stream().filter(c -> c.resource() == Resource.PUSH_MAPPING).count());
  }

  @Test
  void aChangedManifestShowsOnlyItsOwnChanges() throws Exception {
    Path repo = Repo.copyOwnGroups(tmp);
    DesiredState before = compile(repo);
    Path figma = repo.resolve("groups/manual/app.figma.admins.yaml");
    Files.writeString(
        figma,
        Files.readString(figma)
            .replace("  - user: jamie.park@example.com\n", "  - user: robin.diaz@example.com\n"));
    Path slack = repo.resolve("groups/hybrid/push.slack.div.security.yaml");
    Files.writeString(
        slack, Files.readString(slack).replace("division: Security", "division: Engineering"));
    DesiredState after = compile(repo);
    Plan p = plan(after, Assumed.after(before, people(before, after)));
    List<String> got = p.changes().stream().map(Change::describe).sorted().toList();
    assertEquals(
        List.of(
            "add member robin.diaz@example.com",
            "remove member jamie.park@example.com",
            "update rule push.slack.div.security"),
        got);
  }
}
