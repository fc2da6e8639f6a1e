package dev.oktagroups.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The org authorization server's view of service apps: each registered client's public keys and
 * granted Okta scopes, the client-assertion ids already used, and the access tokens issued.
 *
 * <p>Times are the wall clock's, never the sandbox's time-scaled one: clients sign their assertions
 * with the wall clock, and a token must last as long as the client believes it does.
 *
 * <p>Thread-safe: every method locks this store, apart from the org's lock.
 */
public final class ServiceApps {
  /** How long a token lasts; Okta's Okta-scoped tokens last an hour. */
  public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  /** The furthest in the future Okta lets a client assertion expire. */
  static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);

  /** Leeway for the clocks of the client and the sandbox, on the far side of expiry only. */
  private static final Duration SKEW = Duration.ofMinutes(1);

  private static final Pattern OKTA_SCOPE = Pattern.compile("okta\\.[A-Za-z]+\\.(read|manage)");
  private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private record Client(List<Jwk> keys, Set<String> scopes) {}

  private record Issued(String clientId, Set<String> scopes, Instant expires) {}

  /** What a bearer token stands for: the client it was issued to and the scopes it carries. */
  public record Bearer(String clientId, Set<String> scopes) {}

  /** The token endpoint's answer: a token, or {@link OAuthError}. */
  public sealed interface Answer permits Token, OAuthError {}

  /**
   * An issued token, as the token endpoint returns it.
   *
   * @param scopes granted, in the order the client asked for them
   */
  public record Token(String accessToken, List<String> scopes, long expiresInSeconds)
      implements Answer {
    @Override
    public String toString() {
      return "Token[redacted, scopes=" + scopes + "]";
    }
  }

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Client> clients = new LinkedHashMap<>();
  private final Map<String, Instant> usedJtis = new HashMap<>();
  private final Map<String, Issued> tokens = new HashMap<>();

  public ServiceApps(Clock clock) {
    this.clock = clock;
  }

  /**
   * Registers (or replaces) a service app: its client id, its public keys as a JWKS, and the Okta
   * scopes granted to it.
   *
   * @throws IllegalArgumentException naming what is wrong with the keys or a scope
   */
  public synchronized void register(String clientId, JsonNode jwks, Collection<String> scopes) {
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("clientId: required");
    }
    for (String s : scopes) {
      if (!OKTA_SCOPE.matcher(s).matches()) {
        throw new IllegalArgumentException(
            "scopes: " + s + " is not an Okta scope such as okta.groups.read");
      }
    }
    clients.put(clientId, new Client(Jwk.parseSet(jwks), Set.copyOf(scopes)));
  }

  /** The registered client ids with their granted scopes, sorted; never their keys. */
  public synchronized Map<String, Set<String>> clients() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    clients.forEach((id, c) -> out.put(id, new TreeSet<>(c.scopes())));
    return out;
  }

  /**
   * Takes {@code scope} away from a service app: from its grant and from every token it holds now,
   * at once. A test device for a read refused with 403 mid-run; live Okta may honour a token issued
   * before the revocation until it expires, and answers the same 403 when an admin role is missing.
   *
   * @return whether the app was registered
   */
  public synchronized boolean revoke(String clientId, String scope) {
    Client c = clients.get(clientId);
    if (c == null) {
      return false;
    }
    Set<String> left = new TreeSet<>(c.scopes());
    left.remove(scope);
    clients.put(clientId, new Client(c.keys(), Set.copyOf(left)));
    tokens.replaceAll(
        (token, i) -> {
          if (!i.clientId().equals(clientId)) {
            return i;
          }
          Set<String> kept = new TreeSet<>(i.scopes());
          kept.remove(scope);
          return new Issued(clientId, Set.copyOf(kept), i.expires());
        });
    return true;
  }

  /** The client and scopes behind a token, while it lasts. */
  public synchronized Optional<Bearer> bearer(String accessToken) {
    Issued i = tokens.get(accessToken);
    if (i == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(i.expires())) {
      tokens.remove(accessToken);
      return Optional.empty();
    }
    return Optional.of(new Bearer(i.clientId(), i.scopes()));
  }

  /**
   * Answers a client-credentials token request: the form fields as sent, and the URL the request
   * was made to (the assertion's audience must be exactly it).
   */
  public synchronized Answer grant(Map<String, String> form, String tokenUrl) {
    try {
      return issue(form, tokenUrl);
    } catch (OAuthError.Refused r) {
      return r.error();
    }
  }

  private Answer issue(Map<String, String> form, String tokenUrl) {
    Instant now = clock.instant();
    purge(now);
    String grantType = form.getOrDefault("grant_type", "");
    if (grantType.isEmpty()) {
      throw OAuthError.request("The request is missing a required parameter: grant_type.")
          .refused();
    }
    if (!grantType.equals("client_credentials")) {
      throw new OAuthError(
              400,
              "unsupported_grant_type",
              "The authorization grant type is not supported by the authorization server.")
          .refused();
    }
    if (!JWT_BEARER.equals(form.get("client_assertion_type"))
        || form.getOrDefault("client_assertion", "").isEmpty()) {
      throw OAuthError.client(
              "Client authentication failed. Either the client or the client credentials are"
                  + " invalid.")
          .refused();
    }
    ClientAssertion a = ClientAssertion.parse(form.get("client_assertion"));
    String clientId = authenticate(a, form, tokenUrl, now);
    List<String> scopes = requestedScopes(form, clients.get(clientId));
    // The assertion is spent only once it has been accepted, so a refused request can be retried.
    a.claim("jti").ifPresent(j -> usedJtis.put(j, a.time("exp").orElse(now)));
    String token = newToken();
    tokens.put(token, new Issued(clientId, Set.copyOf(scopes), now.plus(TOKEN_LIFETIME)));
    return new Token(token, scopes, TOKEN_LIFETIME.toSeconds());
  }

  /** The client the assertion proves to be; refuses it in the order Okta checks. */
  private String authenticate(
      ClientAssertion a, Map<String, String> form, String tokenUrl, Instant now) {
    String iss = a.claim("iss").orElse("");
    Client c = clients.get(iss);
    if (c == null
        || !a.claim("sub").orElse("").equals(iss)
        || (form.containsKey("client_id") && !form.get("client_id").equals(iss))) {
      throw OAuthError.client("Invalid value for 'client_id' parameter.").refused();
    }
    a.verify(c.keys());
    if (!a.audiences().contains(tokenUrl)) {
      throw OAuthError.client(
              "The audience claim for client_assertion must be the endpoint invoked for the"
                  + " request.")
          .refused();
    }
    Instant exp =
        a.time("exp")
            .orElseThrow(
                () ->
                    OAuthError.client("The client_assertion token must have an expiration.")
                        .refused());
    if (!now.isBefore(exp)) {
      throw OAuthError.client("The client_assertion token is expired.").refused();
    }
    if (exp.isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(SKEW))) {
      throw OAuthError.client(
              "The client_assertion token has an expiration too far into the future.")
          .refused();
    }
    Optional<String> jti = a.claim("jti");
    if (jti.isPresent() && usedJtis.containsKey(jti.get())) {
      throw OAuthError.client("The client_assertion token has already been used.").refused();
    }
    return iss;
  }

  /** The scopes asked for, each granted to the client; Okta grants all of them or none. */
  private static List<String> requestedScopes(Map<String, String> form, Client c) {
    String raw = form.getOrDefault("scope", "").trim();
    if (raw.isEmpty()) {
      throw OAuthError.scope(
              "The authorization server resource does not have any configured default scopes,"
                  + " 'scope' must be provided.")
          .refused();
    }
    Set<String> asked = new LinkedHashSet<>(List.of(raw.split("\\s+")));
    List<String> unknown = new ArrayList<>();
    List<String> notGranted = new ArrayList<>();
    for (String s : asked) {
      if (!OKTA_SCOPE.matcher(s).matches()) {
        unknown.add(s);
      } else if (!c.scopes().contains(s)) {
        notGranted.add(s);
      }
    }
    if (!unknown.isEmpty()) {
      throw OAuthError.scope(
              "One or more scopes are not configured for the authorization server resource.")
          .refused();
    }
    if (!notGranted.isEmpty()) {
      throw OAuthError.scope(
              "The following scopes are not allowed for this request: ["
                  + String.join(", ", notGranted)
                  + "].")
          .refused();
    }
    return List.copyOf(asked);
  }

  private void purge(Instant now) {
    usedJtis.values().removeIf(exp -> exp.plus(SKEW).isBefore(now));
    tokens.values().removeIf(i -> !now.isBefore(i.expires()));
  }

  private String newToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
