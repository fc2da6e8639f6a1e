package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.sandbox.org.OktaError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed request: path parameters by name, query parameters in order, and the body (null when
 * there is none).
 */
record Request(
    String method,
    String path,
    Map<String, String> params,
    Map<String, List<String>> query,
    JsonNode body) {

  /** The first value of a query parameter. */
  Optional<String> q(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** A path parameter of the route's template. */
  String p(String name) {
    return params.get(name);
  }

  /** The body, which must be a JSON object. */
  ObjectNode object() {
    if (body == null || !body.isObject()) {
      throw OktaError.malformed("The request body must be a JSON object");
    }
    return (ObjectNode) body;
  }

  boolean bool(String name, boolean dflt) {
    return q(name).map(Boolean::parseBoolean).orElse(dflt);
  }

  /** Whether {@code expand} lists {@code what}. */
  boolean expands(String what) {
    return q("expand").map(e -> List.of(e.split(",")).contains(what)).orElse(false);
  }

  /** The {@code limit} parameter: {@code dflt} when absent, clamped to [min, max]. */
  int limit(int dflt, int max, int min) {
    Optional<String> l = q("limit");
    if (l.isEmpty()) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(l.get());
    } catch (NumberFormatException e) {
      throw OktaError.validation("limit", "limit: must be a number");
    }
    if (n < 1) {
      throw OktaError.validation("limit", "limit: must be at least 1");
    }
    return Math.max(min, Math.min(n, max));
  }
}
