package dev.oktagroups.sandbox.expr;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The subset of Okta Expression Language that group rules use, parsed once and evaluated per user.
 *
 * <p>Grammar: {@code user.<attr>}, string literals in double or single quotes (a doubled quote
 * inside is a literal quote, as in SpEL; backslashes are literal), {@code true}, {@code false},
 * {@code null}, {@code ==}, {@code !=}, {@code AND} or {@code &&}, {@code OR} or {@code ||}, {@code
 * !}, parentheses, {@code String.stringContains(a, b)}, {@code String.startsWith(a, b)}, {@code
 * String.toLowerCase(a)}, {@code Arrays.contains(array, value)} and {@code
 * isMemberOfAnyGroup("00g…", …)}. Like Okta, it is case-sensitive and rejects anything else, and an
 * expression must produce a boolean.
 */
public final class Expression {
  /** What an expression reads: a user's profile and group memberships. */
  public interface Subject {
    /** The profile attribute's value: a String, Boolean, Number, List, or null when unset. */
    Object attribute(String name);

    boolean isMemberOf(String groupId);
  }

  private final String source;
  private final Tree.Node root;
  private final Set<String> attributes;
  private final Set<String> groupIds;

  private Expression(String source, Tree.Node root, Set<String> attributes, Set<String> groupIds) {
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
    Parser p = new Parser(Lexing.Lexer.tokens(source), knownAttribute);
    Tree.Node root = p.expression();
    p.expectEnd();
    if (root.type() != Tree.Type.BOOLEAN && root.type() != Tree.Type.ANY) {
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
