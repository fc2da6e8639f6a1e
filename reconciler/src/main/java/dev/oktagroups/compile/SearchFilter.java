package dev.oktagroups.compile;

import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a selector into a SCIM filter for {@code GET /api/v1/users?search=}, so reading the
 * people a rule selects costs pages of matches rather than the whole directory.
 *
 * <p>The filter is a superset, never a subset: Okta's search compares strings without regard to
 * case, has no {@code ne}, and supports {@code co} on a few standard attributes only, so a clause
 * it cannot express exactly is widened to "anyone" and the compiled matcher then decides person by
 * person. Only ACTIVE people are asked for, because rules add no one else.
 */
final class SearchFilter {
  /** The attributes Okta's search accepts {@code co} on. */
  private static final Set<String> CONTAINS_OK = Set.of("firstName", "lastName", "email", "login");

  private SearchFilter() {}

  /**
   * The filter for people the selector may match, with the default population when {@code
   * defaultPopulation} (an imported {@code population: all} rule has none).
   */
  static Optional<String> of(Selector selector, OrgConfig config, boolean defaultPopulation) {
    List<String> parts = new ArrayList<>();
    narrow(selector, config.attributes()).ifPresent(parts::add);
    OrgConfig.Population pop = config.population();
    if (defaultPopulation
        && !ExpressionCompiler.mentions(selector, pop.attribute())
        && config.attributes().containsKey(pop.attribute())) {
      Selector.Match m = new Selector.Match(pop.attribute(), Selector.Op.EQUALS, pop.values(), "");
      narrow(m, config.attributes()).ifPresent(parts::add);
    }
    parts.add("status eq \"ACTIVE\"");
    return Optional.of(String.join(" and ", parts));
  }

  /** A filter every match of {@code s} satisfies, or empty for "cannot narrow". */
  private static Optional<String> narrow(Selector s, Map<String, OrgConfig.AttributeDef> attrs) {
    if (s instanceof Selector.Match m) {
      String attr = "profile." + attrs.get(m.attribute()).okta();
      if (m.op() == Selector.Op.CONTAINS
          && !CONTAINS_OK.contains(attrs.get(m.attribute()).okta())) {
        return Optional.empty();
      }
      String op =
          switch (m.op()) {
            case EQUALS -> " eq ";
            case STARTS_WITH -> " sw ";
            case CONTAINS -> " co ";
          };
      List<String> terms = m.values().stream().map(v -> attr + op + quote(v)).toList();
      return Optional.of(group(terms, " or "));
    }
    if (s instanceof Selector.All a) {
      List<String> terms = new ArrayList<>();
      a.items().forEach(i -> narrow(i, attrs).ifPresent(terms::add));
      return terms.isEmpty() ? Optional.empty() : Optional.of(group(terms, " and "));
    }
    if (s instanceof Selector.Any a) {
      List<String> terms = new ArrayList<>();
      for (Selector i : a.items()) {
        Optional<String> t = narrow(i, attrs);
        if (t.isEmpty()) {
          return Optional.empty(); // one branch may match anyone, so the union may too
        }
        terms.add(t.get());
      }
      return Optional.of(group(terms, " or "));
    }
    return Optional.empty(); // "not": search has no ne, and a negation cannot be narrowed safely
  }

  private static String group(List<String> terms, String joiner) {
    return terms.size() == 1 ? terms.get(0) : "(" + String.join(joiner, terms) + ")";
  }

  /** A SCIM string literal: backslashes and double quotes escaped. */
  static String quote(String v) {
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
