package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The org authorization server: client credentials with a private-key JWT, and scoped tokens. */
class OAuthTokenTest {
  private static final String CLIENT = "0oaokta0groups0plan1";
  private static final String READ =
      "okta.groups.read okta.apps.read okta.users.read okta.schemas.read";

  private SdkFixture f;
  private ServiceAppKeys keys;

  @BeforeEach
  void start() throws Exception {
    f = SdkFixture.start().seeded(10);
    keys = ServiceAppKeys.rsa();
    f.sandbox.registerServiceApp(CLIENT, keys.jwks(), List.of(READ.split(" ")));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private Http.Res token(ObjectNode claims, String scope) {
    return ServiceAppKeys.token(f.sandbox, keys.sign(claims), scope);
  }

  private static void assertRefused(Http.Res r, int status, String error, String description) {
    assertEquals(status, r.status(), r.body());
    JsonNode b = r.json();
    assertEquals(error, b.path("error").asText(), r.body());
    assertEquals(description, b.path("error_description").asText(), r.body());
    assertFalse(b.has("access_token"));
  }

  @Test
  void aGoodAssertionGetsABearerTokenWithTheScopesAskedFor() {
    Http.Res r = token(keys.claims(f.sandbox, CLIENT), "okta.groups.read okta.users.read");
    assertEquals(200, r.status(), r.body());
    JsonNode b = r.json();
    assertEquals("Bearer", b.path("token_type").asText());
    assertEquals(3600, b.path("expires_in").asInt());
    assertEquals("okta.groups.read okta.users.read", b.path("scope").asText());
    assertEquals("no-store", r.one("Cache-Control"));
    String bearer = "Bearer " + b.path("access_token").asText();

    assertEquals(200, Http.send(f.sandbox, "GET", "/api/v1/groups", null, bearer).status());
    Http.Res apps = Http.send(f.sandbox, "GET", "/api/v1/apps", null, bearer);
    assertEquals(403, apps.status(), "okta.apps.read was not asked for");
    assertEquals("E0000006", apps.json().path("errorCode").asText());
    assertTrue(apps.one("WWW-Authenticate").contains("scope=\"okta.apps.read\""), apps.toString());
  }

  @Test
  void anEcKeyWorksToo() {
    ServiceAppKeys ec = ServiceAppKeys.ec();
    f.sandbox.registerServiceApp("0oaecclient000000001", ec.jwks(), List.of("okta.groups.read"));
    Http.Res r =
        ServiceAppKeys.token(
            f.sandbox, ec.sign(ec.claims(f.sandbox, "0oaecclient000000001")), "okta.groups.read");
    assertEquals(200, r.status(), r.body());
  }

  @Test
  void aReadOnlyTokenCannotWriteAndTheApiTokenStillCan() {
    Http.Res t = token(keys.claims(f.sandbox, CLIENT), READ);
    String bearer = "Bearer " + t.json().path("access_token").asText();
    String body = "{\"profile\":{\"name\":\"scoped.write\",\"description\":\"d\"}}";
    Http.Res refused = Http.send(f.sandbox, "POST", "/api/v1/groups", body, bearer);
    assertEquals(403, refused.status(), refused.body());
    assertEquals("E0000006", refused.json().path("errorCode").asText());
    assertTrue(refused.one("WWW-Authenticate").contains("insufficient_scope"));
    assertTrue(
        f.sandbox.org().allGroups().stream().noneMatch(g -> g.name().equals("scoped.write")));

    assertEquals(200, Http.send(f.sandbox, "POST", "/api/v1/groups", body).status(), "SSWS");
    assertEquals(
        403,
        Http.send(f.sandbox, "GET", "/__sandbox/state", null, bearer).status(),
        "the control API takes the API token only");
  }

  @Test
  void aScopeNotGrantedRefusesTheWholeRequest() {
    assertRefused(
        token(keys.claims(f.sandbox, CLIENT), "okta.groups.read okta.groups.manage"),
        400,
        "invalid_scope",
        "The following scopes are not allowed for this request: [okta.groups.manage].");
    assertRefused(
        token(keys.claims(f.sandbox, CLIENT), "openid"),
        400,
        "invalid_scope",
        "One or more scopes are not configured for the authorization server resource.");
  }

  @Test
  void aWrongKeyIsRefused() {
    ServiceAppKeys other = ServiceAppKeys.rsa();
    Http.Res r = ServiceAppKeys.token(f.sandbox, other.sign(keys.claims(f.sandbox, CLIENT)), READ);
    assertRefused(r, 401, "invalid_client", "The client_assertion signature is invalid.");
  }

  @Test
  void aTamperedAssertionIsRefused() {
    String good = keys.sign(keys.claims(f.sandbox, CLIENT));
    String[] parts = good.split("\\.");
    ObjectNode widened = keys.claims(f.sandbox, CLIENT);
    String forged =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(widened.put("sub", CLIENT).toString().getBytes())
            + "."
            + parts[2];
    assertRefused(
        ServiceAppKeys.token(f.sandbox, forged, READ),
        401,
        "invalid_client",
        "The client_assertion signature is invalid.");
  }

  @Test
  void aWrongAudienceIsRefused() {
    ObjectNode c = keys.claims(f.sandbox, CLIENT);
    c.put("aud", "https://example.okta.com/oauth2/v1/token");
    assertRefused(
        token(c, READ),
        401,
        "invalid_client",
        "The audience claim for client_assertion must be the endpoint invoked for the request.");
  }

  @Test
  void anExpiredOrTooLongLivedAssertionIsRefused() {
    ObjectNode expired = keys.claims(f.sandbox, CLIENT);
    expired.put("exp", Instant.now().minusSeconds(5).getEpochSecond());
    assertRefused(
        token(expired, READ), 401, "invalid_client", "The client_assertion token is expired.");
    ObjectNode tooLong = keys.claims(f.sandbox, CLIENT);
    tooLong.put("exp", Instant.now().plusSeconds(3 * 3600).getEpochSecond());
    assertRefused(
        token(tooLong, READ),
        401,
        "invalid_client",
        "The client_assertion token has an expiration too far into the future.");
  }

  @Test
  void aReplayedAssertionIsRefused() {
    String once = keys.sign(keys.claims(f.sandbox, CLIENT));
    assertEquals(200, ServiceAppKeys.token(f.sandbox, once, READ).status());
    assertRefused(
        ServiceAppKeys.token(f.sandbox, once, READ),
        401,
        "invalid_client",
        "The client_assertion token has already been used.");
  }

  @Test
  void anUnknownClientIsRefused() {
    assertRefused(
        token(keys.claims(f.sandbox, "0oanosuchclient00001"), READ),
        401,
        "invalid_client",
        "Invalid value for 'client_id' parameter.");
  }

  @Test
  void aBearerTokenNotIssuedHereIs401() {
    Http.Res r = Http.send(f.sandbox, "GET", "/api/v1/groups", null, "Bearer made-up");
    assertEquals(401, r.status());
    assertEquals("E0000011", r.json().path("errorCode").asText());
  }

  @Test
  void clientsRegisterThroughTheControlApi() {
    ServiceAppKeys k = ServiceAppKeys.rsa();
    String body =
        "{\"clientId\":\"0oacontrolapi0000001\",\"jwks\":"
            + k.jwks()
            + ",\"scopes\":[\"okta.groups.read\"]}";
    Http.Res r = Http.send(f.sandbox, "POST", "/__sandbox/service-apps", body);
    assertEquals(201, r.status(), r.body());
    assertFalse(r.body().contains(k.jwks().substring(40, 80)), "keys are not echoed");
    Http.Res t =
        ServiceAppKeys.token(
            f.sandbox, k.sign(k.claims(f.sandbox, "0oacontrolapi0000001")), "okta.groups.read");
    assertEquals(200, t.status(), t.body());

    Http.Res bad =
        Http.send(
            f.sandbox,
            "POST",
            "/__sandbox/service-apps",
            "{\"clientId\":\"x\",\"jwks\":{\"keys\":[]},\"scopes\":[]}");
    assertEquals(400, bad.status());
    assertTrue(bad.body().contains("jwks"), bad.body());
  }
}
