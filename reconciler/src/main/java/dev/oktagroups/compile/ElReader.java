package dev.oktagroups.compile;

import dev.oktagroups.compile.ElLexer.Kind;
import dev.oktagroups.compile.ElLexer.Refusal;
import dev.oktagroups.compile.ElLexer.Token;
import dev.oktagroups.manifest.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A recursive-descent reader from expression tokens straight to a selector, with Okta's precedence:
 * {@code !} over {@code ==}/{@code !=} over AND over OR.
 */
final class ElReader {
  /** What a sub-expression is while it is read: a condition, an attribute, text, or neither. */
  private sealed interface Term {}

  private record Cond(Selector selector) implements Term {}

  private record Attr(String oktaName) implements Term {}

  private record Text(String value) implements Term {}

  /** A constant or call a selector cannot take part in; {@code what} names it for the reason. */
  private record Other(String what) implements Term {}

  private final List<Token> tokens;
  private final Function<String, String> catalogKey;
  private final Map<String, Set<String>> seen = new LinkedHashMap<>();
  private int pos;
  private int depth;

  ElReader(List<Token> tokens, Function<String, String> catalogKey) {
    this.tokens = tokens;
    this.catalogKey = catalogKey;
  }

  Selector read() {
    Selector s = cond(or(), "the expression");
    if (peek().kind() != Kind.END) {
      throw syntax("unexpected '" + peek().text() + "' at position " + peek().pos());
    }
    return s;
  }

