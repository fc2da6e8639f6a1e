package dev.oktagroups.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code okta-groups.yaml} to an {@link OrgConfig}, leniently and with handbook defaults for
 * everything the file leaves out. Shape errors are the schema check's to report.
 */
public final class ConfigBinder {
  private ConfigBinder() {}

  public static OrgConfig bind(YamlDoc doc) {
    JsonNode r = doc.root().isObject() ? doc.root() : JsonNodeFactory.instance.objectNode();
    OrgConfig d = OrgConfig.defaults();

    String url = ManifestBinder.text(r.path("org").get("url"));

    JsonNode own = r.path("ownership");
    OrgConfig.Ownership ownership =
        new OrgConfig.Ownership(
            textOr(own.get("attribute"), d.ownership().attribute()),
            textOr(own.get("value"), d.ownership().value()));

    Map<String, OrgConfig.AttributeDef> attributes = new LinkedHashMap<>();
    forEachObject(
        r.get("attributes"),
        (key, a) ->
            attributes.put(
                key,
                new OrgConfig.AttributeDef(
                    textOr(a.get("shortname"), key),
                    textOr(a.get("okta"), key),
                    ManifestBinder.text(a.get("description")),
                    ManifestBinder.strings(a.get("values")))));

    Map<String, OrgConfig.AppDef> apps = new LinkedHashMap<>();
    forEachObject(
        r.get("apps"),
        (key, a) -> {
          OrgConfig.PushType type =
              switch (ManifestBinder.text(a.get("pushType"))) {
                case "google" -> OrgConfig.PushType.GOOGLE;
                case "slack" -> OrgConfig.PushType.SLACK;
                default -> OrgConfig.PushType.GENERIC;
              };
          String domain = ManifestBinder.text(a.get("emailDomain"));
          apps.put(
              key,
              new OrgConfig.AppDef(
                  key,
                  ManifestBinder.text(a.get("id")),
                  textOr(a.get("label"), key),
                  a.path("push").asBoolean(false),
                  type,
                  textOr(a.get("prefix"), key.toLowerCase(Locale.ROOT).replace('-', '_')),
                  domain.isEmpty() ? Optional.empty() : Optional.of(domain)));
        });

    JsonNode n = r.path("naming");
    OrgConfig.Naming naming =
        new OrgConfig.Naming(
            textOr(n.get("appPrefix"), d.naming().appPrefix()),
            textOr(n.get("pushPrefix"), d.naming().pushPrefix()),
            n.has("rejectedPrefixes")
                ? ManifestBinder.strings(n.get("rejectedPrefixes"))
                : d.naming().rejectedPrefixes(),
            intOr(n.get("ruleNameMax"), d.naming().ruleNameMax()),
            intOr(n.get("googleNameMax"), d.naming().googleNameMax()));

    JsonNode p = r.path("population");
    OrgConfig.Population population =
        p.isObject() && p.path("attribute").isTextual()
            ? new OrgConfig.Population(
                p.get("attribute").asText(), ManifestBinder.strings(p.get("values")))
            : d.population();

    JsonNode m = r.path("members");
    String pattern = ManifestBinder.text(m.get("requestPattern"));
    OrgConfig.MemberPolicy members =
        new OrgConfig.MemberPolicy(
            m.path("requireRequest").isBoolean()
                ? m.get("requireRequest").asBoolean()
                : d.members().requireRequest(),
            pattern.isEmpty() ? Optional.empty() : Optional.of(pattern));

    JsonNode s = r.path("safety");
    OrgConfig.Safety safety =
        new OrgConfig.Safety(
            intOr(s.get("maxDeletions"), d.safety().maxDeletions()),
            doubleOr(s.get("maxDeletionFraction"), d.safety().maxDeletionFraction()),
            intOr(s.get("maxRemovals"), d.safety().maxRemovals()),
            doubleOr(s.get("maxRemovalFraction"), d.safety().maxRemovalFraction()));

    JsonNode keep = r.path("push").path("keepDownstreamOnDelete");
    return new OrgConfig(
        url.isEmpty() ? Optional.empty() : Optional.of(url),
        ownership,
        attributes,
        apps,
        naming,
        population,
        members,
        ManifestBinder.strings(r.get("protected")),
        safety,
        keep.isBoolean() ? keep.asBoolean() : d.keepDownstreamOnDelete());
  }

  private interface EntryConsumer {
    void accept(String key, JsonNode value);
  }

  private static void forEachObject(JsonNode n, EntryConsumer c) {
    if (n == null || !n.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        c.accept(e.getKey(), e.getValue());
      }
    }
  }

  private static String textOr(JsonNode n, String fallback) {
    return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : fallback;
  }

  private static int intOr(JsonNode n, int fallback) {
    return n != null && n.isIntegralNumber() && n.canConvertToInt() ? n.asInt() : fallback;
  }

  private static double doubleOr(JsonNode n, double fallback) {
    return n != null && n.isNumber() ? n.asDouble() : fallback;
  }
}
