package dev.oktagroups.manifest;

import java.util.List;

/**
 * Who belongs to a rule-driven group, as a tree over catalog attributes.
 *
 * <p>YAML shape: a mapping of {@code attribute: condition} entries means all of them hold; {@code
 * all}, {@code any} and {@code not} nest. A condition is a string (equals), a list (equals any of)
 * or a single-operator mapping ({@code startsWith}, {@code contains}).
 */
public sealed interface Selector {

  /** The JSON pointer of this node in its manifest, for diagnostics. */
  String pointer();

  /** Every listed sub-selector holds. */
  record All(List<Selector> items, String pointer) implements Selector {
    public All {
      items = List.copyOf(items);
    }
  }

  /** At least one listed sub-selector holds. */
  record Any(List<Selector> items, String pointer) implements Selector {
    public Any {
      items = List.copyOf(items);
    }
  }

  /** The sub-selector does not hold. */
  record Not(Selector inner, String pointer) implements Selector {}

  /**
   * One attribute test; true when the attribute satisfies {@code op} for any of {@code values}.
   *
   * @param attribute a key of the attribute catalog in okta-groups.yaml
   */
  record Match(String attribute, Op op, List<String> values, String pointer) implements Selector {
    public Match {
      values = List.copyOf(values);
    }
  }

  /**
   * The operators every stage supports: validation, the expression compiler, and the sandbox's
   * expression evaluator. Keep this set small; each new one needs all three.
   */
  enum Op {
    EQUALS("equals"),
    STARTS_WITH("startsWith"),
    CONTAINS("contains");

    private final String yamlKey;

    Op(String yamlKey) {
      this.yamlKey = yamlKey;
    }

    /** The key spelling in a manifest; {@code equals} is implicit and never written. */
    public String yamlKey() {
      return yamlKey;
    }
  }
}
