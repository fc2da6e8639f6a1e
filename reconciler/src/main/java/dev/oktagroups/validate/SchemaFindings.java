package dev.oktagroups.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.YamlDoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.BooleanSchema;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.ReferenceSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;

/**
 * Says one everit violation in the manifest author's words: the rule it breaks, where in the YAML,
 * what is wrong and how to fix it. A few violations are better known by a rule of their own (no
 * owners, a list of push apps, a malformed expiry); the rest map to the generic schema rules.
 */
final class SchemaFindings {
  private SchemaFindings() {}

  static Diagnostic of(YamlDoc doc, ValidationException v) {
    String ptr = SchemaCheck.pointer(v.getPointerToViolation());
    String keyword = String.valueOf(v.getKeyword());
    String where = ptr.isEmpty() ? "the top level" : "'" + ptr.substring(1) + "'";
    JsonNode value = doc.root().at(ptr);
    return switch (keyword) {
      case "additionalProperties" -> unknownKey(doc, v, ptr, where);
      case "required" -> missingKey(doc, v, ptr, where);
      case "minItems" ->
          ptr.equals("/owners")
              ? Diagnostic.of(
                  Rule.OWNERS_REQUIRED,
                  doc.valueRef(ptr),
                  "the group has no owners",
                  "List at least one GitLab handle who approves changes, e.g."
                      + " [\"@corpsec-identity\"].")
              : invalidValue(doc, v, ptr, where, keyword);
      case "type", "anyOf", "oneOf" -> wrongType(doc, v, ptr, where, value);
      case "pattern" -> pattern(doc, v, ptr, where, value);
      default -> invalidValue(doc, v, ptr, where, keyword);
    };
  }

  private static Diagnostic unknownKey(
      YamlDoc doc, ValidationException v, String ptr, String where) {
    Matcher m = SchemaCheck.EXTRANEOUS.matcher(v.getErrorMessage());
    String key = m.find() ? m.group(1) : "?";
    String childPtr = YamlDoc.child(ptr, key);
    Set<String> allowed =
        v.getViolatedSchema() instanceof ObjectSchema os
            ? os.getPropertySchemas().keySet()
            : Set.of();
    String hint =
        Suggest.didYouMean(key, allowed)
            + (allowed.isEmpty()
                ? "Remove it."
                : "Allowed here: " + String.join(", ", sorted(allowed)) + ".");
    return Diagnostic.of(
        Rule.SCHEMA_UNKNOWN_KEY,
        doc.keyRef(childPtr),
        "unknown key '" + key + "' in " + where,
        hint);
  }

  private static Diagnostic missingKey(
      YamlDoc doc, ValidationException v, String ptr, String where) {
    Matcher m = SchemaCheck.REQUIRED.matcher(v.getErrorMessage());
    String key = m.find() ? m.group(1) : "?";
    if (ptr.isEmpty() && key.equals("owners")) {
      return Diagnostic.of(
          Rule.OWNERS_REQUIRED,
          doc.valueRef(ptr),
          "the group has no owners",
          "Add 'owners:' with at least one GitLab handle who approves changes, e.g."
              + " [\"@corpsec-identity\"].");
    }
    return Diagnostic.of(
        Rule.SCHEMA_MISSING_KEY,
        doc.valueRef(ptr),
        "missing required key '" + key + "' in " + where,
        "Add '" + key + ":'. See docs/manifest-reference.md.");
  }

  private static Diagnostic wrongType(
      YamlDoc doc, ValidationException v, String ptr, String where, JsonNode value) {
    if (ptr.equals("/push/app") && value.isArray()) {
      return Diagnostic.of(
          Rule.PUSH_SINGLE_APP,
          doc.valueRef(ptr),
          "a push group targets exactly one app, but " + value.size() + " are listed",
          "Okta keeps one downstream group per push group; create one manifest per app, e.g."
              + " push.google.… and push.slack.….");
    }
    return Diagnostic.of(
        Rule.SCHEMA_WRONG_TYPE,
        doc.valueRef(ptr),
        where + ": " + typeMessage(v, value),
        typeHint(value));
  }

