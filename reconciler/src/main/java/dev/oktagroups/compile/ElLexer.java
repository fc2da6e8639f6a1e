package dev.oktagroups.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokens of an Okta rule expression, for {@link ReverseCompiler}. It knows the whole surface an
 * admin may type, so that what it cannot take back is refused by name rather than as a syntax
 * error: ordering and arithmetic operators are tokens too.
 */
final class ElLexer {
  private ElLexer() {}

  /** Why an expression has no exact selector; the message is the reason shown to the user. */
  static final class Refusal extends RuntimeException {
    Refusal(String reason) {
      super(reason, null, false, false);
    }
  }

  enum Kind {
    IDENT,
    STRING,
    NUMBER,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    EQ,
    NE,
    BANG,
    AND,
    OR,
    /** {@code < > <= >= + - * / % ? : [ ] { }}: valid Okta, never a selector. */
    OTHER,
    END
  }

  record Token(Kind kind, String text, int pos) {}

  static List<Token> tokens(String s) {
    // One loop over the characters with a case per token kind: a lexer reads best whole.
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        i = string(s, i, out);
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int start = i;
        while (i < s.length() && isIdentPart(s.charAt(i))) {
          i++;
        }
        String word = s.substring(start, i);
        Kind k =
            switch (word) {
              case "AND" -> Kind.AND;
              case "OR" -> Kind.OR;
              default -> Kind.IDENT;
            };
        out.add(new Token(k, word, start));
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
      } else if (two.equals("==") || two.equals("!=") || two.equals("&&") || two.equals("||")) {
        Kind k =
            switch (two) {
              case "==" -> Kind.EQ;
              case "!=" -> Kind.NE;
              case "&&" -> Kind.AND;
              default -> Kind.OR;
            };
        out.add(new Token(k, two, i));
        i += 2;
      } else if (two.equals("<=") || two.equals(">=")) {
        out.add(new Token(Kind.OTHER, two, i));
        i += 2;
      } else {
        Kind k =
            switch (c) {
              case '!' -> Kind.BANG;
              case '(' -> Kind.LPAREN;
              case ')' -> Kind.RPAREN;
              case ',' -> Kind.COMMA;
              case '.' -> Kind.DOT;
              case '<', '>', '+', '-', '*', '/', '%', '?', ':', '[', ']', '{', '}' -> Kind.OTHER;
              default ->
                  throw new Refusal(
                      "not valid Expression Language: unexpected '" + c + "' at position " + i);
            };
        out.add(new Token(k, String.valueOf(c), i++));
      }
    }
    out.add(new Token(Kind.END, "", s.length()));
    return out;
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** A quoted literal; a doubled quote inside stands for one, as in SpEL. */
  private static int string(String s, int start, List<Token> out) {
    char q = s.charAt(start);
    StringBuilder sb = new StringBuilder();
    int i = start + 1;
    while (true) {
      if (i >= s.length()) {
        throw new Refusal(
            "not valid Expression Language: the string at position " + start + " never ends");
      }
      char d = s.charAt(i);
      if (d == q) {
        if (i + 1 < s.length() && s.charAt(i + 1) == q) {
          sb.append(q);
          i += 2;
          continue;
        }
        out.add(new Token(Kind.STRING, sb.toString(), start));
        return i + 1;
      }
      sb.append(d);
      i++;
    }
  }
}
