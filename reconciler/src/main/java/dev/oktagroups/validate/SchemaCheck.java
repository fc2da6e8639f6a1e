package dev.oktagroups.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.diag.SourceRef;
import dev.oktagroups.manifest.YamlDoc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * Validates a parsed YAML file against one of the bundled JSON Schemas with everit, and maps each
 * violation's JSON pointer back to a line and column in the YAML.
 *
 * <p>The schemas are the files in the repository's {@code schemas/} directory, copied into the
 * jar at build time. Thread-safe.
 */
public final class SchemaCheck {
  private static final Pattern EXTRANEOUS = Pattern.compile("extraneous key \\[(.*)] is not permitted");
  private static final Pattern REQUIRED = Pattern.compile("required key \\[(.*)] not found");

  private final Schema schema;

  private SchemaCheck(Schema schema) {
    this.schema = schema;
  }

  /** The group manifest schema, {@code schemas/group.schema.json}. */
  public static SchemaCheck group() {
    return Holder.GROUP;
  }

  /** The org configuration schema, {@code schemas/okta-groups.schema.json}. */
  public static SchemaCheck config() {
    return Holder.CONFIG;
  }

  /** Loads lazily, once: the config check alone should not pay for the group schema. */
  private static final class Holder {
    static final SchemaCheck GROUP = load("group.schema.json");
    static final SchemaCheck CONFIG = load("okta-groups.schema.json");
  }

