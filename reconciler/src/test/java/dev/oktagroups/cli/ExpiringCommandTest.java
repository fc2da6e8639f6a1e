package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.mr.PlanNote;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanCodec;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.Repo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpiringCommandTest {
  @TempDir Path tmp;

  @Test
  void listsEntriesEndingWithinTheWindowByGroupAndOwner() throws Exception {
    Path repo = Repo.copyOwnGroups(tmp.resolve("repo"));
    // app.zoom.webinar_hosts has an entry ending 2027-02-28: 91 days after 2026-11-29.
    Cli.Result none = Cli.create().cwd(repo).run("expiring");
    assertEquals(ExitCode.OK, none.code(), none.toString());
    assertTrue(none.out().startsWith("0 entries end within 14 days"), none.out());

    Cli.Result soon = Cli.create().cwd(repo).run("expiring", "--within", "91d");
    assertTrue(soon.out().contains("app.zoom.webinar_hosts (owners: "), soon.out());
    assertTrue(soon.out().contains("ends 2027-02-28 (in 91 days)"), soon.out());
    assertTrue(!soon.out().contains("2027-03-31"), "outside the window: " + soon.out());

    Clock later = Clock.fixed(Instant.parse("2027-03-05T12:00:00Z"), ZoneOffset.UTC);
    Cli.Result json =
        Cli.create().cwd(repo).clock(later).run("expiring", "--within", "30d", "--format", "json");
    JsonNode a = new ObjectMapper().readTree(json.out());
    assertEquals("app.zoom.webinar_hosts", a.get(0).get("group").asText());
    assertTrue(a.get(0).get("expired").asBoolean(), "past its last day: " + a);
    assertEquals("2027-03-31", a.get(1).get("expires").asText());

    Cli.Result bad = Cli.create().cwd(repo).run("expiring", "--within", "soon");
    assertEquals(ExitCode.USAGE, bad.code(), bad.toString());
    assertTrue(bad.err().contains("is not a duration"), bad.err());
  }

  @Test
  void thePlanAndItsNoteWarnOfAccessEndingSoon() throws Exception {
    Path repo = Repo.copyOwnGroups(tmp.resolve("repo"));
    Clock feb20 = Clock.fixed(Instant.parse("2027-02-20T12:00:00Z"), ZoneOffset.UTC);
    Cli.Result plan = Cli.create().cwd(repo).clock(feb20).run("plan", "--offline");
    assertEquals(ExitCode.OK, plan.code(), plan.toString());
    assertTrue(
        plan.err().contains("access ending within 14 days")
            && plan.err().contains("app.zoom.webinar_hosts: ")
            && plan.err().contains("ends 2027-02-28 (in 8 days)"),
        plan.err());

    Plan p = PlanCodec.read(Repo.read("reconciler/src/test/resources/golden/03-updates/plan.json"));
    String note =
        PlanNote.plan(
            "<!-- m -->",
            p,
            Optional.empty(),
            List.of(),
            List.of(),
            List.of("app.zoom.webinar_hosts: pat@example.com ends 2027-02-28 (in 8 days)"),
            new PlanNote.Context(Optional.empty(), Optional.empty(), Optional.empty(), "now"));
    assertTrue(note.contains("**Access ending soon** (1;"), note);
    assertTrue(note.contains("- app.zoom.webinar_hosts: pat@example.com ends 2027-02-28"), note);
  }
}
