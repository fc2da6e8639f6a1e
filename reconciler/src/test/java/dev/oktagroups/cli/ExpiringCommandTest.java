package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.Repo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
}