  /** The Okta attributes read, with the values named, in order of appearance. */
  Map<String, Set<String>> seen() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    seen.forEach((k, v) -> out.put(k, Set.copyOf(v)));
    return out;
  }

  private Term or() {
    if (++depth > 100) {
      throw new Refusal("the expression is nested more than 100 levels deep");
    }
    Term left = and();
    if (peek().kind() != Kind.OR) {
      depth--;
      return left;
    }
    List<Selector> items = new ArrayList<>(List.of(cond(left, "the left side of OR")));
    while (peek().kind() == Kind.OR) {
      pos++;
      items.add(cond(and(), "the right side of OR"));
    }
    depth--;
    return new Cond(new Selector.Any(items, ""));
  }

  private Term and() {
    Term left = unary();
    if (peek().kind() != Kind.AND) {
      return left;
    }
    List<Selector> items = new ArrayList<>(List.of(cond(left, "the left side of AND")));
    while (peek().kind() == Kind.AND) {
      pos++;
      items.add(cond(unary(), "the right side of AND"));
    }
    return new Cond(new Selector.All(items, ""));
  }

  private Term unary() {
    if (peek().kind() == Kind.BANG) {
      pos++;
      return new Cond(new Selector.Not(cond(unary(), "the operand of !"), ""));
    }
    Term left = primary();
    refuseOther();
    Kind k = peek().kind();
    if (k == Kind.EQ || k == Kind.NE) {
      pos++;
      Term right = primary();
      refuseOther();
      Selector.Match m = equality(left, right);
      return new Cond(k == Kind.EQ ? m : new Selector.Not(m, ""));
    }
    return left;
  }

  /** Stops at an operator a selector has no counterpart for, naming it. */
  private void refuseOther() {
    if (peek().kind() == Kind.OTHER) {
      throw other(peek());
    }
  }

  private static Refusal other(Token t) {
    return new Refusal(
        "uses '"
            + t.text()
            + "' (arithmetic, ordering, a conditional or a collection), which a selector"
            + " cannot say");
  }

  private Selector.Match equality(Term left, Term right) {
    if (left instanceof Attr a && right instanceof Text t) {
      return match(a, Selector.Op.EQUALS, t);
    }
    if (left instanceof Text t && right instanceof Attr a) {
      return match(a, Selector.Op.EQUALS, t);
    }
    if (left instanceof Other o) {
      throw new Refusal("compares " + o.what() + ", which a selector cannot say");
    }
    if (right instanceof Other o) {
      throw new Refusal("compares with " + o.what() + ", which a selector cannot say");
    }
    if (left instanceof Attr && right instanceof Attr) {
      throw new Refusal("compares two attributes with each other, which a selector cannot say");
    }
    throw new Refusal("compares something other than an attribute with a text value");
  }

  private Selector.Match match(Attr a, Selector.Op op, Text t) {
    if (t.value().indexOf('"') >= 0 && t.value().indexOf('\'') >= 0) {
      throw new Refusal(
          "the value " + t.value() + " holds both quote characters and cannot be written back");
    }
    seen.computeIfAbsent(a.oktaName(), k -> new LinkedHashSet<>()).add(t.value());
    return new Selector.Match(catalogKey.apply(a.oktaName()), op, List.of(t.value()), "");
  }

  private Term primary() {
    Token t = next();
    return switch (t.kind()) {
      case LPAREN -> {
        Term inner = or();
        expect(Kind.RPAREN, "')'");
        yield inner;
      }
      case STRING -> new Text(t.text());
      case NUMBER -> new Other("a number (" + t.text() + ")");
      case IDENT -> identifier(t);
      case OTHER -> throw other(t);
      default -> throw syntax("unexpected '" + t.text() + "' at position " + t.pos());
    };
  }

  private Term identifier(Token t) {
    String w = t.text();
    switch (w) {
      case "true", "false" -> {
        return new Other("the constant " + w);
      }
      case "null" -> {
        return new Other("null (whether an attribute is unset)");
      }
      case "user" -> {
        expect(Kind.DOT, "'.' after user");
        Token name = expect(Kind.IDENT, "an attribute name after user.");
        if (peek().kind() == Kind.LPAREN) {
          throw new Refusal(
              "reads user." + name.text() + "(...), an internal property, not a profile attribute");
        }
        return new Attr(name.text());
      }
      default -> {
        if (w.startsWith("isMemberOf")) {
          throw new Refusal("tests group membership (" + w + "), which a selector cannot say");
        }
        if (peek().kind() != Kind.DOT) {
          throw syntax("unknown name '" + w + "' at position " + t.pos());
        }
        pos++;
        String function = w + "." + expect(Kind.IDENT, "a function name").text();
        return call(function);
      }
    }
  }

  private Term call(String function) {
    Selector.Op op =
        switch (function) {
          case "String.startsWith" -> Selector.Op.STARTS_WITH;
          case "String.stringContains" -> Selector.Op.CONTAINS;
          default ->
              throw new Refusal(
                  "calls "
                      + function
                      + "; a selector has only exact values, startsWith and contains");
        };
    expect(Kind.LPAREN, "'(' after " + function);
    Term subject = or();
    expect(Kind.COMMA, "',' between the arguments of " + function);
    Term value = or();
    expect(Kind.RPAREN, "')' after the arguments of " + function);
    if (subject instanceof Attr a && value instanceof Text t) {
      return new Cond(match(a, op, t));
    }
    throw new Refusal(function + " is not applied to an attribute and a text value");
  }

  private Selector cond(Term t, String where) {
    if (t instanceof Cond c) {
      return c.selector();
    }
    String what;
    if (t instanceof Attr a) {
      what = "the attribute user." + a.oktaName();
    } else if (t instanceof Text x) {
      what = "the text '" + x.value() + "'";
    } else {
      what = ((Other) t).what();
    }
    throw new Refusal(where + " is " + what + ", not a condition on an attribute");
  }

  private Refusal syntax(String detail) {
    return new Refusal("not valid Expression Language: " + detail);
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.END) {
      pos++;
    }
    return t;
  }

  private Token expect(Kind k, String what) {
    Token t = next();
    if (t.kind() != k) {
      throw syntax("expected " + what + " at position " + t.pos());
    }
    return t;
  }
}
