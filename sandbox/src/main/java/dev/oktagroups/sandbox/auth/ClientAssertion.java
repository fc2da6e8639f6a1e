package dev.oktagroups.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code private_key_jwt} client assertion (RFC 7523), split and decoded but not yet trusted.
 * {@link #verify} checks its signature against a client's keys.
 */
final class ClientAssertion {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** JWS algorithms Okta accepts for client assertions, and their JCA names. */
  private static final Map<String, String> ALGORITHMS =
      Map.of(
          "RS256", "SHA256withRSA",
          "RS384", "SHA384withRSA",
          "RS512", "SHA512withRSA",
          // JWS carries ECDSA signatures as R||S, which is the P1363 format, not DER.
          "ES256", "SHA256withECDSAinP1363Format",
          "ES384", "SHA384withECDSAinP1363Format",
          "ES512", "SHA512withECDSAinP1363Format");

  private final JsonNode header;
  private final JsonNode claims;
  private final byte[] signingInput;
  private final byte[] signature;

  private ClientAssertion(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {
    this.header = header;
    this.claims = claims;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  /** Decodes a compact JWS; refuses anything that is not three base64url JSON parts. */
  static ClientAssertion parse(String compact) {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw OAuthError.client("The client_assertion is not a valid JWT.").refused();
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      JsonNode header = JSON.readTree(b64.decode(parts[0]));
      JsonNode claims = JSON.readTree(b64.decode(parts[1]));
      if (!header.isObject() || !claims.isObject()) {
        throw new IllegalArgumentException("not objects");
      }
      byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
      return new ClientAssertion(header, claims, input, b64.decode(parts[2]));
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw OAuthError.client("The client_assertion is not a valid JWT.").refused();
    }
  }

  Optional<String> claim(String name) {
    JsonNode v = claims.path(name);
    return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  /** An audience claim, which RFC 7519 lets be a string or an array of strings. */
  List<String> audiences() {
    JsonNode aud = claims.path("aud");
    if (aud.isTextual()) {
      return List.of(aud.asText());
    }
    if (aud.isArray()) {
      return java.util.stream.StreamSupport.stream(aud.spliterator(), false)
          .filter(JsonNode::isTextual)
          .map(JsonNode::asText)
          .toList();
    }
    return List.of();
  }

  /** A NumericDate claim ({@code exp}, {@code iat}). */
  Optional<Instant> time(String name) {
    JsonNode v = claims.path(name);
    return v.isNumber() ? Optional.of(Instant.ofEpochSecond(v.asLong())) : Optional.empty();
  }

  /**
   * Whether one of {@code keys} signed this assertion. A {@code kid} in the header narrows the keys
   * to the one with that id, as Okta does when a client has several.
   */
  void verify(List<Jwk> keys) {
    String alg = header.path("alg").asText("");
    String jca = ALGORITHMS.get(alg);
    if (jca == null) {
      throw OAuthError.client(
              "The client_assertion token must be signed with one of RS256, RS384, RS512,"
                  + " ES256, ES384 or ES512.")
          .refused();
    }
    Optional<String> kid =
        header.path("kid").isTextual() ? Optional.of(header.get("kid").asText()) : Optional.empty();
    for (Jwk k : keys) {
      if (kid.isPresent() && k.kid().isPresent() && !kid.equals(k.kid())) {
        continue;
      }
      if (signedBy(jca, k)) {
        return;
      }
    }
    throw OAuthError.client("The client_assertion signature is invalid.").refused();
  }

  private boolean signedBy(String jca, Jwk k) {
    boolean rsa = jca.endsWith("RSA");
    if (rsa != k.key().getAlgorithm().equals("RSA")) {
      return false;
    }
    try {
      Signature s = Signature.getInstance(jca);
      s.initVerify(k.key());
      s.update(signingInput);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      // A key of the wrong curve or size: not this key's signature.
      return false;
    }
  }
}
