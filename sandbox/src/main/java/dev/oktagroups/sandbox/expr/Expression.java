package dev.oktagroups.sandbox.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The subset of Okta Expression Language that group rules use, parsed once and evaluated per user.
 *
 * <p>Grammar: {@code user.<attr>}, string literals in double or single quotes (a doubled quote
 * inside is a literal quote, as in SpEL; backslashes are literal), {@code true}, {@code false},
 * {@code null}, {@code ==}, {@code !=}, {@code AND}, {@code OR}, {@code !}, parentheses, {@code
 * String.stringContains(a, b)}, {@code String.startsWith(a, b)}, {@code String.toLowerCase(a)},
 * {@code Arrays.contains(array, value)} and {@code isMemberOfAnyGroup("00g…", …)}. Like Okta, it is
 * case-sensitive and rejects anything else, and an expression must produce a boolean.
 */
public final class Expression {
  /** What an expression reads: a user's profile and group memberships. */
  public interface Subject {
    /** The profile attribute's value: a String, Boolean, Number, List, or null when unset. */
    Object attribute(String name);

    boolean isMemberOf(String groupId);
  }

  private final String source;
  private final Node root;
  private final Set<String> attributes;
  private final Set<String> groupIds;

  private Expression(String source, Node root, Set<String> attributes, Set<String> groupIds) {
    this.source = source;
    this.root = root;
    this.attributes = attributes;
    this.groupIds = groupIds;
  }

  /**
   * Parses {@code source}.
   *
   * @param knownAttribute which {@code user.<attr>} names exist in the user profile schema
   * @throws ExprException on a syntax error, an unknown attribute or a non-boolean result
   */
  public static Expression parse(String source, Predicate<String> knownAttribute) {
    Parser p = new Parser(Lexer.tokens(source), knownAttribute);
    Node root = p.expression();
    p.expectEnd();
    if (root.type() != Type.BOOLEAN && root.type() != Type.ANY) {
      throw new ExprException("Expression must evaluate to a boolean: " + source);
    }
    return new Expression(source, root, Set.copyOf(p.attributes), Set.copyOf(p.groupIds));
  }

  public String source() {
    return source;
  }

  /** The profile attributes the expression reads. */
  public Set<String> attributes() {
    return attributes;
  }

  /** The group ids passed to {@code isMemberOfAnyGroup}. */
  public Set<String> groupIds() {
    return groupIds;
  }

  public boolean matches(Subject user) {
    return Boolean.TRUE.equals(root.eval(user));
  }

  // ---- evaluation tree ----------------------------------------------------------------------

  private enum Type {
    BOOLEAN,
    STRING,
    ARRAY,
    ANY
  }

  private interface Node {
    Object eval(Subject s);

    Type type();
  }

  private record Literal(Object value, Type type) implements Node {
    @Override
    public Object eval(Subject s) {
      return value;
    }
  }

  /** A profile attribute. The sandbox's profile attributes are strings (or string arrays). */
  private record Attr(String name) implements Node {
    @Override
    public Object eval(Subject s) {
      return s.attribute(name);
    }

    @Override
    public Type type() {
      return Type.STRING;
    }
  }

  private record Not(Node inner) implements Node {
    @Override
    public Object eval(Subject s) {
      return !Boolean.TRUE.equals(inner.eval(s));
    }

    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }

  private record Logic(boolean and, Node left, Node right) implements Node {
    @Override
    public Object eval(Subject s) {
      boolean l = Boolean.TRUE.equals(left.eval(s));
      if (and) {
        return l && Boolean.TRUE.equals(right.eval(s));
      }
      return l || Boolean.TRUE.equals(right.eval(s));
    }

    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }

  private record Compare(boolean equal, Node left, Node right) implements Node {
    @Override
    public Object eval(Subject s) {
      Object l = normalize(left.eval(s));
      Object r = normalize(right.eval(s));
      boolean same = Objects.equals(l, r);
      return equal == same;
    }

    @Override
    public Type type() {
      return Type.BOOLEAN;
    }

    private static Object normalize(Object o) {
      return o instanceof Number n ? n.toString() : o;
    }
  }

  private record Call(String function, List<Node> args) implements Node {
    @Override
    public Object eval(Subject s) {
      switch (function) {
        case "String.stringContains":
          {
            Object a = args.get(0).eval(s);
            Object b = args.get(1).eval(s);
            return a instanceof String sa && b instanceof String sb && sa.contains(sb);
          }
        case "String.startsWith":
          {
            Object a = args.get(0).eval(s);
            Object b = args.get(1).eval(s);
            return a instanceof String sa && b instanceof String sb && sa.startsWith(sb);
          }
        case "String.toLowerCase":
          {
            Object a = args.get(0).eval(s);
            return a instanceof String sa ? sa.toLowerCase(Locale.ROOT) : null;
          }
        case "Arrays.contains":
          {
            Object a = args.get(0).eval(s);
            Object v = args.get(1).eval(s);
            if (a instanceof List<?> list) {
              return list.contains(v);
            }
            return a != null && a.equals(v); // a scalar attribute behaves as a one-element array
          }
        case "isMemberOfAnyGroup":
          {
            for (Node n : args) {
              Object id = n.eval(s);
              if (id instanceof String g && s.isMemberOf(g)) {
                return true;
              }
            }
            return false;
          }
        default:
          throw new IllegalStateException(function);
      }
    }

    @Override
    public Type type() {
      return function.equals("String.toLowerCase") ? Type.STRING : Type.BOOLEAN;
    }
  }

