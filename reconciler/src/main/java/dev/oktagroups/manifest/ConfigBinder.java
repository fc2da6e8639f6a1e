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
    JsonNode keep = r.path("push").path("keepDownstreamOnDelete");
    return new OrgConfig(
        url.isEmpty() ? Optional.empty() : Optional.of(url),
        ownership(r.path("ownership"), d),
        attributes(r.get("attributes")),
        apps(r.get("apps")),
        naming(r.path("naming"), d),
        population(r.path("population"), d),
        members(r.path("members"), d),
        ManifestBinder.strings(r.get("protected")),
        safety(r.path("safety"), d),
        keep.isBoolean() ? keep.asBoolean() : d.keepDownstreamOnDelete(),
        new OrgConfig.RateLimits(
            doubleOr(r.path("rateLimits").get("maxShare"), d.rateLimits().maxShare())),
        readCache(r.path("readCache"), d));
  }

  /** A value that is not a duration is the validator's to report; the default stands in. */
  private static OrgConfig.ReadCache readCache(JsonNode rc, OrgConfig d) {
    JsonNode age = rc.get("maxAge");
    return age != null && age.isTextual()
        ? DurationText.parse(age.asText()).map(OrgConfig.ReadCache::new).orElse(d.readCache())
        : d.readCache();
  }

  private static OrgConfig.Ownership ownership(JsonNode own, OrgConfig d) {
    return new OrgConfig.Ownership(
        textOr(own.get("attribute"), d.ownership().attribute()),
        textOr(own.get("value"), d.ownership().value()));
  }

  private static Map<String, OrgConfig.AttributeDef> attributes(JsonNode node) {
    Map<String, OrgConfig.AttributeDef> attributes = new LinkedHashMap<>();
    forEachObject(
        node,
        (key, a) ->
            attributes.put(
                key,
                new OrgConfig.AttributeDef(
                    textOr(a.get("shortname"), key),
                    textOr(a.get("okta"), key),
                    ManifestBinder.text(a.get("description")),
                    ManifestBinder.strings(a.get("values")))));
    return attributes;
  }

  private static Map<String, OrgConfig.AppDef> apps(JsonNode node) {
    Map<String, OrgConfig.AppDef> apps = new LinkedHashMap<>();
    forEachObject(
        node,
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
                  domain.isEmpty() ? Optional.empty() : Optional.of(domain),
                  slack(a.get("slack"), "/apps/" + key + "/slack")));
        });
    return apps;
  }

  private static Optional<OrgConfig.SlackWorkspace> slack(JsonNode s, String pointer) {
    if (s == null || !s.isObject()) {
      return Optional.empty();
    }
    String team = ManifestBinder.text(s.get("teamId"));
    return Optional.of(
        new OrgConfig.SlackWorkspace(
            "grid".equals(ManifestBinder.text(s.get("workspace"))),
            team.isEmpty() ? Optional.empty() : Optional.of(team),
            textOr(s.get("tokenEnv"), "SLACK_TOKEN"),
            pointer));
  }

  private static OrgConfig.Naming naming(JsonNode n, OrgConfig d) {
    return new OrgConfig.Naming(
        textOr(n.get("appPrefix"), d.naming().appPrefix()),
        textOr(n.get("pushPrefix"), d.naming().pushPrefix()),
        n.has("rejectedPrefixes")
            ? ManifestBinder.strings(n.get("rejectedPrefixes"))
            : d.naming().rejectedPrefixes(),
        intOr(n.get("ruleNameMax"), d.naming().ruleNameMax()),
        intOr(n.get("googleNameMax"), d.naming().googleNameMax()),
        ManifestBinder.strings(n.get("grandfathered")));
  }

  private static OrgConfig.Population population(JsonNode p, OrgConfig d) {
    return p.isObject() && p.path("attribute").isTextual()
        ? new OrgConfig.Population(
            p.get("attribute").asText(), ManifestBinder.strings(p.get("values")))
        : d.population();
  }

  private static OrgConfig.MemberPolicy members(JsonNode m, OrgConfig d) {
    String pattern = ManifestBinder.text(m.get("requestPattern"));
    return new OrgConfig.MemberPolicy(
        m.path("requireRequest").isBoolean()
            ? m.get("requireRequest").asBoolean()
            : d.members().requireRequest(),
        pattern.isEmpty() ? Optional.empty() : Optional.of(pattern));
  }

  private static OrgConfig.Safety safety(JsonNode s, OrgConfig d) {
    return new OrgConfig.Safety(
        intOr(s.get("maxDeletions"), d.safety().maxDeletions()),
        doubleOr(s.get("maxDeletionFraction"), d.safety().maxDeletionFraction()),
        intOr(s.get("maxRemovals"), d.safety().maxRemovals()),
        doubleOr(s.get("maxRemovalFraction"), d.safety().maxRemovalFraction()),
        losses(s.path("losses"), d.safety().losses()));
  }

  private static OrgConfig.Losses losses(JsonNode l, OrgConfig.Losses d) {
    return new OrgConfig.Losses(
        intOr(l.get("perGroup"), d.perGroup()),
        doubleOr(l.get("perGroupFraction"), d.perGroupFraction()),
        intOr(l.get("total"), d.total()),
        doubleOr(l.get("totalFraction"), d.totalFraction()));
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