  static SchemaCheck load(String name) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream("/schemas/" + name)) {
      if (in == null) {
        throw new IllegalStateException("schema " + name + " is missing from the jar");
      }
      JSONObject json = new JSONObject(new JSONTokener(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      return new SchemaCheck(SchemaLoader.builder().schemaJson(json).draftV7Support().build().load().build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every violation in {@code doc}, mapped to rule ids and positions; one finding per defect. */
  public List<Diagnostic> check(YamlDoc doc) {
    List<ValidationException> leaves = new ArrayList<>();
    try {
      schema.validate(toJson(doc.root()));
    } catch (ValidationException e) {
      collectLeaves(e, leaves);
    }
    // A misspelt required key shows up twice: as an unknown key and as a missing one. The
    // unknown-key finding names the fix ("did you mean"), so the missing-key one is noise.
    Set<String> suggested = new HashSet<>();
    for (ValidationException v : leaves) {
      if ("additionalProperties".equals(v.getKeyword())) {
        Matcher m = EXTRANEOUS.matcher(v.getErrorMessage());
        if (m.find() && v.getViolatedSchema() instanceof ObjectSchema os) {
          Suggest.closest(m.group(1), os.getPropertySchemas().keySet())
              .ifPresent(k -> suggested.add(pointer(v.getPointerToViolation()) + "\u0000" + k));
        }
      }
    }
    List<Diagnostic> out = new ArrayList<>();
    for (ValidationException v : leaves) {
      if ("required".equals(v.getKeyword())) {
        Matcher m = REQUIRED.matcher(v.getErrorMessage());
        if (m.find() && suggested.contains(pointer(v.getPointerToViolation()) + "\u0000" + m.group(1))) {
          continue;
        }
      }
      out.add(map(doc, v));
    }
    return out;
  }

  /**
   * Flattens everit's exception tree. A value checked against several alternatives (a
   * {@code type} list such as string-or-list-or-mapping) fails every alternative; only the
   * alternatives of the value's own type say anything useful, so the others are dropped, and when
   * every alternative fails on type alone the failure becomes one wrong-type leaf.
   */
  private static void collectLeaves(ValidationException e, List<ValidationException> out) {
    List<ValidationException> causes = e.getCausingExceptions();
    if (causes.isEmpty()) {
      out.add(e);
      return;
    }
    if (isCombined(e)) {
      List<ValidationException> relevant = causes.stream().filter(c -> !isTypeMismatch(c)).toList();
      if (relevant.isEmpty()) {
        out.add(e); // every alternative rejected the type: report it once, from the parent
        return;
      }
      relevant.forEach(c -> collectLeaves(c, out));
      return;
    }
    causes.forEach(c -> collectLeaves(c, out));
  }

  /** everit reports a failed type list as keyword anyOf (with an unrelated violated schema). */
  private static boolean isCombined(ValidationException e) {
    return "anyOf".equals(e.getKeyword()) || "oneOf".equals(e.getKeyword());
  }

  private static boolean isTypeMismatch(ValidationException e) {
    if ("type".equals(e.getKeyword())) {
      return true;
    }
    return isCombined(e)
        && !e.getCausingExceptions().isEmpty()
        && e.getCausingExceptions().stream().allMatch(SchemaCheck::isTypeMismatch);
  }

  private static Diagnostic map(YamlDoc doc, ValidationException v) {
    String ptr = pointer(v.getPointerToViolation());
    String keyword = String.valueOf(v.getKeyword());
    String msg = v.getErrorMessage();
    String where = ptr.isEmpty() ? "the top level" : "'" + ptr.substring(1) + "'";
    JsonNode value = doc.root().at(ptr);

    switch (keyword) {
      case "additionalProperties" -> {
        Matcher m = EXTRANEOUS.matcher(msg);
        String key = m.find() ? m.group(1) : "?";
        String childPtr = YamlDoc.child(ptr, key);
        Set<String> allowed =
            v.getViolatedSchema() instanceof ObjectSchema os ? os.getPropertySchemas().keySet() : Set.of();
        String hint =
            Suggest.didYouMean(key, allowed)
                + (allowed.isEmpty() ? "Remove it." : "Allowed here: " + String.join(", ", sorted(allowed)) + ".");
        return diag(Rule.SCHEMA_UNKNOWN_KEY, doc.keyRef(childPtr), "unknown key '" + key + "' in " + where, hint);
      }
      case "required" -> {
        Matcher m = REQUIRED.matcher(msg);
        String key = m.find() ? m.group(1) : "?";
        if (ptr.isEmpty() && key.equals("owners")) {
          return diag(
              Rule.OWNERS_REQUIRED,
              doc.valueRef(ptr),
              "the group has no owners",
              "Add 'owners:' with at least one GitLab handle who approves changes, e.g. [\"@corpsec-identity\"].");
        }
        return diag(
            Rule.SCHEMA_MISSING_KEY,
            doc.valueRef(ptr),
            "missing required key '" + key + "' in " + where,
            "Add '" + key + ":'. See docs/manifest-reference.md.");
      }
      case "minItems" -> {
        if (ptr.equals("/owners")) {
          return diag(
              Rule.OWNERS_REQUIRED,
              doc.valueRef(ptr),
              "the group has no owners",
              "List at least one GitLab handle who approves changes, e.g. [\"@corpsec-identity\"].");
        }
      }
      case "type", "anyOf", "oneOf" -> {
        if (ptr.equals("/push/app") && value.isArray()) {
          return diag(
              Rule.PUSH_SINGLE_APP,
              doc.valueRef(ptr),
              "a push group targets exactly one app, but " + value.size() + " are listed",
              "Okta keeps one downstream group per push group; create one manifest per app, e.g. push.google.… and push.slack.….");
        }
        return diag(Rule.SCHEMA_WRONG_TYPE, doc.valueRef(ptr), where + ": " + typeMessage(v, value), typeHint(value));
      }
      case "pattern" -> {
        if (ptr.startsWith("/owners/")) {
          return diag(
              Rule.OWNERS_FORMAT,
              doc.valueRef(ptr),
              "owner '" + value.asText() + "' is not a GitLab handle",
              "Write a GitLab user or group handle starting with @, e.g. @jdoe or @corpsec/identity.");
        }
        if (ptr.matches("/members/\\d+/expires")) {
          return diag(
              Rule.MEMBERS_INVALID_DATE,
              doc.valueRef(ptr),
              "expiry '" + value.asText() + "' is not a date",
              "Write the last day of access as YYYY-MM-DD, e.g. 2027-06-30.");
        }
      }
      default -> {
        // fall through to the generic mapping below
      }
    }
    return diag(Rule.SCHEMA_INVALID_VALUE, doc.valueRef(ptr), where + ": " + lower(msg), valueHint(keyword));
  }

  /** "expected text, a list or a mapping, found a number", in words rather than Java types. */
  private static String typeMessage(ValidationException v, JsonNode value) {
    Set<String> expected = new java.util.TreeSet<>();
    if (isCombined(v)) {
      v.getCausingExceptions().forEach(c -> collectExpected(c.getViolatedSchema(), expected));
    } else {
      collectExpected(v.getViolatedSchema(), expected);
    }
    String found = describe(value);
    if (expected.isEmpty()) {
      return lower(v.getErrorMessage());
    }
    List<String> e = new ArrayList<>(expected);
    String list = e.size() == 1 ? e.get(0)
        : String.join(", ", e.subList(0, e.size() - 1)) + " or " + e.get(e.size() - 1);
    return "expected " + list + ", found " + found;
  }

  private static void collectExpected(Schema s, Set<String> out) {
    if (s instanceof CombinedSchema c) {
      c.getSubschemas().forEach(sub -> collectExpected(sub, out));
    } else if (s instanceof org.everit.json.schema.StringSchema) {
      out.add("text");
    } else if (s instanceof org.everit.json.schema.ArraySchema) {
      out.add("a list");
    } else if (s instanceof ObjectSchema) {
      out.add("a mapping");
    } else if (s instanceof org.everit.json.schema.BooleanSchema) {
      out.add("true or false");
    } else if (s instanceof org.everit.json.schema.NumberSchema n) {
      out.add(n.requiresInteger() ? "a whole number" : "a number");
    } else if (s instanceof org.everit.json.schema.ReferenceSchema r && r.getReferredSchema() != null) {
      collectExpected(r.getReferredSchema(), out);
    }
  }

  private static String describe(JsonNode value) {
    if (value.isNull() || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isTextual()) {
      return "text";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    return "a number";
  }

  private static String typeHint(JsonNode value) {
    if (value.isNull()) {
      return "The value is empty; write one after the colon.";
    }
    if (value.isNumber() || value.isBoolean()) {
      return "YAML read '" + value.asText() + "' as a " + (value.isNumber() ? "number" : "boolean")
          + "; put quotes around it if it is text.";
    }
    return "See docs/manifest-reference.md for the expected shape.";
  }

  private static String valueHint(String keyword) {
    return switch (keyword) {
      case "enum" -> "Use one of the listed values.";
      case "minItems", "minLength", "minProperties" -> "The value may not be empty.";
      case "uniqueItems" -> "Remove the repeated entry.";
      default -> "See docs/manifest-reference.md.";
    };
  }

  private static List<String> sorted(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    l.sort(null);
    return l;
  }

  private static String lower(String msg) {
    return msg.isEmpty() ? msg : Character.toLowerCase(msg.charAt(0)) + msg.substring(1);
  }

  private static Diagnostic diag(Rule rule, SourceRef where, String message, String hint) {
    return Diagnostic.of(rule, where, message, hint);
  }

  /** everit writes {@code #/a/b}; the YAML index uses {@code /a/b}. */
  static String pointer(String everit) {
    if (everit == null || everit.equals("#")) {
      return "";
    }
    return everit.startsWith("#") ? everit.substring(1) : everit;
  }

  /** Converts without a string round trip; org.json is what everit validates. */
  static Object toJson(JsonNode n) {
    if (n.isObject()) {
      JSONObject o = new JSONObject();
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        o.put(e.getKey(), toJson(e.getValue()));
      }
      return o;
    }
    if (n.isArray()) {
      JSONArray a = new JSONArray();
      for (JsonNode e : n) {
        a.put(toJson(e));
      }
      return a;
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return n.decimalValue();
    }
    return JSONObject.NULL;
  }
}
