package dev.oktagroups.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.diag.SourceRef;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.validate.ValidationResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FindingsFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ValidationResult result(Diagnostic... ds) {
    return new ValidationResult(
        OrgConfig.defaults(),
        List.of(),
        List.of(ds),
        List.of("okta-groups.yaml", "groups/a.yaml", "groups/b.yaml", "groups/c & <d>.yaml"));
  }

  private static final Diagnostic ERR =
      Diagnostic.of(
          Rule.KIND_MANAGED_MEMBERS,
          SourceRef.of("groups/a.yaml", 7, 1),
          "managed groups never take <manual> additions",
          "use hybrid");
  private static final Diagnostic WARN =
      Diagnostic.of(
          Rule.MEMBERS_EXPIRED,
          SourceRef.of("groups/b.yaml", 12, 14),
          "access expired",
          "delete it");

  @Test
  void aFindingOnAMissingFileCountsThatFile() {
    ValidationResult missingConfig =
        new ValidationResult(
            OrgConfig.defaults(),
            List.of(),
            List.of(
                Diagnostic.of(
                    Rule.KIND_MANAGED_MEMBERS,
                    SourceRef.of("okta-groups.yaml", 1, 1),
                    "missing",
                    "add it")),
            List.of());
    assertEquals("1 error, 0 warnings in 1 of 1 file", FindingsFormat.summary(missingConfig));
    assertEquals(
        "2 errors, 1 warning in 2 of 4 files", FindingsFormat.summary(result(ERR, ERR, WARN)));
  }

  @Test
  void junitIsWellFormedWithOneTestCasePerFile() throws Exception {
    String xml = FindingsFormat.JUNIT.render(result(ERR, WARN), false);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(4, cases.getLength());
    Set<String> names = new HashSet<>();
    int failures = 0;
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      names.add(c.getAttribute("name"));
      failures += c.getElementsByTagName("failure").getLength();
    }
    assertEquals(4, names.size(), "GitLab keeps only the first of duplicate names");
    assertTrue(names.contains("groups/c & <d>.yaml"));
    assertEquals(1, failures, "only the file with an error fails without --strict");
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertEquals("1", suite.getAttribute("failures"));
  }

  @Test
  void strictJunitFailsFilesWithWarnings() throws Exception {
    String xml = FindingsFormat.JUNIT.render(result(ERR, WARN), true);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertEquals(2, doc.getElementsByTagName("failure").getLength());
  }

  @Test
  void codeQualityHasExactlyGitLabsFields() throws Exception {
    JsonNode arr = JSON.readTree(FindingsFormat.CODEQUALITY.render(result(ERR, WARN), false));
    assertTrue(arr.isArray());
    assertEquals(2, arr.size());
    for (JsonNode f : arr) {
      List<String> keys = new ArrayList<>();
      f.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      assertEquals(
          List.of("check_name", "description", "fingerprint", "location", "severity"), keys);
      List<String> loc = new ArrayList<>();
      f.get("location").fieldNames().forEachRemaining(loc::add);
      assertEquals(List.of("path", "lines"), loc);
      List<String> lines = new ArrayList<>();
      f.get("location").get("lines").fieldNames().forEachRemaining(lines::add);
      assertEquals(List.of("begin"), lines);
      assertTrue(
          Set.of("info", "minor", "major", "critical", "blocker")
              .contains(f.get("severity").asText()));
      assertTrue(f.get("location").get("lines").get("begin").isInt());
    }
    assertEquals("major", arr.get(0).get("severity").asText());
    assertEquals("minor", arr.get(1).get("severity").asText());
    assertEquals("kind/managed-members", arr.get(0).get("check_name").asText());
  }

  @Test
  void fingerprintsSurviveMovedLinesAndStayUnique() throws Exception {
    Diagnostic moved =
        Diagnostic.of(ERR.entry(), SourceRef.of("groups/a.yaml", 40, 1), ERR.message(), ERR.hint());
    String a =
        JSON.readTree(FindingsFormat.CODEQUALITY.render(result(ERR), false))
            .get(0)
            .get("fingerprint")
            .asText();
    String b =
        JSON.readTree(FindingsFormat.CODEQUALITY.render(result(moved), false))
            .get(0)
            .get("fingerprint")
            .asText();
    assertEquals(a, b);
    JsonNode twice = JSON.readTree(FindingsFormat.CODEQUALITY.render(result(ERR, moved), false));
    assertNotEquals(
        twice.get(0).get("fingerprint").asText(), twice.get(1).get("fingerprint").asText());
  }

  @Test
  void jsonFindingsCarryTheDocumentedFields() throws Exception {
    JsonNode root = JSON.readTree(FindingsFormat.JSON.render(result(ERR, WARN), false));
    JsonNode f = root.get("findings").get(1);
    assertEquals("groups/b.yaml", f.get("path").asText());
    assertEquals(12, f.get("line").asInt());
    assertEquals(14, f.get("column").asInt());
    assertEquals("members/expired", f.get("rule").asText());
    assertEquals("warning", f.get("severity").asText());
    assertEquals("access expired", f.get("message").asText());
    assertEquals(1, root.get("summary").get("errors").asInt());
  }

  @Test
  void textIsPathLineColumnSeverityRuleMessageThenHint() {
    String text = FindingsFormat.TEXT.render(result(ERR), false);
    assertTrue(
        text.startsWith(
            "groups/a.yaml:7:1: error kind/managed-members: managed groups never take <manual> additions\n    hint: use hybrid\n"),
        text);
    assertTrue(text.endsWith("1 error, 0 warnings in 1 of 4 files\n"), text);
  }
}
