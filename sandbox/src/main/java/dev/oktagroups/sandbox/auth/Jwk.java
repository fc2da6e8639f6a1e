package dev.oktagroups.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One public key of a client's JWKS: RSA ({@code n}, {@code e}) or EC ({@code crv}, x, y). */
record Jwk(Optional<String> kid, PublicKey key) {
  private static final Map<String, String> CURVES =
      Map.of("P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1");

  /**
   * The keys of a JWKS document ({@code {"keys": [...]}}).
   *
   * @throws IllegalArgumentException naming the first key that is not a usable RSA or EC key
   */
  static List<Jwk> parseSet(JsonNode jwks) {
    JsonNode keys = jwks.path("keys");
    if (!keys.isArray() || keys.isEmpty()) {
      throw new IllegalArgumentException("jwks: expected {\"keys\": [ ...one or more JWKs... ]}");
    }
    List<Jwk> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      JsonNode k = keys.get(i);
      Optional<String> kid =
          k.path("kid").isTextual() ? Optional.of(k.get("kid").asText()) : Optional.empty();
      try {
        out.add(new Jwk(kid, key(k)));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "jwks: key " + i + " is not a usable RSA or EC public key (" + e.getMessage() + ")");
      }
    }
    return List.copyOf(out);
  }

  private static PublicKey key(JsonNode k) throws GeneralSecurityException {
    String kty = k.path("kty").asText();
    if (kty.equals("RSA")) {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(number(k, "n"), number(k, "e")));
    }
    if (kty.equals("EC")) {
      String curve = CURVES.get(k.path("crv").asText());
      if (curve == null) {
        throw new IllegalArgumentException("crv must be P-256, P-384 or P-521");
      }
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec(curve));
      ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
      ECPoint w = new ECPoint(number(k, "x"), number(k, "y"));
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
    }
    throw new IllegalArgumentException("kty must be RSA or EC");
  }

  private static BigInteger number(JsonNode k, String field) {
    if (!k.path(field).isTextual()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return new BigInteger(1, Base64.getUrlDecoder().decode(k.get(field).asText()));
  }
}
