package dev.oktagroups.validate;

import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.manifest.DurationText;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.YamlDoc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Semantic rules for okta-groups.yaml. */
final class ConfigChecks {
  private ConfigChecks() {}

  static List<Diagnostic> check(YamlDoc doc, OrgConfig c) {
    List<Diagnostic> out = new ArrayList<>();
    shortnames(doc, c, out);
    population(doc, c, out);
    apps(doc, c, out);
    requestPattern(doc, c, out);
    readCacheAge(doc, out);
    return out;
  }

  private static void shortnames(YamlDoc doc, OrgConfig c, List<Diagnostic> out) {
    Map<String, String> shortnames = new HashMap<>();
    c.attributes()
        .forEach(
            (key, a) -> {
              String prev = shortnames.putIfAbsent(a.shortname(), key);
              if (prev != null) {
                out.add(
                    Diagnostic.of(
                        Rule.CONFIG_DUPLICATE_SHORTNAME,
                        doc.valueRef("/attributes/" + key + "/shortname"),
                        "attributes '"
                            + prev
                            + "' and '"
                            + key
                            + "' share the shortname '"
                            + a.shortname()
                            + "'",
                        "Give each attribute its own handbook shortname; group names depend on"
                            + " it."));
              }
            });
  }

  private static void population(YamlDoc doc, OrgConfig c, List<Diagnostic> out) {
    OrgConfig.AttributeDef pop = c.attributes().get(c.population().attribute());
    if (doc.root().has("attributes")) {
      if (pop == null) {
        out.add(
            Diagnostic.of(
                Rule.CONFIG_POPULATION,
                doc.valueRef("/population/attribute"),
                "population attribute '"
                    + c.population().attribute()
                    + "' is not in the attribute catalog",
                "Add it under 'attributes:' or name a catalog key such as userType."));
      } else if (!pop.values().isEmpty()) {
        for (int i = 0; i < c.population().values().size(); i++) {
          String v = c.population().values().get(i);
          if (!pop.values().contains(v)) {
            out.add(
                Diagnostic.of(
                    Rule.CONFIG_POPULATION,
                    doc.valueRef("/population/values/" + i),
                    "population value '"
                        + v
                        + "' is not an allowed value of '"
                        + c.population().attribute()
                        + "'",
                    Suggest.didYouMean(v, pop.values())
                        + "Allowed: "
                        + String.join(", ", pop.values())
                        + "."));
          }
        }
      }
    }
  }

  /** Google push apps need a domain, and no two catalog entries may be one Okta app. */
  private static void apps(YamlDoc doc, OrgConfig c, List<Diagnostic> out) {
    Map<String, String> ids = new HashMap<>();
    c.apps()
        .forEach(
            (key, a) -> {
              if (a.push()
                  && a.pushType() == OrgConfig.PushType.GOOGLE
                  && a.emailDomain().isEmpty()) {
                out.add(
                    Diagnostic.of(
                        Rule.CONFIG_GOOGLE_DOMAIN,
                        doc.keyRef("/apps/" + key),
                        "Google push app '" + key + "' has no emailDomain",
                        "Add 'emailDomain: example.com' so group addresses can be derived."));
              }
              if (!a.id().isEmpty()) {
                String prev = ids.putIfAbsent(a.id(), key);
                if (prev != null) {
                  out.add(
                      Diagnostic.of(
                          Rule.CONFIG_DUPLICATE_APP_ID,
                          doc.valueRef("/apps/" + key + "/id"),
                          "apps '" + prev + "' and '" + key + "' share the Okta app id " + a.id(),
                          "Each catalog entry is one Okta app; copy the id from the app's URL in"
                              + " the Okta admin console."));
                }
              }
            });
  }

  private static void requestPattern(YamlDoc doc, OrgConfig c, List<Diagnostic> out) {
    c.members()
        .requestPattern()
        .ifPresent(
            p -> {
              try {
                Pattern.compile(p);
              } catch (PatternSyntaxException e) {
                out.add(
                    Diagnostic.of(
                        Rule.CONFIG_REQUEST_PATTERN,
                        doc.valueRef("/members/requestPattern"),
                        "requestPattern is not a valid regular expression: " + e.getDescription(),
                        "Fix the expression; it is a Java regular expression matched against the"
                            + " whole link."));
              }
            });
  }

  /**
   * readCache.maxAge in the flag's syntax, and within the log's retention: a longer bound would be
   * cut to 89 days without a word, so it is refused instead. Other types are the schema's to
   * report.
   */
  private static void readCacheAge(YamlDoc doc, List<Diagnostic> out) {
    String ptr = "/readCache/maxAge";
    if (!doc.root().at(ptr).isTextual()) {
      return;
    }
    String v = doc.root().at(ptr).asText();
    Optional<java.time.Duration> age = DurationText.parse(v);
    String fix =
        "Write a duration such as 6h, 30m or 1h30m (units ms, s, m, h, d), at most 89d; the"
            + " default is 24h.";
    if (age.isEmpty()) {
      out.add(
          Diagnostic.of(
              Rule.CONFIG_READ_CACHE_AGE,
              doc.valueRef(ptr),
              "readCache.maxAge '" + v + "' is not a duration",
              fix));
    } else if (age.get().compareTo(OrgConfig.ReadCache.LONGEST) > 0) {
      out.add(
          Diagnostic.of(
              Rule.CONFIG_READ_CACHE_AGE,
              doc.valueRef(ptr),
              "readCache.maxAge '"
                  + v
                  + "' is longer than 89d: the System Log keeps events for 90 days, and a cursor"
                  + " older than that may have lost some",
              fix));
    }
  }
}
