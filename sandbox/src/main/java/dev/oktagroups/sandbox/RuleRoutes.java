package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.sandbox.org.OktaError;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.Views;

/** {@code /api/v1/groups/rules}: group rules and their lifecycle. */
final class RuleRoutes {
  private final Org org;
  private final Views views;
  private final Paging paging;

  RuleRoutes(Org org, Views views, Paging paging) {
    this.org = org;
    this.views = views;
    this.paging = paging;
  }

  void register(Router router) {
    router.on(
        "GET",
        "/api/v1/groups/rules",
        r -> {
          int limit = r.limit(50, 200, 1);
          boolean names = r.expands("groupIdToGroupNameMap");
          return paging.page(
              r,
              org.listRules(r.q("search").orElse(null), r.q("after").orElse(null), limit),
              limit,
              rule -> views.rule(rule, names));
        });
    router.on(
        "POST",
        "/api/v1/groups/rules",
        r -> Response.ok(views.rule(org.createRule(spec(r.object())), false)));
    router.on(
        "GET",
        "/api/v1/groups/rules/{ruleId}",
        r -> Response.ok(views.rule(org.rule(r.p("ruleId")), r.expands("groupIdToGroupNameMap"))));
    router.on(
        "PUT",
        "/api/v1/groups/rules/{ruleId}",
        r -> Response.ok(views.rule(org.replaceRule(r.p("ruleId"), spec(r.object())), false)));
    router.on(
        "DELETE",
        "/api/v1/groups/rules/{ruleId}",
        r -> {
          org.deleteRule(r.p("ruleId"), r.bool("removeUsers", false));
          return Response.status(202);
        });
    router.on(
        "POST",
        "/api/v1/groups/rules/{ruleId}/lifecycle/activate",
        r -> {
          org.activateRule(r.p("ruleId"));
          return Response.status(204);
        });
    router.on(
        "POST",
        "/api/v1/groups/rules/{ruleId}/lifecycle/deactivate",
        r -> {
          org.deactivateRule(r.p("ruleId"));
          return Response.status(204);
        });
  }

  private static Org.RuleSpec spec(ObjectNode body) {
    if (body.has("type") && !"group_rule".equals(body.get("type").asText())) {
      throw OktaError.validation("type", "type: must be group_rule");
    }
    JsonNode cond = body.path("conditions");
    JsonNode expr = cond.path("expression");
    return new Org.RuleSpec(
        Json.text(body, "name"),
        Json.text(expr, "type"),
        Json.text(expr, "value"),
        Json.strings(body.path("actions").path("assignUserToGroups").path("groupIds")),
        Json.strings(cond.path("people").path("users").path("exclude")));
  }
}
