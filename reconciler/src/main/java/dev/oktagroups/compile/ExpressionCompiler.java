package dev.oktagroups.compile;

import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.Selector;
import dev.oktagroups.state.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Compiles a selector into an Okta Expression Language rule expression, plus a matcher that
 * evaluates the same selector against a profile locally.
 *
 * <p>Every value becomes a string literal in a quote it does not contain, so no value can change
 * the expression's meaning: {@code x" OR user.department != "} compiles to the literal {@code 'x"
 * OR user.department != "'}. Okta documents no escape inside literals, which is why validation
 * rejects values holding both quotes. Unless the selector names the population attribute, the
 * default population (employees only) is added.
 */
public final class ExpressionCompiler {
  /** A compiled selector: the expression Okta evaluates and the matcher okta-groups uses. */
  public record Compiled(String expression, DesiredState.ProfileMatcher matcher) {}

  private final OrgConfig config;

  public ExpressionCompiler(OrgConfig config) {
    this.config = config;
  }

  /** Compiles {@code selector}, adding the default population unless it names that attribute. */
  public Compiled compile(Selector selector) {
    return compile(selector, true);
  }

  /**
   * Compiles {@code selector}; with {@code defaultPopulation} false, exactly as written, for groups
   * whose manifest says the rule covers every user type.
   */
  public Compiled compile(Selector selector, boolean defaultPopulation) {
    List<String> clauses = new ArrayList<>();
    List<Predicate<Map<String, Object>>> tests = new ArrayList<>();
    List<Selector> parts = new ArrayList<>();
    if (selector instanceof Selector.All all) {
      parts.addAll(all.items());
    } else {
      parts.add(selector);
    }
    OrgConfig.Population pop = config.population();
    if (defaultPopulation
        && !mentions(selector, pop.attribute())
        && config.attributes().containsKey(pop.attribute())) {
      parts.add(new Selector.Match(pop.attribute(), Selector.Op.EQUALS, pop.values(), ""));
    }
    List<List<String>> read = new ArrayList<>();
    for (Selector s : parts) {
      clauses.add(expr(s));
      tests.add(test(s));
      List<String> attrs = new ArrayList<>();
      attributes(s, attrs);
      read.add(attrs);
    }
    String expression = String.join(" AND ", clauses);
    Optional<String> search = SearchFilter.of(selector, config, defaultPopulation);
    DesiredState.ProfileMatcher matcher =
        new DesiredState.ProfileMatcher() {
          @Override
          public boolean matches(Map<String, Object> profile) {
            return tests.stream().allMatch(t -> t.test(profile));
          }

          @Override
          public Optional<String> search() {
            return search;
          }

          @Override
          public List<String> explain(Map<String, Object> profile) {
            if (!matches(profile)) {
              return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < clauses.size(); i++) {
              List<String> values = new ArrayList<>();
              for (String a : read.get(i)) {
                values.add(a + ": " + profile.get(a));
              }
              out.add(clauses.get(i) + " (" + String.join(", ", values) + ")");
            }
            return out;
          }
        };
    return new Compiled(expression, matcher);
  }

  /** The Okta attributes a selector reads, in order, once each. */
  private void attributes(Selector s, List<String> into) {
    if (s instanceof Selector.Match m) {
      String a = oktaName(m.attribute());
      if (!into.contains(a)) {
        into.add(a);
      }
    } else if (s instanceof Selector.All a) {
      a.items().forEach(i -> attributes(i, into));
    } else if (s instanceof Selector.Any a) {
      a.items().forEach(i -> attributes(i, into));
    } else {
      attributes(((Selector.Not) s).inner(), into);
    }
  }

  /** Whether the selector tests {@code attribute} anywhere. */
  static boolean mentions(Selector s, String attribute) {
    if (s instanceof Selector.Match m) {
      return m.attribute().equals(attribute);
    }
    if (s instanceof Selector.All a) {
      return a.items().stream().anyMatch(i -> mentions(i, attribute));
    }
    if (s instanceof Selector.Any a) {
      return a.items().stream().anyMatch(i -> mentions(i, attribute));
    }
    return mentions(((Selector.Not) s).inner(), attribute);
  }

  private String expr(Selector s) {
    if (s instanceof Selector.Match m) {
      String attr = "user." + oktaName(m.attribute());
      List<String> parts = new ArrayList<>();
      for (String v : m.values()) {
        String lit = literal(v);
        parts.add(
            switch (m.op()) {
              case EQUALS -> attr + " == " + lit;
              case STARTS_WITH -> "String.startsWith(" + attr + ", " + lit + ")";
              case CONTAINS -> "String.stringContains(" + attr + ", " + lit + ")";
            });
      }
      return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
    }
    if (s instanceof Selector.All a) {
      List<String> parts = a.items().stream().map(this::expr).toList();
      return parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")";
    }
    if (s instanceof Selector.Any a) {
      List<String> parts = a.items().stream().map(this::expr).toList();
      return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
    }
    return "!(" + expr(((Selector.Not) s).inner()) + ")";
  }

  private Predicate<Map<String, Object>> test(Selector s) {
    if (s instanceof Selector.Match m) {
      String attr = oktaName(m.attribute());
      return p -> {
        Object v = p.get(attr);
        if (!(v instanceof String str)) {
          return false; // null or not text: Okta's comparisons are false too
        }
        for (String want : m.values()) {
          boolean hit =
              switch (m.op()) {
                case EQUALS -> str.equals(want);
                case STARTS_WITH -> str.startsWith(want);
                case CONTAINS -> str.contains(want);
              };
          if (hit) {
            return true;
          }
        }
        return false;
      };
    }
    if (s instanceof Selector.All a) {
      List<Predicate<Map<String, Object>>> ts = a.items().stream().map(this::test).toList();
      return p -> ts.stream().allMatch(t -> t.test(p));
    }
    if (s instanceof Selector.Any a) {
      List<Predicate<Map<String, Object>>> ts = a.items().stream().map(this::test).toList();
      return p -> ts.stream().anyMatch(t -> t.test(p));
    }
    Predicate<Map<String, Object>> inner = test(((Selector.Not) s).inner());
    return inner.negate();
  }

  private String oktaName(String catalogKey) {
    OrgConfig.AttributeDef def = config.attributes().get(catalogKey);
    return Objects.requireNonNull(def, "attribute not in catalog: " + catalogKey).okta();
  }

  /**
   * A string literal in a quote the value does not contain.
   *
   * @throws IllegalArgumentException when the value holds both quotes (validation prevents it)
   */
  public static String literal(String value) {
    if (value.indexOf('"') < 0) {
      return "\"" + value + "\"";
    }
    if (value.indexOf('\'') < 0) {
      return "'" + value + "'";
    }
    throw new IllegalArgumentException(
        "a value with both ' and \" cannot be quoted safely: " + value);
  }
}
