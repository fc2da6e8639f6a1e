package dev.oktagroups.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.Selector;
import dev.oktagroups.manifest.YamlDoc;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Selectors: every attribute is in the catalog, and every value is allowed, non-empty, listed once
 * and quotable in Okta's expression language. Needs the catalog, so it runs only when
 * okta-groups.yaml was read.
 */
final class SelectorChecks implements GroupCheck {
  private final OrgConfig config;

  SelectorChecks(OrgConfig config) {
    this.config = config;
  }

  @Override
  public void check(GroupManifest m, Findings out) {
    m.rule().ifPresent(r -> selector(r, out));
  }

  private void selector(Selector s, Findings out) {
    if (s instanceof Selector.All a) {
      a.items().forEach(i -> selector(i, out));
    } else if (s instanceof Selector.Any a) {
      a.items().forEach(i -> selector(i, out));
    } else if (s instanceof Selector.Not n) {
      selector(n.inner(), out);
    } else if (s instanceof Selector.Match mm) {
      match(mm, out);
    }
  }

  private void match(Selector.Match mm, Findings out) {
    OrgConfig.AttributeDef def = config.attributes().get(mm.attribute());
    if (def == null) {
      unknownAttribute(mm, out);
      return;
    }
    boolean list = mm.values().size() > 1 || isListNode(out, mm);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < mm.values().size(); i++) {
      String v = mm.values().get(i);
      String ptr = valuePointer(out, mm, i, list);
      if (v.isBlank()) {
        out.at(
            Rule.SELECTOR_EMPTY_VALUE,
            ptr,
            "empty value for '" + mm.attribute() + "'",
            "Write the value to compare with; to match users without the attribute, ask CorpSec to"
                + " fix the data in Workday.");
        continue;
      }
      if (!seen.add(v)) {
        out.at(
            Rule.SELECTOR_DUPLICATE_VALUE,
            ptr,
            "value '" + v + "' is listed twice for '" + mm.attribute() + "'",
            "Remove the repeated value.");
        continue;
      }
      if (v.indexOf('"') >= 0 && v.indexOf('\'') >= 0) {
        out.at(
            Rule.SELECTOR_UNQUOTABLE,
            ptr,
            "value contains both ' and \", which Okta's expression language cannot quote",
            "Match on a part of the value without one of the quotes, e.g. with {contains: …}.");
        continue;
      }
      allowedValue(mm, def, v, ptr, out);
    }
  }

  private void unknownAttribute(Selector.Match mm, Findings out) {
    String hint = Suggest.didYouMean(mm.attribute(), config.attributes().keySet());
    Optional<String> byShort =
        config.attributes().entrySet().stream()
            .filter(
                e ->
                    e.getValue().shortname().equals(mm.attribute())
                        || e.getValue().okta().equals(mm.attribute()))
            .map(Map.Entry::getKey)
            .findFirst();
    if (byShort.isPresent()) {
      hint =
          "Selectors use the catalog key: write '"
              + byShort.get()
              + "' instead of '"
              + mm.attribute()
              + "'. ";
    }
    out.atKey(
        Rule.SELECTOR_UNKNOWN_ATTRIBUTE,
        mm.pointer(),
        "unknown attribute '" + mm.attribute() + "'",
        hint
            + "Attributes in the catalog: "
            + String.join(", ", config.attributes().keySet())
            + ".");
  }

  /** A value the attribute's allowed values rule out; attributes without a list allow any. */
  private static void allowedValue(
      Selector.Match mm, OrgConfig.AttributeDef def, String v, String ptr, Findings out) {
    if (def.values().isEmpty()) {
      return;
    }
    boolean ok =
        switch (mm.op()) {
          case EQUALS -> def.values().contains(v);
          case STARTS_WITH -> def.values().stream().anyMatch(a -> a.startsWith(v));
          case CONTAINS -> def.values().stream().anyMatch(a -> a.contains(v));
        };
    if (!ok) {
      String what =
          switch (mm.op()) {
            case EQUALS -> "'" + v + "' is not an allowed value";
            case STARTS_WITH -> "no allowed value starts with '" + v + "'";
            case CONTAINS -> "no allowed value contains '" + v + "'";
          };
      out.at(
          Rule.SELECTOR_UNKNOWN_VALUE,
          ptr,
          what + " of '" + mm.attribute() + "'",
          Suggest.didYouMean(v, def.values())
              + "Values are case-sensitive. Allowed: "
              + abbreviate(def.values())
              + ". New values are added to okta-groups.yaml.");
    }
  }

  private static boolean isListNode(Findings out, Selector.Match mm) {
    JsonNode n = out.doc().root().at(mm.pointer());
    return n.isArray() || (n.isObject() && n.elements().hasNext() && n.elements().next().isArray());
  }

  private static String valuePointer(Findings out, Selector.Match mm, int i, boolean list) {
    String base =
        mm.op() == Selector.Op.EQUALS
            ? mm.pointer()
            : YamlDoc.child(mm.pointer(), mm.op().yamlKey());
    return list ? YamlDoc.child(base, i) : base;
  }

  private static String abbreviate(List<String> values) {
    if (values.size() <= 12) {
      return String.join(", ", values);
    }
    return String.join(", ", values.subList(0, 12)) + ", … (" + values.size() + " in all)";
  }
}
