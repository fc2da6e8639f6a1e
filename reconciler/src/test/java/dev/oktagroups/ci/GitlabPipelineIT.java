package dev.oktagroups.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The repository's own .gitlab-ci.yml, run locally with gitlab-ci-local as GitLab would run it
 * for a merge request. Needs the packaged jar, so failsafe runs it after {@code package}.
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
    return Map.of("CI_PIPELINE_SOURCE", "merge_request_event", "OKTA_GROUPS_JAR", Path.of(JAR).toAbsolutePath().toString());
  }

  @Test
  void mergeRequestValidatePassesOnTheRepositoryGroups(@TempDir Path tmp) throws Exception {
    GitlabPipeline g = GitlabPipeline.create(tmp);
    GitlabPipeline.Run run = g.run(mergeRequest());
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.ran("validate"), run.toString());
    Path junit = run.artifacts().resolve("validate/reports/validation-junit.xml");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readAllBytes(junit)));
    assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    assertTrue(doc.getElementsByTagName("testcase").getLength() > 20);
    JsonNode cq = JSON.readTree(run.artifacts().resolve("validate/reports/codequality.json").toFile());
    assertEquals(0, cq.size());
  }

  @Test
  void mergeRequestValidateFailsOnABrokenManifest(@TempDir Path tmp) throws Exception {
    GitlabPipeline g = GitlabPipeline.create(tmp);
    Path f = g.dir().resolve("groups/managed/div.security.yaml");
    Files.writeString(f, Files.readString(f) + "members:\n  - user: jordan.ames@example.com\n    request: https://gitlab.example.com/access-requests/-/issues/1\n");
    g.commit("add a member to a managed group");
    GitlabPipeline.Run run = g.run(mergeRequest());
    assertNotEquals(0, run.code(), run.toString());
    assertTrue(run.output().contains("kind/managed-members"), run.toString());
    JsonNode cq = JSON.readTree(run.artifacts().resolve("validate/reports/codequality.json").toFile());
    assertEquals(1, cq.size(), "the report is published even when the job fails");
    assertEquals("kind/managed-members", cq.get(0).get("check_name").asText());
    assertEquals("groups/managed/div.security.yaml", cq.get(0).get("location").get("path").asText());
  }
}
