package dev.oktagroups.manifest;

import java.util.Locale;
import java.util.Optional;

/** The three kinds of group the handbook defines. */
public enum Kind {
  /** Membership comes only from an Okta group rule over HR attributes; never manual additions. */
  MANAGED,
  /** A rule plus a short list of named, approved exceptions. */
  HYBRID,
  /** Named members only, each added through an access request. */
  MANUAL;

  /** The spelling used in manifests: {@code managed}, {@code hybrid}, {@code manual}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Kind> parse(String s) {
    for (Kind k : values()) {
      if (k.label().equals(s)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
