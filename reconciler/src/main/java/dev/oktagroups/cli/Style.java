package dev.oktagroups.cli;

/**
 * How output is decorated: plain text, or ANSI colour for a terminal or a GitLab job log. {@link
 * #PLAIN} returns its input unchanged, so everything rendered plain is byte-identical to the
 * renderers' own output.
 */
enum Style {
  PLAIN,
  ANSI;

  private static final String RESET = "\u001b[0m";

  String green(String s) {
    return wrap("32", s);
  }

  String red(String s) {
    return wrap("31", s);
  }

  String yellow(String s) {
    return wrap("33", s);
  }

  String cyan(String s) {
    return wrap("36", s);
  }

  String bold(String s) {
    return wrap("1", s);
  }

  String dim(String s) {
    return wrap("2", s);
  }

  private String wrap(String code, String s) {
    return this == PLAIN || s.isEmpty() ? s : "\u001b[" + code + "m" + s + RESET;
  }
}
