package dev.oktagroups.sandbox;

import com.sun.net.httpserver.Headers;
import dev.oktagroups.sandbox.auth.ServiceApps;
import dev.oktagroups.sandbox.org.OktaError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling, from a request's {@code Authorization} header: the sandbox's API token or a
 * bearer token the org authorization server issued to a service app. Anything else is Okta's 401.
 */
final class Authenticator {
  private final String apiToken;
  private final ServiceApps serviceApps;

  /**
   * @param apiToken the sandbox's API token, which carries an admin's full role
   * @param serviceApps the issuer of bearer tokens, who knows each token's client and scopes
   */
  Authenticator(String apiToken, ServiceApps serviceApps) {
    this.apiToken = apiToken;
    this.serviceApps = serviceApps;
  }

  /**
   * Who is calling: empty for the sandbox's API token (as {@code SSWS}, or as a bearer for
   * convenience), which carries an admin's full role; else the service app behind an issued bearer
   * token, whose scopes are checked. The API token is compared in constant time, so timing reveals
   * nothing.
   *
   * @throws OktaError 401 E0000011 for a missing, unknown or expired token
   */
  Optional<ServiceApps.Bearer> caller(Headers h) {
    String auth = h.getFirst("Authorization");
    if (auth != null) {
      String presented = null;
      boolean isBearer = auth.startsWith("Bearer ");
      if (auth.startsWith("SSWS ")) {
        presented = auth.substring(5).trim();
      } else if (isBearer) {
        presented = auth.substring(7).trim();
      }
      if (presented != null
          && MessageDigest.isEqual(
              presented.getBytes(StandardCharsets.UTF_8),
              apiToken.getBytes(StandardCharsets.UTF_8))) {
        return Optional.empty();
      }
      if (isBearer && !presented.isEmpty()) {
        Optional<ServiceApps.Bearer> b = serviceApps.bearer(presented);
        if (b.isPresent()) {
          return b;
        }
      }
    }
    throw new OktaError(401, "E0000011", "Invalid token provided", List.of());
  }
}
