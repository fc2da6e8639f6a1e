package dev.oktagroups.sandbox.expr;

import dev.oktagroups.sandbox.expr.Expression.Subject;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The evaluation tree of an {@link Expression}: each node evaluates itself against a subject. */
final class Tree {
  private Tree() {}

  enum Type {
    BOOLEAN,
    STRING,
    ARRAY,
    ANY
  }

  interface Node {
    Object eval(Subject s);

    Type type();
  }

  record Literal(Object value, Type type) implements Node {
    @Override
    public Object eval(Subject s) {
      return value;
    }
  }

  /** A profile attribute. The sandbox's profile attributes are strings (or string arrays). */
  record Attr(String name) implements Node {
    @Override
    public Object eval(Subject s) {
      return s.attribute(name);
    }

    @Override
    public Type type() {
      return Type.STRING;
    }
  }

  record Not(Node inner) implements Node {
    @Override
    public Object eval(Subject s) {
      return !Boolean.TRUE.equals(inner.eval(s));
    }

    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }

  record Logic(boolean and, Node left, Node right) implements Node {
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

  record Compare(boolean equal, Node left, Node right) implements Node {
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

  record Call(String function, List<Node> args) implements Node {
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
}
