package dev.oktagroups.sandbox.expr;

import java.util.ArrayList;
import java.util.List;

/** Tokens of the rule expression language. */
final class Lexing {
  private Lexing() {}

  enum Kind {
    IDENT,
    STRING,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    EQ,
    NE,
    BANG,
    /** {@code &&}, which Okta accepts for {@code AND}. */
    AND,
    /** {@code ||}, which Okta accepts for {@code OR}. */
    OR,
    END
  }

  record Token(Kind kind, String text, int pos) {}

  static final class Lexer {
    static List<Token> tokens(String s) {
      // One loop over the characters with a case per token kind: a lexer reads best whole.
      List<Token> out = new ArrayList<>();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '"' || c == '\'') {
          StringBuilder sb = new StringBuilder();
          int start = i++;
          while (true) {
            if (i >= s.length()) {
              throw new ExprException("Unterminated string starting at position " + start);
            }
            char d = s.charAt(i);
            if (d == c) {
              if (i + 1 < s.length() && s.charAt(i + 1) == c) {
                sb.append(c);
                i += 2;
                continue;
              }
              i++;
              break;
            }
            sb.append(d);
            i++;
          }
          out.add(new Token(Kind.STRING, sb.toString(), start));
        } else if (Character.isLetter(c) || c == '_' || c == '$') {
          int start = i;
          while (i < s.length()
              && (Character.isLetterOrDigit(s.charAt(i))
                  || s.charAt(i) == '_'
                  || s.charAt(i) == '$')) {
            i++;
          }
          out.add(new Token(Kind.IDENT, s.substring(start, i), start));
        } else if (c == '=' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
          out.add(new Token(Kind.EQ, "==", i));
          i += 2;
        } else if (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
          out.add(new Token(Kind.NE, "!=", i));
          i += 2;
        } else if (c == '&' && i + 1 < s.length() && s.charAt(i + 1) == '&') {
          out.add(new Token(Kind.AND, "&&", i));
          i += 2;
        } else if (c == '|' && i + 1 < s.length() && s.charAt(i + 1) == '|') {
          out.add(new Token(Kind.OR, "||", i));
          i += 2;
        } else if (c == '!') {
          out.add(new Token(Kind.BANG, "!", i++));
        } else if (c == '(') {
          out.add(new Token(Kind.LPAREN, "(", i++));
        } else if (c == ')') {
          out.add(new Token(Kind.RPAREN, ")", i++));
        } else if (c == ',') {
          out.add(new Token(Kind.COMMA, ",", i++));
        } else if (c == '.') {
          out.add(new Token(Kind.DOT, ".", i++));
        } else {
          throw new ExprException("Unexpected character '" + c + "' at position " + i);
        }
      }
      out.add(new Token(Kind.END, "", s.length()));
      return out;
    }
  }
}
