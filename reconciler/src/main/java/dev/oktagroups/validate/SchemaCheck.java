package dev.oktagroups.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.diag.Diagnostic;
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
 * <p>The schemas are the files in the repository's {@code schemas/} directory, copied into the jar
 * at build time. Thread-safe.
 */
public final class SchemaCheck {
  static final Pattern EXTRANEOUS = Pattern.compile("extraneous key \\[(.*)] is not permitted");
  static final Pattern REQUIRED = Pattern.compile("required key \\[(.*)] not found");

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
      JSONObject json =
          new JSONObject(new JSONTokener(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      return new SchemaCheck(
          SchemaLoader.builder().schemaJson(json).draftV7Support().build().load().build());
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
        if (m.find()
            && suggested.contains(pointer(v.getPointerToViolation()) + "\u0000" + m.group(1))) {
          continue;
        }
      }
      out.add(SchemaFindings.of(doc, v));
    }
    return out;
  }

  /**
   * Flattens everit's exception tree. A value checked against several alternatives (a {@code type}
   * list such as string-or-list-or-mapping) fails every alternative; only the alternatives of the
   * value's own type say anything useful, so the others are dropped, and when every alternative
   * fails on type alone the failure becomes one wrong-type leaf.
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
  static boolean isCombined(ValidationException e) {
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
