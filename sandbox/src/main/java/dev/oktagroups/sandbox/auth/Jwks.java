package dev.oktagroups.sandbox.auth;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** Writes public keys as the JWKS document a service app registers, as Okta's console takes it. */
public final class Jwks {
  private Jwks() {}

  /** A JWKS with one RSA or EC public key and the given key id. */
  public static String of(PublicKey key, String kid) {
    if (key instanceof RSAPublicKey rsa) {
      return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\""
          + kid
          + "\",\"use\":\"sig\",\"e\":\""
          + b64(rsa.getPublicExponent(), 0)
          + "\",\"n\":\""
          + b64(rsa.getModulus(), 0)
          + "\"}]}";
    }
    if (key instanceof ECPublicKey ec) {
      int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      String crv =
          switch (size) {
            case 32 -> "P-256";
            case 48 -> "P-384";
            default -> "P-521";
          };
      return "{\"keys\":[{\"kty\":\"EC\",\"kid\":\""
          + kid
          + "\",\"use\":\"sig\",\"crv\":\""
          + crv
          + "\",\"x\":\""
          + b64(ec.getW().getAffineX(), size)
          + "\",\"y\":\""
          + b64(ec.getW().getAffineY(), size)
          + "\"}]}";
    }
    throw new IllegalArgumentException("not an RSA or EC public key: " + key.getAlgorithm());
  }

  /** An unsigned big-endian number in base64url, left-padded to {@code size} bytes if given. */
  private static String b64(BigInteger n, int size) {
    byte[] b = n.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      b = Arrays.copyOfRange(b, 1, b.length);
    }
    if (size > b.length) {
      byte[] padded = new byte[size];
      System.arraycopy(b, 0, padded, size - b.length, b.length);
      b = padded;
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
