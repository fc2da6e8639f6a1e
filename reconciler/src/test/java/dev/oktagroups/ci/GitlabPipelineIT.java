package dev.oktagroups.ci;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.oktagroups.cli.EmbeddedSandbox;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The repository's own .gitlab-ci.yml, run locally with gitlab-ci-local as GitLab would run it: a
 * merge-request pipeline (validate, and plan posting a note to WireMock standing in for GitLab's
 * API), a default-branch pipeline (validate, and apply to a sandbox org over HTTP), and a scheduled
 * drift check. Needs the packaged jar, so failsafe runs it after {@code package}.
 */
class GitlabPipelineIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JAR = System.getProperty("okta-groups.jar", "target/okta-groups.jar");

  @BeforeAll
  static void tools() throws Exception {
    GitlabPipeline.installTools();
    assertTrue(Files.isRegularFile(Path.of(JAR)), "the packaged jar is missing: " + JAR);
  }

  private static Map<String, String> mergeRequest() {
    return Map.of(
        "CI_PIPELINE_SOURCE",
        "merge_request_event",
        "OKTA_GROUPS_JAR",
        Path.of(JAR).toAbsolutePath().toString());
  }

  @Test
  void mergeRequestValidatePassesOnTheRepositoryGroups(@TempDir Path tmp) throws Exception {
    GitlabPipeline g = GitlabPipeline.create(tmp);
    GitlabPipeline.Run run = g.run(mergeRequest());
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.ran("validate"), run.toString());
    assertTrue(run.ran("build"), "the jar is built once, by its own job: " + run);
    System.out.printf(
        "validate job: %.2f s (docs/benchmarks.md)%n", run.seconds("validate").orElseThrow());
    Path junit = run.artifacts().resolve("validate/reports/validation-junit.xml");
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(Files.readAllBytes(junit)));
    assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    assertTrue(doc.getElementsByTagName("testcase").getLength() > 20);
    JsonNode cq =
        JSON.readTree(run.artifacts().resolve("validate/reports/codequality.json").toFile());
    assertEquals(0, cq.size());
  }

  @Test
  void mergeRequestValidateFailsOnABrokenManifest(@TempDir Path tmp) throws Exception {
    GitlabPipeline g = GitlabPipeline.create(tmp);
    Path f = g.dir().resolve("groups/managed/div.security.yaml");
    Files.writeString(
        f,
        Files.readString(f)
            + "members:\n  - user: jordan.ames@example.com\n    request: https://gitlab.example.com/access-requests/-/issues/1\n");
    g.commit("add a member to a managed group");
    GitlabPipeline.Run run = g.run(mergeRequest());
    assertNotEquals(0, run.code(), run.toString());
    assertTrue(run.output().contains("kind/managed-members"), run.toString());
    JsonNode cq =
        JSON.readTree(run.artifacts().resolve("validate/reports/codequality.json").toFile());
    assertEquals(1, cq.size(), "the report is published even when the job fails");
    assertEquals("kind/managed-members", cq.get(0).get("check_name").asText());
    assertEquals(
        "groups/managed/div.security.yaml", cq.get(0).get("location").get("path").asText());
  }

  @Test
  void mergeRequestPipelinePostsThePlanAsANote(@TempDir Path tmp) throws Exception {
    WireMockServer gitlab = new WireMockServer(options().dynamicPort());
    gitlab.start();
    try {
      String notes = "/api/v4/projects/77/merge_requests/5/notes";
      gitlab.stubFor(
          get(urlPathEqualTo("/api/v4/user"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"id\":3}")));
      gitlab.stubFor(
          get(urlPathEqualTo(notes))
              .willReturn(
                  aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
      gitlab.stubFor(
          post(urlPathEqualTo(notes))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"id\":1}")));
      GitlabPipeline g = GitlabPipeline.create(tmp);
      String base = g.head();
      Path f = g.dir().resolve("groups/manual/app.figma.admins.yaml");
      Files.writeString(
          f,
          Files.readString(f)
              .replace(
                  "description: Figma administrators", "description: Figma org administrators"));
      g.commit("rename the Figma admins' description");

      Map<String, String> vars = new HashMap<>(mergeRequest());
      vars.put("CI_MERGE_REQUEST_IID", "5");
      vars.put("CI_PROJECT_ID", "77");
      vars.put("CI_API_V4_URL", "http://127.0.0.1:" + gitlab.port() + "/api/v4");
      vars.put("CI_MERGE_REQUEST_DIFF_BASE_SHA", base);
      vars.put("OKTA_GROUPS_GITLAB_TOKEN", "glpat-ci-token-123");
      GitlabPipeline.Run run = g.run(vars);
      assertEquals(0, run.code(), run.toString());
      assertTrue(run.ran("validate") && run.ran("plan"), run.toString());
      assertFalse(
          run.ran("apply") || run.ran("drift"), "no apply or drift in a merge request: " + run);
      assertFalse(
          run.output().contains("glpat-ci-token-123"), "the token stays out of the job log");

      var posted = gitlab.findAll(postRequestedFor(urlPathEqualTo(notes)));
      assertEquals(1, posted.size(), run.toString());
      String note = JSON.readTree(posted.get(0).getBodyAsString()).path("body").asText();
      assertTrue(note.contains("Offline plan"), note);
      assertTrue(note.contains("**Plan: 0 to create, 1 to update, 0 to delete"), note);
      assertTrue(note.contains("~ app.figma.admins (groups/manual/app.figma.admins.yaml)"), note);
      assertTrue(
          Files.readString(run.artifacts().resolve("plan/okta-groups-plan.txt"))
              .contains("Figma org administrators"));
      assertEquals(
          "offline",
          JSON.readTree(run.artifacts().resolve("plan/okta-groups-plan.json").toFile())
              .path("org")
              .asText());
    } finally {
      gitlab.stop();
    }
  }

  @Test
  void defaultBranchPipelineAppliesTheMergedCommitAndTheScheduleReportsDrift(@TempDir Path tmp)
      throws Exception {
    GitlabPipeline g = GitlabPipeline.create(tmp);
    ValidationResult v = new Validator(LocalDate.now()).validate(DirectorySource.read(g.dir()));
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, 300, 9, "ci-pipeline-token-0123456789", 600.0, true, null);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
      Map<String, String> vars = new HashMap<>();
      vars.put("OKTA_GROUPS_JAR", Path.of(JAR).toAbsolutePath().toString());
      vars.put("OKTA_ORG_URL", s.url());
      vars.put("OKTA_API_TOKEN", s.token());
      vars.put("CI_PIPELINE_SOURCE", "push");

      GitlabPipeline.Run push = g.run(vars);
      assertEquals(0, push.code(), push.toString());
      assertTrue(push.ran("validate") && push.ran("apply"), push.toString());
      assertFalse(push.ran("plan") || push.ran("drift"), push.toString());
      assertEquals(
          v.manifests().size(),
          s.org().allGroups().stream()
              .filter(
                  x ->
                      "gitlab.example.com/corpsec/okta-groups"
                          .equals(x.profile().get("okta_groups_managed_by")))
              .count());
      String applied = Files.readString(push.artifacts().resolve("apply/okta-groups-apply.txt"));
      assertTrue(applied.contains("Applied "), applied);
      assertEquals(
          g.head(),
          JSON.readTree(push.artifacts().resolve("apply/okta-groups-plan.json").toFile())
              .path("source")
              .path("commit")
              .asText());
      assertFalse(push.output().contains(s.token()), "the Okta token stays out of the job log");

      vars.put("CI_PIPELINE_SOURCE", "schedule");
      GitlabPipeline.Run calm = g.run(vars);
      assertEquals(0, calm.code(), calm.toString());
      assertTrue(calm.ran("drift") && !calm.ran("validate") && !calm.ran("apply"), calm.toString());
      assertTrue(calm.output().contains("No drift"), calm.toString());

      Group figma =
          s.org().allGroups().stream()
              .filter(x -> x.name().equals("app.figma.admins"))
              .findFirst()
              .orElseThrow();
      Map<String, Object> edited = new LinkedHashMap<>(figma.profile());
      edited.put("description", "edited in the admin console");
      s.org().replaceGroup(figma.id(), edited);
      GitlabPipeline.Run drifted = g.run(vars);
      assertNotEquals(0, drifted.code(), drifted.toString());
      assertTrue(drifted.output().contains("DRIFT: Okta differs from main"), drifted.toString());
      assertTrue(drifted.output().contains("app.figma.admins"), drifted.toString());
      assertTrue(drifted.output().contains("edited in the admin console"), drifted.toString());
    }
  }
}
