package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.testing.Cli;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safety rails, saved plans and the CLI contract of plan and apply, end to end. */
class SafetyE2ETest {
  @TempDir Path tmp;

  @Test
  void exceedingTheDeletionCapRefusesWithNothingChanged() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      // six groups with their rules: 12 deletions against a cap of 10 (okta-groups.yaml)
      for (String g :
          new String[] {
            "country.us",
            "country.nl",
            "country.no",
            "mgmt_level.manager",
            "mgmt_level.director",
            "company.example_canada_corp"
          }) {
        e.delete("groups/managed/" + g + ".yaml");
      }
      String before = e.export();
      Cli.Result r = e.run("reconcile");
      assertEquals(ExitCode.REFUSED, r.code(), r.toString());
      assertTrue(r.err().contains("the plan deletes 12 objects"), r.err());
      assertTrue(r.err().contains("--max-deletions 12"), "says how to proceed: " + r.err());
      assertEquals(before, e.export(), "nothing changed");
      Cli.Result plan = e.run("plan");
      assertEquals(ExitCode.REFUSED, plan.code(), "plan warns in the merge request already");

      Cli.Result allowed = e.run("reconcile", "--max-deletions", "12");
      assertEquals(ExitCode.OK, allowed.code(), allowed.toString());
      assertTrue(e.group("country.us").isEmpty());
    }
  }

  @Test
  void exceedingTheRemovalCapRefuses() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.write(
          "okta-groups.yaml",
          e.read("okta-groups.yaml").replace("maxRemovals: 50", "maxRemovals: 1"));
      e.reconcile();
      String path = "groups/manual/push.slack.cat_owners.yaml";
      String text = e.read(path);
      int cut = text.indexOf("  - user: pat.lee@example.com");
      e.write(path, text.substring(0, cut) + "push:\n  app: slack\n");
      Cli.Result r = e.run("reconcile");
      assertEquals(ExitCode.REFUSED, r.code(), r.toString());
      assertTrue(r.err().contains("removes 3 direct members"), r.err());
    }
  }

  @Test
  void aSavedPlanAppliesExactlyAndAStaleOneIsRefused() throws Exception {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      e.write(
          "groups/managed/div.security.yaml",
          e.read("groups/managed/div.security.yaml")
              .replace("Everyone in the Security division", "The Security division"));
      Cli.Result plan = e.run("plan", "--out", "plan.json", "--detailed-exitcode");
      assertEquals(ExitCode.CHANGES, plan.code(), plan.toString());
      Path saved = e.repo.resolve("plan.json");
      JsonNode json = E2E.JSON.readTree(Files.readString(saved));
      assertEquals(1, json.get("changes").size());

      // someone edits Okta between plan and apply
      var org = e.sandbox.org();
      var g = e.mustGroup("div.sales");
      org.replaceGroup(
          g.id(),
          Map.of(
              "name",
              "div.sales",
              "description",
              "changed meanwhile",
              "okta_groups_managed_by",
              "gitlab.example.com/corpsec/okta-groups"));
      String before = e.export();
      Cli.Result stale = e.cli().run("apply", saved.toString(), "--auto-approve");
      assertEquals(ExitCode.STALE, stale.code(), stale.toString());
      assertTrue(stale.err().contains("the plan is stale"), stale.err());
      assertTrue(stale.err().contains("okta-groups plan"), "says how to proceed");
      assertEquals(before, e.export(), "nothing changed");

      Cli.Result again = e.run("plan", "--out", "plan.json");
      assertEquals(ExitCode.OK, again.code());
      Cli.Result applied = e.cli().run("apply", saved.toString(), "--auto-approve");
      assertEquals(ExitCode.OK, applied.code(), applied.toString());
      assertTrue(applied.out().contains("Applied 2 of 2 changes"), applied.out());
      assertEquals(
          "The Security division", e.mustGroup("div.security").profile().get("description"));
      assertEquals(
          "Everyone in the Sales division",
          e.mustGroup("div.sales").profile().get("description"),
          "the saved plan also fixed the drift");
      Cli.Result none = e.run("plan", "--detailed-exitcode");
      assertEquals(ExitCode.OK, none.code(), none.toString());
      assertTrue(none.out().contains("No changes. Okta matches the manifests."));
    }
  }

  @Test
  void applyAsksUnlessAutoApprovedAndRefusesWhenNobodyCanAnswer() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      Cli.Result noTty = e.run("apply");
      assertEquals(ExitCode.USAGE, noTty.code(), noTty.toString());
      assertTrue(noTty.err().contains("--auto-approve"));
      assertTrue(e.group("div.security").isEmpty());

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      Main no =
          new Main(
              new PrintWriter(out),
              new PrintWriter(err),
              new Env(Map.of("OKTA_API_TOKEN", e.sandbox.token()), e.repo, e.clock),
              new BufferedReader(new StringReader("no\n")));
      assertEquals(
          ExitCode.OK, no.run("apply", "--repo", e.repo.toString(), "--okta-url", e.sandbox.url()));
      assertTrue(err.toString().contains("not applied"));
      assertTrue(e.group("div.security").isEmpty());

      Main yes =
          new Main(
              new PrintWriter(new StringWriter()),
              new PrintWriter(new StringWriter()),
              new Env(Map.of("OKTA_API_TOKEN", e.sandbox.token()), e.repo, e.clock),
              new BufferedReader(new StringReader("yes\n")));
      assertEquals(
          ExitCode.OK,
          yes.run("apply", "--repo", e.repo.toString(), "--okta-url", e.sandbox.url()));
      assertTrue(e.group("div.security").isPresent());
    }
  }

  @Test
  void formatsAndTheTokenNeverAppears() throws Exception {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      Cli.Result json = e.run("plan", "--format", "json");
      assertEquals(ExitCode.OK, json.code());
      JsonNode doc = E2E.JSON.readTree(json.out()); // stdout is only the document
      assertTrue(doc.get("changes").size() > 50);
      dev.oktagroups.plan.PlanSchemaTest.schema().validate(new org.json.JSONObject(json.out()));
      assertTrue(json.err().contains("read Okta in"), "progress goes to standard error");
      Cli.Result md = e.run("plan", "--format", "markdown");
      assertTrue(md.out().startsWith("### okta-groups plan"));
      assertTrue(md.out().contains("<details><summary><code>div.security</code>"));
      Cli.Result rec = e.run("reconcile");
      for (Cli.Result r : new Cli.Result[] {json, md, rec}) {
        assertFalse((r.out() + r.err()).contains(e.sandbox.token()), "the token leaked");
      }
    }
  }

  @Test
  void missingCredentialsAndOrgAreUsageErrors() {
    Path repo = dev.oktagroups.testing.Repo.copyOwnGroups(tmp.resolve("repo"));
    Cli.Result noToken =
        Cli.create()
            .run("plan", "--repo", repo.toString(), "--okta-url", "https://example.okta.com");
    assertEquals(ExitCode.USAGE, noToken.code());
    assertTrue(noToken.err().contains("OKTA_API_TOKEN"), noToken.err());
    Cli.Result http =
        Cli.create()
            .env("OKTA_API_TOKEN", "x")
            .run("plan", "--repo", repo.toString(), "--okta-url", "http://example.okta.com");
    assertEquals(ExitCode.USAGE, http.code());
    assertTrue(http.err().contains("https"), http.err());
    Cli.Result both =
        Cli.create()
            .run(
                "plan", "--repo", repo.toString(), "--okta-url", "https://x.okta.com", "--sandbox");
    assertEquals(ExitCode.USAGE, both.code());
  }

  @Test
  void invalidManifestsAreNeverPlanned() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.write(
          "groups/managed/div.security.yaml",
          e.read("groups/managed/div.security.yaml").replace("kind: managed", "kind: managd"));
      Cli.Result r = e.run("reconcile");
      assertEquals(ExitCode.INVALID, r.code(), r.toString());
      assertTrue(r.err().contains("schema/invalid-value"), r.err());
      assertTrue(e.group("div.sales").isEmpty(), "nothing was applied");
    }
  }
}
