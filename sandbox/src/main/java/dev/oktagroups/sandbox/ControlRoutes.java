package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.sandbox.org.OktaError;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.Settings;
import dev.oktagroups.sandbox.org.Views;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /__sandbox/}: the control API (seed, export, HR changes, faults, request counts, service
 * apps).
 */
final class ControlRoutes {
  private final Sandbox sandbox;
  private final Org org;
  private final Views views;
  private final SlackControlRoutes slack;

  ControlRoutes(Sandbox sandbox, Org org, Views views, SlackControlRoutes slack) {
    this.sandbox = sandbox;
    this.org = org;
    this.views = views;
    this.slack = slack;
  }

  // A route table: one entry per control endpoint, in the order the router tries them.
  void register(Router router) {
    router.on("GET", "/__sandbox/state", r -> Response.ok(views.export()));
    router.on(
        "POST",
        "/__sandbox/seed",
        r -> {
          Seed.Result seeded = Seeding.apply(org, seed(r.object()));
          return Response.ok(Json.F.objectNode().put("users", seeded.users()));
        });
    router.on(
        "POST",
        "/__sandbox/users/{userId}/profile",
        r ->
            Response.ok(
                views.user(
                    org.updateUser(r.p("userId"), Json.map(r.object().get("profile")), false))));
    router.on("GET", "/__sandbox/requests", r -> Response.ok(sandbox.stats().toJson()));
    router.on(
        "DELETE",
        "/__sandbox/requests",
        r -> {
          sandbox.stats().clear();
          return Response.status(204);
        });
    router.on(
        "GET",
        "/__sandbox/downstream/{appId}",
        r -> {
          ArrayNode arr = Json.F.arrayNode();
          // A Slack user group also shows its id and the channels it is linked to.
          org.downstream(r.p("appId"))
              .forEach(
                  d ->
                      slack.decorate(r.p("appId"), d, arr.addObject().setAll(views.downstream(d))));
          return Response.ok(arr);
        });
    router.on(
        "POST",
        "/__sandbox/faults",
        r -> {
          sandbox.faults().add(fault(r.object()));
          return Response.status(204);
        });
    router.on(
        "DELETE",
        "/__sandbox/faults",
        r -> {
          sandbox.faults().clear();
          return Response.status(204);
        });
    router.on("GET", "/__sandbox/service-apps", r -> Response.ok(serviceAppsJson()));
    router.on(
        "POST",
        "/__sandbox/service-apps",
        r -> {
          ObjectNode b = r.object();
          try {
            sandbox
                .serviceApps()
                .register(Json.text(b, "clientId"), b.path("jwks"), Json.strings(b.get("scopes")));
          } catch (IllegalArgumentException e) {
            throw OktaError.validation("serviceApp", e.getMessage());
          }
          return new Response(201, serviceAppsJson(), List.of());
        });
    router.on(
        "POST",
        "/__sandbox/service-apps/{clientId}/revoke",
        r -> {
          if (!sandbox.serviceApps().revoke(r.p("clientId"), Json.text(r.object(), "scope"))) {
            throw OktaError.notFound("ServiceApp", r.p("clientId"));
          }
          return Response.ok(serviceAppsJson());
        });
    router.on("GET", "/__sandbox/settings", r -> Response.ok(settingsJson()));
    router.on(
        "POST",
        "/__sandbox/settings",
        r -> {
          changeSettings(r.object());
          return Response.ok(settingsJson());
        });
  }

  private static Seed seed(ObjectNode b) {
    List<Seed.Attribute> attrs = new ArrayList<>();
    for (JsonNode a : b.path("attributes")) {
      attrs.add(new Seed.Attribute(a.path("okta").asText(), Json.strings(a.get("values"))));
    }
    List<Seed.App> apps = new ArrayList<>();
    for (JsonNode a : b.path("apps")) {
      apps.add(app(a));
    }
    return new Seed(b.path("users").asInt(0), b.path("seed").asLong(42), attrs, apps, 0, List.of());
  }

  private static Seed.App app(JsonNode a) {
    Seed.PushType type;
    try {
      type = Seed.PushType.valueOf(a.path("pushType").asText("GENERIC").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      type = Seed.PushType.GENERIC;
    }
    return new Seed.App(
        optionalText(a, "id"),
        a.path("name").asText("app"),
        a.path("label").asText(a.path("name").asText("App")),
        a.path("push").asBoolean(false),
        type,
        optionalText(a, "emailDomain"));
  }

  private static Optional<String> optionalText(JsonNode o, String field) {
    return o.hasNonNull(field) ? Optional.of(o.get(field).asText()) : Optional.empty();
  }

  private static Faults.Rule fault(ObjectNode b) {
    Faults.Kind kind;
    try {
      kind = Faults.Kind.valueOf(b.path("kind").asText());
    } catch (IllegalArgumentException e) {
      throw OktaError.validation("kind", "kind: one of " + List.of(Faults.Kind.values()));
    }
    return new Faults.Rule(
        b.hasNonNull("method") ? b.get("method").asText() : null,
        b.path("path").asText(".*"),
        b.path("nth").asInt(1),
        b.path("times").asInt(1),
        kind,
        b.path("millis").asLong(b.path("latencyMillis").asLong(0)));
  }

  private void changeSettings(ObjectNode b) {
    Settings s = org.settings();
    if (b.has("editableRuleTargets")) {
      s.editableRuleTargets = b.get("editableRuleTargets").asBoolean();
    }
    if (b.has("deletePushMappingInError")) {
      s.deletePushMappingInError = b.get("deletePushMappingInError").asBoolean();
    }
    if (b.has("pushMappingsCountActiveOnly")) {
      s.pushMappingsCountActiveOnly = b.get("pushMappingsCountActiveOnly").asBoolean();
    }
    if (b.has("searchLagMillis")) {
      s.searchLag = Duration.ofMillis(b.get("searchLagMillis").asLong());
    }
    if (b.has("logDeliveryDelayMillis")) {
      s.logDeliveryDelay = Duration.ofMillis(b.get("logDeliveryDelayMillis").asLong());
    }
    if (b.has("ruleEvaluationDelayMillis")) {
      s.ruleEvaluationDelay = Duration.ofMillis(b.get("ruleEvaluationDelayMillis").asLong());
    }
  }

  /** The registered service apps and their scopes; never their keys or tokens. */
  private ArrayNode serviceAppsJson() {
    ArrayNode arr = Json.F.arrayNode();
    sandbox
        .serviceApps()
        .clients()
        .forEach(
            (id, scopes) -> {
              ObjectNode o = arr.addObject();
              o.put("clientId", id);
              scopes.forEach(o.putArray("scopes")::add);
            });
    return arr;
  }

  private ObjectNode settingsJson() {
    Settings s = org.settings();
    ObjectNode o = Json.F.objectNode();
    o.put("editableRuleTargets", s.editableRuleTargets);
    o.put("deletePushMappingInError", s.deletePushMappingInError);
    o.put("pushMappingsCountActiveOnly", s.pushMappingsCountActiveOnly);
    o.put("searchLagMillis", s.searchLag.toMillis());
    o.put("ruleEvaluationDelayMillis", s.ruleEvaluationDelay.toMillis());
    o.put("logDeliveryDelayMillis", s.logDeliveryDelay.toMillis());
    o.put("timeScale", org.clock().scale());
    return o;
  }
}
