package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Raw HTTP against a sandbox, for what the SDK hides: status codes, headers, bodies. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  record Res(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    List<String> all(String header) {
      return headers.allValues(header);
    }

    String one(String header) {
      return headers.firstValue(header).orElse(null);
    }
  }

  static Res send(Sandbox s, String method, String pathAndQuery, String body) {
    return send(s, method, pathAndQuery, body, "SSWS " + s.token());
  }

  static Res send(
      Sandbox s, String method, String pathAndQuery, String body, String authorization) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(s.url() + pathAndQuery))
              .header("Accept", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r.headers(), r.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Res get(Sandbox s, String pathAndQuery) {
    return send(s, "GET", pathAndQuery, null);
  }
}
