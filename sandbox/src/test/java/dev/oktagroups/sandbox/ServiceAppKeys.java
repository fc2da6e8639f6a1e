package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.sandbox.auth.Jwks;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** A service app's key pair, and client assertions signed with it by hand, claim by claim. */
final class ServiceAppKeys {
  final KeyPair pair;
  final String kid;

  private ServiceAppKeys(KeyPair pair, String kid) {
    this.pair = pair;
    this.kid = kid;
  }

  static ServiceAppKeys rsa() {
    return generate("RSA", 2048);
  }

  static ServiceAppKeys ec() {
    return generate("EC", 256);
  }

  private static ServiceAppKeys generate(String alg, int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
      g.initialize(bits);
      return new ServiceAppKeys(g.generateKeyPair(), "k-" + UUID.randomUUID());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  String jwks() {
    return Jwks.of(pair.getPublic(), kid);
  }

  /** An assertion as Okta wants it: iss = sub = the client, aud = the token URL, 5 min to live. */
  ObjectNode claims(Sandbox s, String clientId) {
    ObjectNode c = Json.F.objectNode();
    c.put("iss", clientId);
    c.put("sub", clientId);
    c.put("aud", s.url() + "/oauth2/v1/token");
    c.put("iat", Instant.now().getEpochSecond());
    c.put("exp", Instant.now().plusSeconds(300).getEpochSecond());
    c.put("jti", UUID.randomUUID().toString());
    return c;
  }

  String sign(ObjectNode claims) {
    boolean rsa = pair.getPrivate().getAlgorithm().equals("RSA");
    try {
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String header = "{\"alg\":\"" + (rsa ? "RS256" : "ES256") + "\",\"kid\":\"" + kid + "\"}";
      String input =
          b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
              + "."
              + b64.encodeToString(Json.MAPPER.writeValueAsBytes(claims));
      Signature sig = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
      sig.initSign(pair.getPrivate());
      sig.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64.encodeToString(sig.sign());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** POSTs a client-credentials request to the sandbox's token endpoint. */
  static Http.Res token(Sandbox s, String assertion, String scope) {
    String form =
        "grant_type=client_credentials&scope="
            + URLEncoder.encode(scope, StandardCharsets.UTF_8)
            + "&client_assertion_type="
            + URLEncoder.encode(
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
            + "&client_assertion="
            + assertion;
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(s.url() + "/oauth2/v1/token"))
                      .header("Accept", "application/json")
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString(form))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return new Http.Res(r.statusCode(), r.headers(), r.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
