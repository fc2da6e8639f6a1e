package dev.oktagroups.plan;

import java.util.Locale;

/** What a change does. The symbols are those of {@code terraform plan}. */
public enum Action {
  CREATE("+"),
  UPDATE("~"),
  DELETE("-");

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
