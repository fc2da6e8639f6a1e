package dev.oktagroups.plan;

import java.util.Locale;

/**
 * What a change does. The symbols are those of {@code terraform plan}. A {@code REPLACE} deletes an
 * object and creates its successor together, for objects Okta cannot change in place (an INVALID
 * rule, a push mapping whose target changed).
 */
public enum Action {
  CREATE("+"),
  UPDATE("~"),
  DELETE("-"),
  REPLACE("-/+");

  private final String symbol;

  Action(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
