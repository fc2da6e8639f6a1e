package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What a handler answers: a status, a body (null for none) and Link headers. */
record Response(int status, JsonNode body, List<String> links) {
  static Response ok(JsonNode body) {
    return new Response(200, body, List.of());
  }

  static Response status(int status) {
    return new Response(status, null, List.of());
  }
}
