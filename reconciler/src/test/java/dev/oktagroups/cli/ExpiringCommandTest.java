package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
  void againstOktaEachEntrySaysWhetherThePersonIsStillAMember() throws Exception {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      String admins = "groups/manual/app.figma.admins.yaml";
      e.write(
          admins,
          e.read(admins)
              .replace("issues/3301\n", "issues/3301\n    expires: 2026-12-05\n")
              .replace("issues/3302\n", "issues/3302\n    expires: 2026-12-07\n"));
      String security = "groups/hybrid/push.slack.div.security.yaml";
      e.write(
          security,
          e.read(security).replace("issues/4102\n", "issues/4102\n    expires: 2026-12-09\n"));
      e.reconcile();
      // Okta moves on without Git: jamie is taken out of the group by hand, drew is deactivated,
      // and an entry names someone Okta does not have.
      var org = e.sandbox.org();
      org.removeMember(
          e.mustGroup("app.figma.admins").id(), org.user("jamie.park@example.com").id());
      org.deactivateUser(org.user("drew.kim@example.com").id());
      e.write(
          security,
          e.read(security)
              .replace(
                  "members:\n",
                  "members:\n  - user: ghost@example.com\n    reason: Left already\n"
                      + "    request: https://gitlab.example.com/access-requests/-/issues/4999\n"
                      + "    expires: 2026-12-01\n"));

      Cli.Result text = e.run("expiring");
      assertEquals(ExitCode.OK, text.code(), text.toString());
      assertTrue(text.out().contains("drew.kim@example.com: ends 2026-12-05"), text.out());
      assertTrue(text.out().contains("issues/3301; in Okta: deactivated"), text.out());
      assertTrue(text.out().contains("issues/3302; in Okta: already gone"), text.out());
      assertTrue(text.out().contains("issues/4102; in Okta: member"), text.out());
      assertTrue(text.out().contains("issues/4999; in Okta: not in Okta"), text.out());
      assertFalse(text.out().contains("In Okta: unknown"), text.out());

      JsonNode json = new ObjectMapper().readTree(e.run("expiring", "--format", "json").out());
      Map<String, String> okta = new TreeMap<>();
      json.forEach(x -> okta.put(x.get("user").asText(), x.get("okta").asText()));
      assertEquals(
          Map.of(
              "drew.kim@example.com", "deactivated",
              "ghost@example.com", "not in Okta",
              "jamie.park@example.com", "already gone",
              "jordan.ames@example.com", "member"),
          okta);
      Cli.Result csv = e.run("expiring", "--format", "csv");
      assertTrue(csv.out().startsWith("group,owners,user,expires,daysLeft,request,okta\n"));
      assertTrue(csv.out().contains(",jamie.park@example.com,2026-12-07,8,"), csv.out());
      assertTrue(csv.out().contains("issues/3302,already gone\n"), csv.out());

      // Without --okta-url or --sandbox the manifests alone answer, and Okta is unknown.
      Cli.Result offline = e.cli().run("expiring", "--repo", e.repo.toString());
      assertTrue(offline.out().contains("In Okta: unknown"), offline.out());
      assertFalse(offline.out().contains("; in Okta:"), offline.out());
      JsonNode off =
          new ObjectMapper()
              .readTree(
                  e.cli().run("expiring", "--repo", e.repo.toString(), "--format", "json").out());
      assertEquals("unknown", off.get(0).get("okta").asText());
    }
  }

  @Test
  void theEmbeddedSandboxAnswersToo() throws Exception {
    Path repo = Repo.copyOwnGroups(tmp.resolve("repo"));
    Cli.Result r = Cli.create().cwd(repo).run("expiring", "--within", "91d", "--sandbox");
    assertEquals(ExitCode.OK, r.code(), r.toString());
    assertTrue(r.out().contains("ends 2027-02-28 (in 91 days)"), r.out());
    // The embedded org has the manifests' people but nothing applied yet.
    assertTrue(r.out().contains("issues/4402; in Okta: group not in Okta"), r.out());
    assertTrue(r.out().startsWith("1 entry ends within 91 days or has ended\n"), r.out());
    assertFalse(r.err().contains("Exception"), r.err());
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
    assertTrue(
        plan.out()
            .contains(
                "Impact on people unknown: it needs Okta access, and an offline plan cannot see"),
        plan.out());

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
