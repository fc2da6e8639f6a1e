package dev.oktagroups.sandbox.org;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Profile maps as entities hold them: ordered, unmodifiable, replaced rather than changed. */
final class Profiles {
  private Profiles() {}

  /**
   * An unmodifiable copy that keeps the order (the JSON views render it) and null values (Okta
   * returns them). Published through the wrapper's final field, so a reader outside the lock sees
   * the copy whole.
   */
  static Map<String, Object> frozen(Map<String, Object> profile) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(profile));
  }
}