  // ---- lexer --------------------------------------------------------------------------------

  private enum Kind {
    IDENT,
    STRING,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    EQ,
    NE,
    BANG,
    END
  }

  private record Token(Kind kind, String text, int pos) {}

  private static final class Lexer {
    static List<Token> tokens(String s) {
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

  // ---- parser -------------------------------------------------------------------------------

  private static final class Parser {
    private final List<Token> tokens;
    private final Predicate<String> knownAttribute;
    private final Set<String> attributes = new java.util.HashSet<>();
    private final Set<String> groupIds = new java.util.HashSet<>();
    private int pos;
    private int depth;

    Parser(List<Token> tokens, Predicate<String> knownAttribute) {
      this.tokens = tokens;
      this.knownAttribute = knownAttribute;
    }

    Node expression() {
      if (++depth > 100) {
        throw new ExprException("Expression is nested too deeply");
      }
      Node left = and();
      while (isWord("OR")) {
        pos++;
        left = new Logic(false, bool(left), bool(and()));
      }
      depth--;
      return left;
    }

    private Node and() {
      Node left = unary();
      while (isWord("AND")) {
        pos++;
        left = new Logic(true, bool(left), bool(unary()));
      }
      return left;
    }

    private Node unary() {
      if (peek().kind() == Kind.BANG) {
        pos++;
        return new Not(bool(unary()));
      }
      Node left = primary();
      Kind k = peek().kind();
      if (k == Kind.EQ || k == Kind.NE) {
        pos++;
        Node right = primary();
        return new Compare(k == Kind.EQ, left, right);
      }
      return left;
    }

    private Node primary() {
      Token t = next();
      switch (t.kind()) {
        case LPAREN -> {
          Node inner = expression();
          expect(Kind.RPAREN);
          return inner;
        }
        case STRING -> {
          return new Literal(t.text(), Type.STRING);
        }
        case IDENT -> {
          return identifier(t);
        }
        default -> throw new ExprException("Unexpected '" + t.text() + "' at position " + t.pos());
      }
    }

    private Node identifier(Token t) {
      switch (t.text()) {
        case "true":
          return new Literal(Boolean.TRUE, Type.BOOLEAN);
        case "false":
          return new Literal(Boolean.FALSE, Type.BOOLEAN);
        case "null":
          return new Literal(null, Type.ANY);
        case "user":
          {
            expect(Kind.DOT);
            Token name = expect(Kind.IDENT);
            if (peek().kind() == Kind.LPAREN) {
              throw new ExprException("Unsupported method user." + name.text());
            }
            if (!knownAttribute.test(name.text())) {
              throw new ExprException("Invalid property " + name.text() + " in expression");
            }
            attributes.add(name.text());
            return new Attr(name.text());
          }
        case "String":
        case "Arrays":
          {
            expect(Kind.DOT);
            Token fn = expect(Kind.IDENT);
            String function = t.text() + "." + fn.text();
            int arity =
                switch (function) {
                  case "String.stringContains", "String.startsWith", "Arrays.contains" -> 2;
                  case "String.toLowerCase" -> 1;
                  default -> throw new ExprException("Unsupported function " + function);
                };
            List<Node> args = arguments();
            if (args.size() != arity) {
              throw new ExprException(
                  function + " takes " + arity + " arguments, got " + args.size());
            }
            return new Call(function, args);
          }
        case "isMemberOfAnyGroup":
          {
            List<Node> args = arguments();
            if (args.isEmpty()) {
              throw new ExprException("isMemberOfAnyGroup needs at least one group id");
            }
            for (Node a : args) {
              if (!(a instanceof Literal l) || !(l.value() instanceof String id)) {
                throw new ExprException("isMemberOfAnyGroup takes group id strings");
              }
              groupIds.add(id);
            }
            return new Call("isMemberOfAnyGroup", args);
          }
        default:
          throw new ExprException("Unknown identifier '" + t.text() + "' at position " + t.pos());
      }
    }

    private List<Node> arguments() {
      expect(Kind.LPAREN);
      List<Node> args = new ArrayList<>();
      if (peek().kind() != Kind.RPAREN) {
        args.add(expression());
        while (peek().kind() == Kind.COMMA) {
          pos++;
          args.add(expression());
        }
      }
      expect(Kind.RPAREN);
      return args;
    }

    private Node bool(Node n) {
      if (n.type() == Type.STRING) {
        throw new ExprException("Expected a boolean where a string was given");
      }
      return n;
    }

    void expectEnd() {
      if (peek().kind() != Kind.END) {
        Token t = peek();
        throw new ExprException("Unexpected '" + t.text() + "' at position " + t.pos());
      }
    }

    private boolean isWord(String w) {
      Token t = peek();
      return t.kind() == Kind.IDENT && t.text().equals(w);
    }

    private Token peek() {
      return tokens.get(pos);
    }

    private Token next() {
      return tokens.get(pos++);
    }

    private Token expect(Kind k) {
      Token t = next();
      if (t.kind() != k) {
        throw new ExprException(
            "Expected " + k + " at position " + t.pos() + " but found '" + t.text() + "'");
      }
      return t;
    }
  }

  /** A subject over a plain map, for tests and tools. */
  public static Subject of(Map<String, ?> profile, Set<String> groups) {
    return new Subject() {
      @Override
      public Object attribute(String name) {
        return profile.get(name);
      }

      @Override
      public boolean isMemberOf(String groupId) {
        return groups.contains(groupId);
      }
    };
  }
}
