package dev.oktagroups.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.manifest.Selector;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link Draft} as a manifest. Every text is a JSON string, which YAML reads as a
 * double-quoted scalar, so no value (a name with a colon, a {@code yes}, a leading {@code @}) can
 * change type or meaning on the way back in.
 */
final class ManifestYaml {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestYaml() {}

  static String render(Draft d, String schemaPath) {
    StringBuilder y = new StringBuilder();
    y.append("# yaml-language-server: $schema=").append(schemaPath).append('\n');
    y.append("# Imported from Okta by okta-groups import; see docs/import.md.\n");
    y.append("name: ").append(q(d.name())).append('\n');
    y.append("kind: ").append(d.kind().label()).append('\n');
    y.append("description: ").append(q(d.description())).append('\n');
    y.append("owners: ").append(json(d.owners())).append('\n');
    y.append("adopt: true\n");
    d.rule()
        .ifPresent(
            r -> {
              if (d.everyUserType()) {
                y.append("population: all\n");
              }
              y.append("rule: ").append(selector(r)).append('\n');
              y.append("imported:\n");
              if (d.merged().isEmpty()) {
                y.append("  rule: ").append(q(d.ruleName())).append('\n');
                y.append("  expression: ").append(q(d.ruleExpression())).append('\n');
              } else {
                y.append("  merged: ").append(json(d.merged())).append('\n');
              }
            });
    if (!d.excluded().isEmpty()) {
      y.append("excluded:\n");
      for (String u : d.excluded()) {
        y.append("  - user: ").append(q(u)).append('\n');
        y.append("    reason: \"Excluded from the rule in Okta before the import\"\n");
      }
    }
    if (!d.members().isEmpty()) {
      y.append("members:\n");
      for (String u : d.members()) {
        y.append("  - user: ").append(q(u)).append('\n');
        y.append("    imported: true\n");
      }
    }
    if (!d.apps().isEmpty()) {
      y.append("apps:\n");
      for (Draft.App a : d.apps()) {
        y.append("  - app: ").append(q(a.key())).append('\n');
        y.append("    priority: ").append(a.priority()).append('\n');
        if (!a.profile().isEmpty()) {
          y.append("    profile: ").append(json(a.profile())).append('\n');
        }
      }
    }
    d.push()
        .ifPresent(
            p -> {
              y.append("push:\n");
              y.append("  app: ").append(q(p.app())).append('\n');
              p.email().ifPresent(e -> y.append("  email: ").append(q(e)).append('\n'));
              p.target().ifPresent(t -> y.append("  target: ").append(q(t)).append('\n'));
            });
    return y.toString();
  }

  /** A selector in flow style: a mapping of distinct attributes, or all/any/not. */
  static String selector(Selector s) {
    if (s instanceof Selector.Match m) {
      return "{" + q(m.attribute()) + ": " + condition(m) + "}";
    }
    if (s instanceof Selector.Not n) {
      return "{\"not\": " + selector(n.inner()) + "}";
    }
    if (s instanceof Selector.All a && distinctMatches(a.items())) {
      StringBuilder sb = new StringBuilder("{");
      for (Selector i : a.items()) {
        Selector.Match m = (Selector.Match) i;
        sb.append(sb.length() > 1 ? ", " : "").append(q(m.attribute())).append(": ");
        sb.append(condition(m));
      }
      return sb.append('}').toString();
    }
    List<Selector> items = s instanceof Selector.All a ? a.items() : ((Selector.Any) s).items();
    String key = s instanceof Selector.All ? "all" : "any";
    return "{\""
        + key
        + "\": ["
        + String.join(", ", items.stream().map(ManifestYaml::selector).toList())
        + "]}";
  }

  /** Whether the items are matches of different attributes, none named like a keyword. */
  private static boolean distinctMatches(List<Selector> items) {
    Set<String> seen = new HashSet<>(Set.of("all", "any", "not"));
    for (Selector i : items) {
      if (!(i instanceof Selector.Match m) || !seen.add(m.attribute())) {
        return false;
      }
    }
    return true;
  }

  private static String condition(Selector.Match m) {
    String values = m.values().size() == 1 ? q(m.values().get(0)) : json(m.values());
    return m.op() == Selector.Op.EQUALS ? values : "{" + q(m.op().yamlKey()) + ": " + values + "}";
  }

  static String q(String s) {
    return json(s);
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + o, e);
    }
  }
}