  private static Diagnostic pattern(
      YamlDoc doc, ValidationException v, String ptr, String where, JsonNode value) {
    if (ptr.startsWith("/owners/")) {
      return Diagnostic.of(
          Rule.OWNERS_FORMAT,
          doc.valueRef(ptr),
          "owner '" + value.asText() + "' is not a GitLab handle",
          "Write a GitLab user or group handle starting with @, e.g. @jdoe or"
              + " @corpsec/identity.");
    }
    if (ptr.matches("/members/\\d+/expires")) {
      return Diagnostic.of(
          Rule.MEMBERS_INVALID_DATE,
          doc.valueRef(ptr),
          "expiry '" + value.asText() + "' is not a date",
          "Write the last day of access as YYYY-MM-DD, e.g. 2027-06-30.");
    }
    return invalidValue(doc, v, ptr, where, "pattern");
  }

  private static Diagnostic invalidValue(
      YamlDoc doc, ValidationException v, String ptr, String where, String keyword) {
    if (v.getViolatedSchema() instanceof EnumSchema e) {
      return notListed(doc, ptr, where, e);
    }
    return Diagnostic.of(
        Rule.SCHEMA_INVALID_VALUE,
        doc.valueRef(ptr),
        where + ": " + lower(v.getErrorMessage()),
        valueHint(keyword));
  }

  /** "expected text, a list or a mapping, found a number", in words rather than Java types. */
  private static String typeMessage(ValidationException v, JsonNode value) {
    Set<String> expected = new TreeSet<>();
    if (SchemaCheck.isCombined(v)) {
      v.getCausingExceptions().forEach(c -> collectExpected(c.getViolatedSchema(), expected));
    } else {
      collectExpected(v.getViolatedSchema(), expected);
    }
    String found = describe(value);
    if (expected.isEmpty()) {
      return lower(v.getErrorMessage());
    }
    List<String> e = new ArrayList<>(expected);
    String list =
        e.size() == 1
            ? e.get(0)
            : String.join(", ", e.subList(0, e.size() - 1)) + " or " + e.get(e.size() - 1);
    return "expected " + list + ", found " + found;
  }

  private static void collectExpected(Schema s, Set<String> out) {
    if (s instanceof CombinedSchema c) {
      c.getSubschemas().forEach(sub -> collectExpected(sub, out));
    } else if (s instanceof StringSchema) {
      out.add("text");
    } else if (s instanceof ArraySchema) {
      out.add("a list");
    } else if (s instanceof ObjectSchema) {
      out.add("a mapping");
    } else if (s instanceof BooleanSchema) {
      out.add("true or false");
    } else if (s instanceof NumberSchema n) {
      out.add(n.requiresInteger() ? "a whole number" : "a number");
    } else if (s instanceof ReferenceSchema r && r.getReferredSchema() != null) {
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
      return "YAML read '"
          + value.asText()
          + "' as a "
          + (value.isNumber() ? "number" : "boolean")
          + "; put quotes around it if it is text.";
    }
    return "See docs/manifest-reference.md for the expected shape.";
  }

  /** A value outside an enum: the values allowed, and the nearest when it looks like a typo. */
  private static Diagnostic notListed(YamlDoc doc, String ptr, String where, EnumSchema e) {
    String value = doc.root().at(ptr).asText();
    List<String> allowed = e.getPossibleValues().stream().map(String::valueOf).toList();
    String nearest = "";
    int best = Integer.MAX_VALUE;
    for (String a : allowed) {
      int d =
          distance(value.toLowerCase(java.util.Locale.ROOT), a.toLowerCase(java.util.Locale.ROOT));
      if (d < best) {
        best = d;
        nearest = a;
      }
    }
    String list = String.join(", ", allowed);
    boolean typo = best <= Math.max(2, value.length() / 3);
    return Diagnostic.of(
        Rule.SCHEMA_INVALID_VALUE,
        doc.valueRef(ptr),
        where + ": '" + value + "' is not one of " + list,
        (typo ? "Did you mean '" + nearest + "'? " : "") + "Use one of: " + list + ".");
  }

  /** The Levenshtein distance: edits that turn {@code a} into {@code b}. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
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
}
