package dev.oktagroups.sandbox.expr;

import dev.oktagroups.sandbox.expr.Lexing.Kind;
import dev.oktagroups.sandbox.expr.Lexing.Token;
import dev.oktagroups.sandbox.expr.Tree.Attr;
import dev.oktagroups.sandbox.expr.Tree.Call;
import dev.oktagroups.sandbox.expr.Tree.Compare;
import dev.oktagroups.sandbox.expr.Tree.Literal;
import dev.oktagroups.sandbox.expr.Tree.Logic;
import dev.oktagroups.sandbox.expr.Tree.Node;
import dev.oktagroups.sandbox.expr.Tree.Not;
import dev.oktagroups.sandbox.expr.Tree.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** A recursive-descent parser from tokens to the evaluation tree, checking types as it goes. */
final class Parser {
  private final List<Token> tokens;
  private final Predicate<String> knownAttribute;
  final Set<String> attributes = new java.util.HashSet<>();
  final Set<String> groupIds = new java.util.HashSet<>();
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
    while (isWord("OR") || peek().kind() == Kind.OR) {
      pos++;
      left = new Logic(false, bool(left), bool(and()));
    }
    depth--;
    return left;
  }

  private Node and() {
    Node left = unary();
    while (isWord("AND") || peek().kind() == Kind.AND) {
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
