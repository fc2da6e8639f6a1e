package dev.oktagroups.sandbox.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The SCIM-style filter subset of Okta's {@code search} and {@code filter} list parameters: {@code
 * attr eq "v"}, {@code sw}, {@code co}, {@code pr}, {@code gt}/{@code ge}/{@code lt}/ {@code le} on
 * timestamps, {@code and}, {@code or} and parentheses. Operators are case-insensitive; string
 * comparisons ignore case, as Okta's search does.
 */
public final class Filter {
  /** Resolves an attribute path such as {@code profile.department} or {@code id} on an object. */
  public interface Resolver {
    Object get(String path);
  }

  private final String source;
  private final Node root;
  private final List<Condition> conditions;

  private Filter(String source, Node root, List<Condition> conditions) {
    this.source = source;
    this.root = root;
    this.conditions = conditions;
  }

  /** One {@code path op value} test, exposed so callers can reject paths or operators. */
  public record Condition(String path, String op, Object value) {}

  /**
   * @throws ExprException on a syntax error
   */
  public static Filter parse(String source) {
    P p = new P(source);
    Node n = p.or();
    p.skipWs();
    if (p.i < source.length()) {
      throw new ExprException("Invalid search criteria: unexpected text at position " + p.i);
    }
    return new Filter(source, n, List.copyOf(p.conditions));
  }

  public String source() {
    return source;
  }

  public List<Condition> conditions() {
    return conditions;
  }

  public boolean test(Resolver r) {
    return root.test(r);
  }

  private interface Node {
    boolean test(Resolver r);
  }

  private static final class P {
    final String s;
    int i;
    final List<Condition> conditions = new ArrayList<>();

    P(String s) {
      this.s = s;
    }

    Node or() {
      Node left = and();
      while (keyword("or")) {
        Node l = left;
        Node r = and();
        left = x -> l.test(x) || r.test(x);
      }
      return left;
    }

    Node and() {
      Node left = primary();
      while (keyword("and")) {
        Node l = left;
        Node r = primary();
        left = x -> l.test(x) && r.test(x);
      }
      return left;
    }

    Node primary() {
      skipWs();
      if (i < s.length() && s.charAt(i) == '(') {
        i++;
        Node inner = or();
        skipWs();
        if (i >= s.length() || s.charAt(i) != ')') {
          throw new ExprException("Invalid search criteria: missing ')'");
        }
        i++;
        return inner;
      }
      String path = word();
      if (path.isEmpty() || !path.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
        throw new ExprException("Invalid search criteria: expected an attribute at position " + i);
      }
      String op = word().toLowerCase(Locale.ROOT);
      switch (op) {
        case "pr" -> {
          conditions.add(new Condition(path, op, null));
          return r -> {
            Object v = r.get(path);
            return v != null && !(v instanceof String str && str.isEmpty());
          };
        }
        case "eq", "ne", "sw", "co", "gt", "ge", "lt", "le" -> {
          Object value = value();
          conditions.add(new Condition(path, op, value));
          return compare(path, op, value);
        }
        default ->
            throw new ExprException("Invalid search criteria: unsupported operator '" + op + "'");
      }
    }

    private static Node compare(String path, String op, Object value) {
      Function<Object, String> norm = o -> o == null ? null : o.toString().toLowerCase(Locale.ROOT);
      String want = norm.apply(value);
      Predicate<String> p =
          switch (op) {
            case "eq" -> v -> v != null && v.equals(want);
            case "ne" -> v -> v == null || !v.equals(want);
            case "sw" -> v -> v != null && want != null && v.startsWith(want);
            case "co" -> v -> v != null && want != null && v.contains(want);
            case "gt" -> v -> v != null && want != null && v.compareTo(want) > 0;
            case "ge" -> v -> v != null && want != null && v.compareTo(want) >= 0;
            case "lt" -> v -> v != null && want != null && v.compareTo(want) < 0;
            default -> v -> v != null && want != null && v.compareTo(want) <= 0;
          };
      return r -> {
        Object v = r.get(path);
        if (v instanceof List<?> list) {
          return list.stream().anyMatch(e -> p.test(norm.apply(e)));
        }
        return p.test(norm.apply(v));
      };
    }

    private Object value() {
      skipWs();
      if (i < s.length() && s.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
          if (i >= s.length()) {
            throw new ExprException("Invalid search criteria: unterminated string");
          }
          char c = s.charAt(i++);
          if (c == '\\' && i < s.length()) {
            sb.append(s.charAt(i++));
          } else if (c == '"') {
            break;
          } else {
            sb.append(c);
          }
        }
        return sb.toString();
      }
      String w = word();
      switch (w) {
        case "true":
          return Boolean.TRUE;
        case "false":
          return Boolean.FALSE;
        case "null":
          return null;
        default:
          if (w.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return w;
          }
          throw new ExprException(
              "Invalid search criteria: expected a quoted value at position " + i);
      }
    }

    private boolean keyword(String k) {
      skipWs();
      int save = i;
      String w = word();
      if (w.equalsIgnoreCase(k)) {
        return true;
      }
      i = save;
      return false;
    }

    private String word() {
      skipWs();
      int start = i;
      while (i < s.length()
          && !Character.isWhitespace(s.charAt(i))
          && "()\"".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      return s.substring(start, i);
    }

    void skipWs() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
