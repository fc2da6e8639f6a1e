package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oktagroups.sandbox.org.OktaError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one JSON mapper of the HTTP layer, and conversions of request bodies. */
final class Json {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A JSON object as an ordered map; missing or null is an empty one. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return new LinkedHashMap<>();
    }
    if (!n.isObject()) {
      throw OktaError.malformed("Expected a JSON object");
    }
    return MAPPER.convertValue(n, LinkedHashMap.class);
  }

  /** The elements of a JSON array as text; anything else is an empty list. */
  static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(e -> out.add(e.asText()));
    }
    return out;
  }

  /** A text field, or null when it is absent or not text (the org treats null as missing). */
  static String text(JsonNode object, String field) {
    return object.path(field).isTextual() ? object.get(field).asText() : null;
  }
}
