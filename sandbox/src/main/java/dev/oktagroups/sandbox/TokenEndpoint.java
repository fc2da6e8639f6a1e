package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.sandbox.auth.OAuthError;
import dev.oktagroups.sandbox.auth.ServiceApps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /oauth2/v1/token}: the org authorization server's token endpoint, for the client
 * credentials grant with a {@code private_key_jwt} assertion. It answers in OAuth 2.0's shape, not
 * the Management API's, and needs no Authorization header: the assertion is the credential.
 */
final class TokenEndpoint {
  static final String PATH = "/oauth2/v1/token";

  /** A status and the JSON body to send. */
  record Reply(int status, byte[] body) {}

  private final ServiceApps apps;
  private final String tokenUrl;

  TokenEndpoint(ServiceApps apps, String base) {
    this.apps = apps;
    this.tokenUrl = base + PATH;
  }

  Reply answer(String method, String contentType, byte[] body) {
    if (!method.equals("POST")) {
      return error(new OAuthError(405, "invalid_request", "The token endpoint accepts POST only."));
    }
    if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
      return error(
          new OAuthError(
              400,
              "invalid_request",
              "The request body must be application/x-www-form-urlencoded."));
    }
    ServiceApps.Answer a = apps.grant(form(new String(body, StandardCharsets.UTF_8)), tokenUrl);
    if (a instanceof ServiceApps.Token t) {
      ObjectNode o = Json.F.objectNode();
      o.put("token_type", "Bearer");
      o.put("expires_in", t.expiresInSeconds());
      o.put("access_token", t.accessToken());
      o.put("scope", String.join(" ", t.scopes()));
      return new Reply(200, bytes(o));
    }
    return error((OAuthError) a);
  }

  private static Reply error(OAuthError e) {
    ObjectNode o = Json.F.objectNode();
    o.put("error", e.error());
    o.put("error_description", e.description());
    return new Reply(e.status(), bytes(o));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> f = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      // The first value wins: a repeated parameter is not a second chance.
      f.putIfAbsent(k, v);
    }
    return f;
  }

  private static byte[] bytes(ObjectNode o) {
    try {
      return Json.MAPPER.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
