package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks exchanges the sandbox served against Okta's official OpenAPI spec: the operation exists,
 * the status is one it declares, the request body and the response body validate against the spec's
 * schemas, and the query parameters are ones it declares.
 *
 * <p>Where live Okta differs from the spec, or Okta added a behaviour after the spec's release,
 * {@link #KNOWN_DIFFERENCES} says so and the check follows live Okta; docs/sandbox.md lists them.
 */
final class SpecContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Live behaviour that differs from spec 2026.06.3, keyed by "METHOD /path/{}". */
  static final Map<String, String> KNOWN_DIFFERENCES =
      Map.of(
          "POST /api/v1/apps/{}/group-push/mappings 200",
              "live Okta answers 200 where the spec says 201 (recorded from live orgs)",
          "DELETE /api/v1/apps/{}/group-push/mappings/{} 200",
              "live Okta answers 200 with an empty body where the spec says 204",
          "GET /api/v1/groups/{}/users/{}/group-rules 200",
              "GA 2026.06.0; the spec declares the path without operations",
          "GET /api/v1/groups/{}/users expand",
              "expand on member lists is GA 2026.06.0; the spec predates it");

  private static volatile SpecContract instance;

  private final JsonNode spec;
  private final JSONObject components;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  private SpecContract(JsonNode spec) {
    this.spec = spec;
    // Only the schemas: components.examples holds example documents with $ids that everit
    // would try to index as resolution scopes.
    ObjectNode comps = JsonNodeFactory.instance.objectNode();
    comps.set("schemas", convert(spec.get("components").get("schemas").deepCopy()));
    this.components = new JSONObject(new JSONTokener(comps.toString()));
  }

  /** The spec, parsed once per JVM (it is 3.4 MB). */
  static SpecContract get() {
    if (instance == null) {
      synchronized (SpecContract.class) {
        if (instance == null) {
          try (InputStream in =
              SpecContract.class.getResourceAsStream(
                  "/okta/okta-management-openapi-2026.06.3.yaml")) {
            // The spec shares schemas through YAML anchors. Jackson's YAML tree would read each
            // alias as its name ("ref_0"), so compose with SnakeYAML, which expands them.
            LoaderOptions lo = new LoaderOptions();
            lo.setCodePointLimit(16 * 1024 * 1024);
            lo.setMaxAliasesForCollections(10_000);
            Object doc = new Yaml(new SafeConstructor(lo)).load(in);
            instance = new SpecContract(JSON.valueToTree(doc));
          } catch (Exception e) {
            throw new IllegalStateException("cannot load the Okta spec", e);
          }
        }
      }
    }
    return instance;
  }

  /** Every violation in {@code x}; empty when it conforms. Control-API exchanges are skipped. */
  List<String> check(Exchange x) {
    List<String> out = new ArrayList<>();
    if (x.path().startsWith("/__sandbox/") || !x.path().startsWith("/api/")) {
      return out;
    }
    String where =
        x.method()
            + " "
            + x.path()
            + (x.query().isEmpty() ? "" : "?" + x.query())
            + " -> "
            + x.status();
    if (x.template().isEmpty()) {
      validateError(x, where, out);
      return out;
    }
    String key = x.method() + " " + normalize(x.template());
    Map.Entry<String, JsonNode> op = operation(x.method(), x.template());
    String status = Integer.toString(x.status());
    if (op == null) {
      String known = KNOWN_DIFFERENCES.get(key + " " + status);
      if (known == null) {
        out.add(where + ": the spec has no operation " + key);
      } else if (x.status() < 300 && x.responseBody().length > 0 && key.endsWith("/group-rules")) {
        validate(
            "#/components/schemas/GroupRule", true, x.responseBody(), where + " response", out);
      }
      return out;
    }
    JsonNode operation = op.getValue();
    checkQuery(x, operation, key, where, out);
    // A request the spec forbids is only the sandbox's problem if it accepted it; rejecting one
    // with 4xx is correct behaviour, and tests send such requests on purpose.
    if (x.requestBody().length > 0 && x.status() < 400) {
      JsonNode rb =
          operation.path("requestBody").path("content").path("application/json").path("schema");
      if (rb.isMissingNode()) {
        out.add(where + ": a request body was sent where the spec defines none");
      } else {
        validate(
            schemaKey(op.getKey(), x.method(), "request"),
            rb,
            x.requestBody(),
            where + " request",
            out);
      }
    }
    JsonNode responses = operation.path("responses");
    if (x.status() >= 400) {
      validateError(x, where, out);
      return out;
    }
    JsonNode resp = responses.get(status);
    String known = KNOWN_DIFFERENCES.get(key + " " + status);
    if (resp == null && known != null) {
      // Follow live Okta's status, with the spec's body for the operation's success response.
      Iterator<String> codes = responses.fieldNames();
      while (codes.hasNext() && resp == null) {
        String c = codes.next();
        if (c.startsWith("2")) {
          resp = responses.get(c);
          status = c;
        }
      }
    } else if (resp == null) {
      out.add(
          where
              + ": status "
              + status
              + " is not one the spec declares ("
              + iterable(responses.fieldNames())
              + ")");
      return out;
    }
    JsonNode schema = resp.path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) {
      if (x.responseBody().length > 0) {
        out.add(where + ": a body was returned where the spec defines none");
      }
    } else if (x.responseBody().length == 0) {
      if (known == null) {
        out.add(where + ": the spec defines a response body but none was returned");
      }
    } else {
      validate(
          schemaKey(op.getKey(), x.method(), status),
          schema,
          x.responseBody(),
          where + " response",
          out);
    }
    return out;
  }

  private void checkQuery(
      Exchange x, JsonNode operation, String key, String where, List<String> out) {
    if (x.query().isEmpty()) {
      return;
    }
    Set<String> declared = new java.util.HashSet<>();
    for (JsonNode p : iterableNodes(operation.path("parameters"))) {
      JsonNode param = p.has("$ref") ? spec.at(p.get("$ref").asText().substring(1)) : p;
      if ("query".equals(param.path("in").asText())) {
        declared.add(param.path("name").asText());
      }
    }
    for (String pair : x.query().split("&")) {
      String name =
          java.net.URLDecoder.decode(
              pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair,
              java.nio.charset.StandardCharsets.UTF_8);
      if (!declared.contains(name) && !KNOWN_DIFFERENCES.containsKey(key + " " + name)) {
        out.add(
            where
                + ": query parameter '"
                + name
                + "' is not declared by the spec ("
                + declared
                + ")");
      }
    }
  }

  private void validateError(Exchange x, String where, List<String> out) {
    if (x.status() == 0) {
      return; // an injected connection reset has no response
    }
    if (x.responseBody().length == 0) {
      out.add(where + ": an error without Okta's error body");
      return;
    }
    validate("#/components/schemas/Error", false, x.responseBody(), where + " error", out);
    JsonNode e = parse(x.responseBody());
    for (String f : List.of("errorCode", "errorSummary", "errorLink", "errorId", "errorCauses")) {
      if (e == null || !e.has(f)) {
        out.add(where + ": error body lacks " + f);
      }
    }
  }

  private void validate(String ref, boolean array, byte[] body, String where, List<String> out) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    if (array) {
      s.put("type", "array");
      s.putObject("items").put("$ref", ref);
    } else {
      s.put("$ref", ref);
    }
    validate(ref + (array ? "[]" : ""), s, body, where, out);
  }

  private void validate(
      String cacheKey, JsonNode schema, byte[] body, String where, List<String> out) {
    Schema compiledSchema = compiled.computeIfAbsent(cacheKey, k -> compile(schema));
    Object instance;
    try {
      String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
      instance = text.startsWith("[") ? new org.json.JSONArray(text) : new JSONObject(text);
    } catch (RuntimeException e) {
      out.add(where + ": not JSON: " + e.getMessage());
      return;
    }
    try {
      compiledSchema.validate(instance);
    } catch (ValidationException e) {
      for (String m : e.getAllMessages()) {
        out.add(where + ": " + m);
      }
    }
  }

  private Schema compile(JsonNode schema) {
    JsonNode converted = convert(schema.deepCopy());
    JSONObject root = new JSONObject(new JSONTokener(converted.toString()));
    root.put("components", components);
    return SchemaLoader.builder().schemaJson(root).draftV7Support().build().load().build();
  }

  private Map.Entry<String, JsonNode> operation(String method, String template) {
    String want = normalize(template);
    Iterator<Map.Entry<String, JsonNode>> it = spec.get("paths").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> p = it.next();
      if (normalize(p.getKey()).equals(want)) {
        JsonNode op = p.getValue().get(method.toLowerCase(java.util.Locale.ROOT));
        return op == null ? null : Map.entry(p.getKey(), op);
      }
    }
    return null;
  }

  /** The OAuth scopes the spec's {@code oauth2} security names for an operation; empty if none. */
  List<String> oauthScopes(String method, String template) {
    Map.Entry<String, JsonNode> op = operation(method, template);
    List<String> out = new ArrayList<>();
    if (op != null) {
      for (JsonNode sec : op.getValue().path("security")) {
        sec.path("oauth2").forEach(s -> out.add(s.asText()));
      }
    }
    return out;
  }

  private static String schemaKey(String path, String method, String part) {
    return method + " " + path + " " + part;
  }

  static String normalize(String template) {
    return template.replaceAll("\\{[^}]+}", "{}");
  }

  /**
   * Adapts OpenAPI 3.0 schema objects to the JSON Schema draft everit validates: nullable becomes a
   * type union, boolean exclusive bounds become numeric ones, and formats everit does not know
   * (int32, int64, password…) are dropped rather than rejected.
   */
  static JsonNode convert(JsonNode n) {
    if (n.isArray()) {
      ArrayNode a = (ArrayNode) n;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, convert(a.get(i)));
      }
      return a;
    }
    if (!n.isObject()) {
      return n;
    }
    ObjectNode o = (ObjectNode) n;
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    for (String k : names) {
      // examples and vendor extensions are data, not schemas: leave them untouched
      if (k.equals("example")
          || k.equals("examples")
          || k.startsWith("x-")
          || k.equals("enum")
          || k.equals("default")) {
        continue;
      }
      o.set(k, convert(o.get(k)));
    }
    // Spec-internal ids such as http://{yourOktaDomain}/… are not valid URIs, and references
    // resolve by JSON pointer anyway.
    o.remove("$id");
    if (o.path("id").isTextual() && o.get("id").asText().contains("://")) {
      o.remove("id");
    }
    if (o.path("format").isTextual()
        && !Set.of("date-time", "email", "uri", "ipv4", "ipv6", "hostname")
            .contains(o.get("format").asText())) {
      o.remove("format");
    }
    if (o.path("exclusiveMinimum").isBoolean()) {
      boolean ex = o.remove("exclusiveMinimum").asBoolean();
      if (ex && o.has("minimum")) {
        o.set("exclusiveMinimum", o.remove("minimum"));
      }
    }
    if (o.path("exclusiveMaximum").isBoolean()) {
      boolean ex = o.remove("exclusiveMaximum").asBoolean();
      if (ex && o.has("maximum")) {
        o.set("exclusiveMaximum", o.remove("maximum"));
      }
    }
    if (o.path("nullable").asBoolean(false)) {
      o.remove("nullable");
      if (o.has("type") && o.get("type").isTextual()) {
        ArrayNode t = JsonNodeFactory.instance.arrayNode().add(o.get("type").asText()).add("null");
        o.set("type", t);
        if (o.has("enum")) {
          ((ArrayNode) o.get("enum")).addNull();
        }
      } else {
        ObjectNode copy = o.deepCopy();
        o.removeAll();
        o.putArray("anyOf").add(copy).addObject().put("type", "null");
      }
    }
    JsonNode disc = o.path("discriminator");
    if (disc.has("propertyName")) {
      o.remove("discriminator");
      // A discriminated oneOf picks its branch by the property's value; JSON Schema says that
      // with one if/then per mapping entry. Plain oneOf would demand that exactly one branch
      // match, which loosely-typed branches never satisfy.
      if (o.has("oneOf") && disc.has("mapping")) {
        o.remove("oneOf");
        ArrayNode all = o.putArray("allOf");
        String prop = disc.get("propertyName").asText();
        disc.get("mapping")
            .fields()
            .forEachRemaining(
                e -> {
                  ObjectNode branch = all.addObject();
                  ObjectNode cond = branch.putObject("if");
                  cond.putArray("required").add(prop);
                  cond.putObject("properties").putObject(prop).put("const", e.getKey());
                  branch.putObject("then").put("$ref", e.getValue().asText());
                });
      }
    }
    return o;
  }

  private static JsonNode parse(byte[] b) {
    try {
      return JSON.readTree(b);
    } catch (Exception e) {
      return null;
    }
  }

  private static Iterable<JsonNode> iterableNodes(JsonNode n) {
    List<JsonNode> l = new ArrayList<>();
    n.forEach(l::add);
    return l;
  }

  private static String iterable(Iterator<String> it) {
    List<String> l = new ArrayList<>();
    it.forEachRemaining(l::add);
    return String.join(", ", l);
  }

  /** Records a sandbox's exchanges and their violations. */
  static final class Recorder implements java.util.function.Consumer<Exchange> {
    private final List<String> violations =
        java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> seen = new HashMap<>();

    @Override
    public void accept(Exchange x) {
      try {
        violations.addAll(get().check(x));
      } catch (RuntimeException e) {
        violations.add(x.method() + " " + x.path() + ": the contract check itself failed: " + e);
      }
      synchronized (seen) {
        seen.merge(x.method() + " " + x.template(), 1, Integer::sum);
      }
    }

    List<String> violations() {
      return List.copyOf(violations);
    }

    Set<String> seen() {
      synchronized (seen) {
        return Set.copyOf(seen.keySet());
      }
    }
  }
}
