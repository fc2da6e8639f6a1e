package dev.oktagroups.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.oktagroups.plan.PlanText;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan --post-mr-note against WireMock standing in for GitLab's API: the note is created once and
 * then edited in place, offline without Okta credentials, and with the validation errors when the
 * manifests are invalid.
 */
class MergeRequestNoteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOTES = "/api/v4/projects/1234/merge_requests/17/notes";
  private static final String MARKER = "<!-- okta-groups:plan:plan -->";

  @TempDir Path tmp;
  private WireMockServer gitlab;
  private GitRepo git;
  private String base;

  @BeforeEach
  void setUp() {
    gitlab = new WireMockServer(options().dynamicPort());
    gitlab.start();
    gitlab.stubFor(
        get(urlPathEqualTo("/api/v4/user"))
            .withHeader("PRIVATE-TOKEN", equalTo("glpat-note-token"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":42,\"username\":\"project_1234_bot\"}")));
    git = GitRepo.init(tmp.resolve("repo"));
    Repo.copyOwnGroups(git.dir);
    base = git.commit("the target branch");
  }

  @AfterEach
  void tearDown() {
    gitlab.stop();
    git.close();
  }

  private Cli cli() {
    return Cli.create()
        .cwd(git.dir)
        .env("CI_API_V4_URL", "http://127.0.0.1:" + gitlab.port() + "/api/v4")
        .env("CI_PROJECT_ID", "1234")
        .env("CI_MERGE_REQUEST_IID", "17")
        .env("CI_MERGE_REQUEST_DIFF_BASE_SHA", base)
        .env("CI_PIPELINE_URL", "https://gitlab.example.com/corpsec/okta-groups/-/pipelines/900")
        .env("CI_JOB_URL", "https://gitlab.example.com/corpsec/okta-groups/-/jobs/901")
        .env("OKTA_GROUPS_GITLAB_TOKEN", "glpat-note-token");
  }

  /** Notes list: empty until a note is posted, then ours (and a stranger's quoting our marker). */
  private void statefulNotes() {
    gitlab.stubFor(
        get(urlPathEqualTo(NOTES))
            .inScenario("note")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
    gitlab.stubFor(
        post(urlPathEqualTo(NOTES))
            .inScenario("note")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":7}"))
            .willSetStateTo("posted"));
    gitlab.stubFor(
        get(urlPathEqualTo(NOTES))
            .inScenario("note")
            .whenScenarioStateIs("posted")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
            [{"id":3,"system":false,"author":{"id":99},"body":"I copied this: <!-- okta-groups:plan:plan -->"},
             {"id":5,"system":true,"author":{"id":42},"body":"added 1 commit <!-- okta-groups:plan:plan -->"},
             {"id":7,"system":false,"author":{"id":42},"body":"<!-- okta-groups:plan:plan -->\\nold plan"}]""")));
    gitlab.stubFor(
        put(urlPathEqualTo(NOTES + "/7"))
            .inScenario("note")
            .whenScenarioStateIs("posted")
            .willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody("{\"id\":7}")));
  }

  private static String body(LoggedRequest r) {
    try {
      return JSON.readTree(r.getBodyAsString()).path("body").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anOfflineNoteIsPostedOnceThenUpdatedInPlace() throws Exception {
    statefulNotes();
    git.write(
            "groups/manual/app.figma.admins.yaml",
            Repo.read("groups/manual/app.figma.admins.yaml")
                .replace(
                    "description: Figma administrators",
                    "description: Figma organisation administrators"))
        .move("groups/managed/country.no.yaml", "groups/country/country.no.yaml")
        .delete("groups/managed/div.sales.yaml");
    git.commit("the merge request");

    Cli.Result r =
        cli().run("plan", "--post-mr-note", "--out", tmp.resolve("plan.json").toString());
    assertEquals(ExitCode.OK, r.code(), r.toString());
    assertTrue(r.err().contains("no Okta credentials"), r.err());
    assertTrue(r.err().contains("posted the plan note on merge request !17"), r.err());
    List<LoggedRequest> posts = gitlab.findAll(postRequestedFor(urlPathEqualTo(NOTES)));
    assertEquals(1, posts.size());
    String note = body(posts.get(0));
    assertTrue(note.startsWith(MARKER), note);
    assertTrue(note.contains("Offline plan: Okta was not read"), note);
    assertTrue(
        note.contains("\n\n**Impact on people not known: it needs Okta access"),
        "an offline note says so first: " + note.substring(0, 400));
    assertTrue(note.contains("target branch at `" + PlanText.shortSha(base) + "`"), note);
    // Exactly what this merge request changes, nothing else: one update, one group deleted with its
    // rule.
    assertTrue(note.contains("**Plan: 0 to create, 1 to update, 2 to delete"), note);
    assertTrue(note.contains("Figma organisation administrators"), note);
    assertTrue(note.contains("- `- div.sales (groups/managed/div.sales.yaml)`"), note);
    assertTrue(
        note.contains(
            "- `> country.no (moved groups/managed/country.no.yaml to groups/country/country.no.yaml)`"),
        note);
    assertTrue(
        note.contains("[pipeline](https://gitlab.example.com/corpsec/okta-groups/-/pipelines/900)"),
        note);
    assertEquals(
        "offline", JSON.readTree(Files.readString(tmp.resolve("plan.json"))).path("org").asText());

    // The next pipeline edits the same note: no second note, the stranger's and the system note
    // untouched.
    git.write("groups/managed/div.sales.yaml", Repo.read("groups/managed/div.sales.yaml"));
    git.commit("keep Sales after all");
    Cli.Result again = cli().run("plan", "--post-mr-note");
    assertEquals(ExitCode.OK, again.code(), again.toString());
    assertTrue(again.err().contains("updated the plan note"), again.err());
    assertEquals(1, gitlab.findAll(postRequestedFor(urlPathEqualTo(NOTES))).size());
    List<LoggedRequest> puts = gitlab.findAll(putRequestedFor(urlPathEqualTo(NOTES + "/7")));
    assertEquals(1, puts.size());
    assertEquals(0, gitlab.findAll(putRequestedFor(urlPathEqualTo(NOTES + "/3"))).size());
    assertEquals(0, gitlab.findAll(putRequestedFor(urlPathEqualTo(NOTES + "/5"))).size());
    String updated = body(puts.get(0));
    assertTrue(updated.contains("**Plan: 0 to create, 1 to update, 0 to delete"), updated);
    assertFalse(updated.contains("div.sales"), updated);
    assertTrue(puts.get(0).getHeader("PRIVATE-TOKEN").equals("glpat-note-token"));

    // An offline plan is for review only.
    Cli.Result apply =
        Cli.create()
            .cwd(git.dir)
            .env("OKTA_API_TOKEN", "x")
            .run("apply", tmp.resolve("plan.json").toString(), "--auto-approve");
    assertEquals(ExitCode.USAGE, apply.code(), apply.toString());
    assertTrue(apply.err().contains("offline plan"), apply.err());
  }

  @Test
  void invalidManifestsPostTheFindingsAndExit3() {
    statefulNotes();
    git.write(
        "groups/manual/app.figma.admins.yaml",
        Repo.read("groups/manual/app.figma.admins.yaml").replace("kind: manual", "kind: manuel"));
    git.commit("a typo");
    Cli.Result r = cli().run("plan", "--post-mr-note");
    assertEquals(ExitCode.INVALID, r.code(), r.toString());
    String note = body(gitlab.findAll(postRequestedFor(urlPathEqualTo(NOTES))).get(0));
    assertTrue(note.contains("The manifests are invalid: 1 error"), note);
    assertTrue(note.contains("`groups/manual/app.figma.admins.yaml:"), note);
    assertTrue(note.contains("manuel"), note);
  }

  @Test
  void aLongPlanIsSummarisedWithALinkToTheFullPlan() {
    statefulNotes();
    for (int i = 0; i < 400; i++) {
      git.write(
          String.format("groups/manual/app.zoom.team%03d.yaml", i),
          String.format(
              """
          name: app.zoom.team%03d
          kind: manual
          description: Zoom team %d, with a description long enough to make each group's section of the note take some room
          owners: ["@corpsec-identity"]
          members:
            - user: drew.kim@example.com
              reason: Team lead
              request: https://gitlab.example.com/access-requests/-/issues/%d
          apps:
            - app: zoom
          """,
              i, i, 5000 + i));
    }
    git.commit("400 groups");
    Cli.Result r = cli().run("plan", "--post-mr-note");
    assertEquals(ExitCode.OK, r.code(), r.toString());
    String note = body(gitlab.findAll(postRequestedFor(urlPathEqualTo(NOTES))).get(0));
    assertTrue(note.length() < 60_000, "length " + note.length());
    assertTrue(note.contains("too many to show here"), note.substring(0, 500));
    assertTrue(note.contains("| ... and 250 more groups |"));
    assertTrue(
        note.contains(
            "[job's artifacts](https://gitlab.example.com/corpsec/okta-groups/-/jobs/901/artifacts/browse)"));
  }

  @Test
  void withOktaCredentialsTheNoteShowsTheRealPlan() {
    statefulNotes();
    ValidationResult v =
        new Validator(LocalDate.of(2026, 11, 29)).validate(DirectorySource.read(git.dir));
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, 200, 5, "note-test-token-0123456789", 600.0, true, null);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
      Cli.Result r =
          cli()
              .env("OKTA_API_TOKEN", s.token())
              .run("plan", "--post-mr-note", "--okta-url", s.url());
      assertEquals(ExitCode.OK, r.code(), r.toString());
      String note = body(gitlab.findAll(postRequestedFor(urlPathEqualTo(NOTES))).get(0));
      assertFalse(note.contains("Offline"), note);
      assertTrue(note.contains("Org `" + s.url() + "`"), note);
      // The note leads with the people: everyone the rules and manifests name joins a new group.
      int impact = note.indexOf(" people gain, 0 lose access");
      assertTrue(impact > 0 && impact < note.indexOf("**Plan: "), note);
      // Nothing exists in the sandbox yet: every group is created, and the schema attribute added.
      assertTrue(note.contains("#### Setup"), note);
      assertTrue(note.contains("**Plan: ") && !note.contains("**Plan: 0 to create"), note);
      assertTrue(note.contains("<code>app.figma.admins</code>"), note);
    }
  }

  @Test
  void missingVariablesAndARefusedTokenAreClearErrors() {
    Cli.Result r = Cli.create().cwd(git.dir).run("plan", "--post-mr-note");
    assertEquals(ExitCode.USAGE, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID, OKTA_GROUPS_GITLAB_TOKEN"),
        r.err());

    gitlab.stubFor(
        get(urlPathEqualTo(NOTES))
            .willReturn(
                aResponse().withStatus(401).withBody("{\"message\":\"401 Unauthorized\"}")));
    Cli.Result refused =
        cli().env("OKTA_GROUPS_GITLAB_TOKEN", "glpat-wrong").run("plan", "--post-mr-note");
    assertEquals(ExitCode.FAILURE, refused.code(), refused.toString());
    assertTrue(refused.err().contains("project access token with the api scope"), refused.err());
    assertFalse(refused.err().contains("glpat-wrong"), "the token never appears in output");
    assertTrue(
        gitlab
            .findAll(
                postRequestedFor(urlPathEqualTo(NOTES)).withHeader("PRIVATE-TOKEN", matching(".*")))
            .isEmpty());
  }

  @Test
  void theNoteJsonIsWhatGitLabExpects() throws Exception {
    statefulNotes();
    cli().run("plan", "--post-mr-note");
    LoggedRequest post = gitlab.findAll(postRequestedFor(urlPathEqualTo(NOTES))).get(0);
    assertTrue(post.getHeader("Content-Type").startsWith("application/json"));
    JsonNode n = JSON.readTree(post.getBodyAsString());
    assertEquals(1, n.size(), "only 'body' is sent");
    assertTrue(
        n.path("body")
            .asText()
            .contains("**No changes: this merge request changes nothing in Okta.**"),
        n.toString());
  }
}
