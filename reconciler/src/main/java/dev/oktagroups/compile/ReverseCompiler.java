package dev.oktagroups.compile;

import dev.oktagroups.manifest.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns an Okta group rule expression back into a selector, exactly or not at all.
 *
 * <p>The forms it takes are the ones a selector can say with the same meaning: {@code user.x ==
 * "v"} (either side, either quote), {@code !=}, {@code String.startsWith(user.x, "v")}, {@code
 * String.stringContains(user.x, "v")}, {@code AND}/{@code &&}, {@code OR}/{@code ||}, {@code !} and
 * parentheses. Anything else (group membership, arithmetic and ordering, other functions, two
 * attributes compared, a bare {@code true}, a {@code null} test) is refused with a reason, because
 * a selector that only approximates a rule would move people on the first apply.
 *
 * <p>The meaning is preserved node by node: a {@code Match} is false when the attribute is unset or
 * not text, exactly as Okta's comparison and string functions are, and {@code !=} becomes {@code
 * not} of an equality, which is true for an unset attribute, as Okta's {@code !=} is.
 */
public final class ReverseCompiler {
  /** The outcome: a selector, or why there is none. */
  public sealed interface Result {}

  /**
   * An exact selector.
   *
   * @param selector selects the same people as the expression, with no default population added
   * @param attributes every Okta attribute the expression reads, with the literal values it names,
   *     in the order they appear
   */
  public record Exact(Selector selector, Map<String, Set<String>> attributes) implements Result {}

  /** Not expressible as a selector with the same meaning. */
  public record Refused(String reason) implements Result {}

  private final Function<String, String> catalogKey;

  /**
   * @param catalogKey the catalog key of an Okta profile attribute; attributes missing from the
   *     catalog keep their Okta name, and the caller adds them
   */
  public ReverseCompiler(Function<String, String> catalogKey) {
    this.catalogKey = catalogKey;
  }

  public Result reverse(String expression) {
    try {
      ElReader reader = new ElReader(ElLexer.tokens(expression), catalogKey);
      Selector s = reader.read();
      return new Exact(simplify(s), reader.seen());
    } catch (ElLexer.Refusal r) {
      return new Refused(r.getMessage());
    }
  }

  /**
   * Flattens nested {@code all}/{@code any} and merges alternatives of one attribute and operator
   * ({@code x == "a" OR x == "b"}) into one list, which is what a manifest writes. Both keep the
   * meaning: AND and OR are associative, and a list matches when any value does.
   */
  static Selector simplify(Selector s) {
    if (s instanceof Selector.Not n) {
      return new Selector.Not(simplify(n.inner()), n.pointer());
    }
    if (s instanceof Selector.All a) {
      List<Selector> items = new ArrayList<>();
      for (Selector i : a.items()) {
        Selector x = simplify(i);
        if (x instanceof Selector.All inner) {
          items.addAll(inner.items());
        } else {
          items.add(x);
        }
      }
      return items.size() == 1 ? items.get(0) : new Selector.All(items, a.pointer());
    }
    if (s instanceof Selector.Any a) {
      List<Selector> flat = new ArrayList<>();
      for (Selector i : a.items()) {
        Selector x = simplify(i);
        if (x instanceof Selector.Any inner) {
          flat.addAll(inner.items());
        } else {
          flat.add(x);
        }
      }
      List<Selector> items = mergeAlternatives(flat);
      return items.size() == 1 ? items.get(0) : new Selector.Any(items, a.pointer());
    }
    return s;
  }

  private static List<Selector> mergeAlternatives(List<Selector> items) {
    Map<String, Selector.Match> merged = new LinkedHashMap<>();
    List<Object> order = new ArrayList<>();
    for (Selector i : items) {
      if (i instanceof Selector.Match m) {
        String key = m.attribute() + "\u0000" + m.op();
        Selector.Match prior = merged.get(key);
        if (prior == null) {
          merged.put(key, m);
          order.add(key);
        } else {
          Set<String> values = new LinkedHashSet<>(prior.values());
          values.addAll(m.values());
          merged.put(
              key, new Selector.Match(m.attribute(), m.op(), List.copyOf(values), prior.pointer()));
        }
      } else {
        order.add(i);
      }
    }
    List<Selector> out = new ArrayList<>();
    for (Object o : order) {
      out.add(o instanceof String key ? merged.get(key) : (Selector) o);
    }
    return out;
  }

  /** Whether the two selectors select the same way, ignoring where they were written. */
  public static boolean sameShape(Selector a, Selector b) {
    return Objects.equals(shape(a), shape(b));
  }

  private static String shape(Selector s) {
    if (s instanceof Selector.Match m) {
      return m.attribute() + " " + m.op() + " " + m.values();
    }
    if (s instanceof Selector.Not n) {
      return "not(" + shape(n.inner()) + ")";
    }
    List<Selector> items = s instanceof Selector.All a ? a.items() : ((Selector.Any) s).items();
    List<String> parts = items.stream().map(ReverseCompiler::shape).toList();
    return (s instanceof Selector.All ? "all" : "any") + parts;
  }
}
