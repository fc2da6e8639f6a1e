package dev.oktagroups.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.testing.Repo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schemas are a product: editors read them, so they must be complete and documented. */
class SchemaContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DOC_ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

  static JsonNode schema(String file) throws Exception {
    return JSON.readTree(Repo.read("schemas/" + file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"group.schema.json", "okta-groups.schema.json"})
  void draft07WithAnId(String file) throws Exception {
    JsonNode s = schema(file);
    assertEquals("http://json-schema.org/draft-07/schema#", s.get("$schema").asText());
    assertTrue(s.get("$id").asText().endsWith("/" + file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"group.schema.json", "okta-groups.schema.json"})
  void everyPropertyHasADescriptionAndExamples(String file) throws Exception {
    JsonNode s = schema(file);
    List<String> missing = new ArrayList<>();
    walkProperties(
        s,
        "",
        (path, prop) -> {
          JsonNode target = resolve(s, prop);
          boolean desc = prop.hasNonNull("description") || target.hasNonNull("description");
          boolean ex =
              (prop.has("examples") && prop.get("examples").size() > 0)
                  || (target.has("examples") && target.get("examples").size() > 0);
          if (!desc || !ex) {
            missing.add(path + (desc ? "" : " (no description)") + (ex ? "" : " (no examples)"));
          }
        });
    assertEquals(List.of(), missing);
  }

  @ParameterizedTest
  @ValueSource(strings = {"group.schema.json", "okta-groups.schema.json"})
  void recordObjectsAreClosed(String file) throws Exception {
    JsonNode s = schema(file);
    List<String> open = new ArrayList<>();
    forEachSchema(
        s,
        "#",
        (path, node) -> {
          boolean record = node.has("properties");
          if (record && !node.has("additionalProperties")) {
            open.add(path);
          }
          if (record
              && node.get("additionalProperties").isBoolean()
              && node.get("additionalProperties").asBoolean()) {
            open.add(path);
          }
        });
    assertEquals(
        List.of(),
        open,
        "objects with properties must set additionalProperties (false, or a map's value schema)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"group.schema.json", "okta-groups.schema.json"})
  void referenceDocumentsEveryFieldAndNothingElse(String file) throws Exception {
    Set<String> fromSchema = new TreeSet<>();
    JsonNode s = schema(file);
    collectPaths(s, s, "", fromSchema, new HashSet<>());
    String doc = Repo.read("docs/manifest-reference.md");
    int split = doc.indexOf("\n## okta-groups.yaml");
    String section = file.startsWith("group") ? doc.substring(0, split) : doc.substring(split);
    Set<String> fromDoc = new TreeSet<>();
    Matcher m = DOC_ROW.matcher(section);
    while (m.find()) {
      fromDoc.add(m.group(1));
    }
    Set<String> undocumented = new TreeSet<>(fromSchema);
    undocumented.removeAll(fromDoc);
    Set<String> stale = new TreeSet<>(fromDoc);
    stale.removeAll(fromSchema);
    assertEquals(Set.of(), undocumented, "fields missing from docs/manifest-reference.md");
    assertEquals(Set.of(), stale, "documented fields the schema does not have");
  }

  /** Field paths as the reference writes them: a.b, list[].field, map.<key>.field. */
  private static void collectPaths(
      JsonNode root, JsonNode node, String path, Set<String> out, Set<String> seenRefs) {
    JsonNode n = node;
    if (n.has("$ref")) {
      String ref = n.get("$ref").asText();
      if (!seenRefs.add(ref + "@" + path.split("\\.")[0])) {
        return;
      }
      n = resolve(root, n);
    }
    if (n.has("properties")) {
      Iterator<Map.Entry<String, JsonNode>> it = n.get("properties").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        out.add(p);
        collectPaths(root, e.getValue(), p, out, new HashSet<>(seenRefs));
      }
    }
    if (n.has("additionalProperties") && n.get("additionalProperties").isObject()) {
      String p = path + ".<key>";
      JsonNode ap = resolve(root, n.get("additionalProperties"));
      if (ap.has("properties") || path.equals("rule")) {
        out.add(p);
      }
      collectPaths(root, n.get("additionalProperties"), p, out, new HashSet<>(seenRefs));
    }
    if (n.has("items") && n.get("items").isObject()) {
      // An item gets its own row when its schema is documented and is not a plain record (a
      // record's fields get rows instead): owners[] and apps[], but not members[].
      JsonNode items = resolve(root, n.get("items"));
      String p = path + "[]";
      boolean plainRecord = "object".equals(items.path("type").asText());
      if (items.has("description") && !plainRecord) {
        out.add(p);
      }
      collectPaths(root, n.get("items"), p, out, new HashSet<>(seenRefs));
    }
  }

  private interface PropertyVisitor {
    void visit(String path, JsonNode prop);
  }

  private static void walkProperties(JsonNode root, String path, PropertyVisitor v) {
    forEachSchema(
        root,
        "#",
        (p, node) -> {
          if (node.has("properties")) {
            node.get("properties")
                .fields()
                .forEachRemaining(e -> v.visit(p + "/" + e.getKey(), e.getValue()));
          }
        });
  }

  private interface SchemaVisitor {
    void visit(String path, JsonNode node);
  }

  /** Visits every subschema in the document, including definitions. */
  private static void forEachSchema(JsonNode node, String path, SchemaVisitor v) {
    if (!node.isObject()) {
      return;
    }
    v.visit(path, node);
    for (String k : List.of("properties", "definitions")) {
      if (node.has(k)) {
        node.get(k)
            .fields()
            .forEachRemaining(
                e -> forEachSchema(e.getValue(), path + "/" + k + "/" + e.getKey(), v));
      }
    }
    for (String k : List.of("items", "additionalProperties", "not")) {
      if (node.has(k) && node.get(k).isObject()) {
        forEachSchema(node.get(k), path + "/" + k, v);
      }
    }
  }

  private static JsonNode resolve(JsonNode root, JsonNode node) {
    if (node.has("$ref")) {
      return root.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }
}
