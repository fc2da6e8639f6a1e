package dev.oktagroups.plan;

/** What a change touches. */
public enum Resource {
  GROUP("group"),
  RULE("rule"),
  MEMBERSHIP("membership"),
  APP_ASSIGNMENT("app-assignment"),
  PUSH_MAPPING("push-mapping"),
  CHANNEL_LINK("channel-link");

  private final String label;

  Resource(String label) {
    this.label = label;
  }

  /** The spelling in plans: group, rule, membership, app-assignment, push-mapping, channel-link. */
  public String label() {
    return label;
  }

  public static Resource parse(String s) {
    for (Resource r : values()) {
      if (r.label.equals(s)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown resource " + s);
  }
}
