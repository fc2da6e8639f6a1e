package dev.oktagroups.sandbox.org;

import dev.oktagroups.sandbox.expr.ExprException;
import dev.oktagroups.sandbox.expr.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Predicate;

/** Paging and filter parsing shared by the stores. */
final class Pages {
  private Pages() {}

  /**
   * One page of the entries of {@code all} after the key {@code after} that {@code keep} accepts;
   * the cursor of the next page is the last key on this one.
   */
  static <T> Org.Page<T> page(
      NavigableMap<String, T> all, String after, int limit, Predicate<T> keep) {
    NavigableMap<String, T> tail = after == null ? all : all.tailMap(after, false);
    List<T> items = new ArrayList<>(Math.min(limit, 256));
    String lastKey = null;
    for (Map.Entry<String, T> e : tail.entrySet()) {
      if (!keep.test(e.getValue())) {
        continue;
      }
      if (items.size() == limit) {
        return new Org.Page<>(items, Optional.of(lastKey));
      }
      items.add(e.getValue());
      lastKey = e.getKey();
    }
    return new Org.Page<>(items, Optional.empty());
  }

  /** A SCIM-style filter; a syntax error is Okta's bad-search error. */
  static Filter parseFilter(String expr) {
    try {
      return Filter.parse(expr);
    } catch (ExprException e) {
      throw OktaError.badSearch(e.getMessage());
    }
  }
}
