package dev.oktagroups.sandbox.org;

import java.util.Random;

/**
 * Okta-style ids: a three-character type prefix and 17 characters, 20 in all. A fixed-width counter
 * leads the 17, so ids sort in creation order and list cursors ({@code after=<id>}) stay stable
 * while objects are added; a seeded random tail keeps them looking like Okta's.
 */
final class Ids {
  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private final Random random;
  private long counter;

  Ids(long seed) {
    this.random = new Random(seed);
  }

  /** A new id such as {@code 00g0000000b2kXq9Lm4}. Call under the org lock. */
  String next(String prefix) {
    long n = ++counter;
    char[] c = new char[17];
    for (int i = 9; i >= 0; i--) {
      c[i] = DIGITS.charAt((int) (n % 62));
      n /= 62;
    }
    for (int i = 10; i < 17; i++) {
      c[i] = DIGITS.charAt(random.nextInt(62));
    }
    return prefix + new String(c);
  }

  /** An errorId or request id: {@code oae} and 19 random characters. */
  String opaque(String prefix, int length) {
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < length; i++) {
      sb.append(DIGITS.charAt(random.nextInt(62)));
    }
    return sb.toString();
  }
}
