package dev.oktagroups.importer;

import dev.oktagroups.manifest.Derived;
import dev.oktagroups.manifest.OrgConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the attribute catalog must gain for the drafts' selectors to validate: values the catalog's
 * lists lack, and attributes it lacks, with the values the rules name.
 */
final class Catalog {
  private final Map<String, Set<String>> newValues;
  private final Map<String, Set<String>> newAttributes;
  private final Map<String, String> shortnames;

  private Catalog(
      Map<String, Set<String>> newValues,
      Map<String, Set<String>> newAttributes,
      Map<String, String> shortnames) {
    this.newValues = newValues;
    this.newAttributes = newAttributes;
    this.shortnames = shortnames;
  }

  static Catalog of(OrgConfig config, List<Draft> drafts) {
    Map<String, OrgConfig.AttributeDef> byOkta = new LinkedHashMap<>();
    config.attributes().forEach((k, d) -> byOkta.put(d.okta(), d));
    Map<String, String> keyByOkta = new LinkedHashMap<>();
    config.attributes().forEach((k, d) -> keyByOkta.put(d.okta(), k));
    Map<String, Set<String>> values = new LinkedHashMap<>();
    Map<String, Set<String>> attributes = new LinkedHashMap<>();
    for (Draft d : drafts) {
      d.seen()
          .forEach(
              (okta, vals) -> {
                OrgConfig.AttributeDef def = byOkta.get(okta);
                if (def == null) {
                  attributes.computeIfAbsent(okta, k -> new LinkedHashSet<>()).addAll(vals);
                } else if (!def.values().isEmpty()) {
                  for (String v : vals) {
                    if (!def.values().contains(v)) {
                      values
                          .computeIfAbsent(keyByOkta.get(okta), k -> new LinkedHashSet<>())
                          .add(v);
                    }
                  }
                }
              });
    }
    Set<String> taken = new HashSet<>();
    config.attributes().values().forEach(a -> taken.add(a.shortname()));
    Map<String, String> shortnames = new LinkedHashMap<>();
    for (String okta : attributes.keySet()) {
      String base = Derived.segment(okta).isEmpty() ? "attr" : Derived.segment(okta);
      String s = base;
      for (int i = 2; !taken.add(s); i++) {
        s = base + "_" + i;
      }
      shortnames.put(okta, s);
    }
    return new Catalog(values, attributes, shortnames);
  }

  void apply(ConfigEdit edit) {
    newValues.forEach((k, v) -> edit.addValues(k, List.copyOf(v)));
    newAttributes.forEach(
        (okta, v) -> edit.addAttribute(okta, shortnames.get(okta), okta, List.copyOf(v)));
  }

  List<String> describe() {
    List<String> out = new ArrayList<>();
    newValues.forEach((k, v) -> out.add("attributes." + k + ".values: + " + String.join(", ", v)));
    newAttributes.forEach(
        (k, v) -> out.add("attributes: + " + k + " (values " + String.join(", ", v) + ")"));
    return out;
  }
}
