package dev.oktagroups.validate;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions for misspelt keys, attributes, values and apps. */
final class Suggest {
  private Suggest() {}

  /**
   * The candidate closest to {@code word}: an exact case-insensitive match first, then the smallest
   * edit distance within a third of the word's length (at least 2).
   */
  static Optional<String> closest(String word, Collection<String> candidates) {
    String w = word.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      if (c.toLowerCase(Locale.ROOT).equals(w)) {
        return Optional.of(c);
      }
    }
    int limit = Math.max(2, word.length() / 3);
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d <= limit && d < bestD) {
        best = c;
        bestD = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** " Did you mean 'x'?" or empty. */
  static String didYouMean(String word, Collection<String> candidates) {
    return closest(word, candidates).map(c -> "Did you mean '" + c + "'? ").orElse("");
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
