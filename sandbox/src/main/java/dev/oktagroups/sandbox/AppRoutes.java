package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.sandbox.org.Assignment;
import dev.oktagroups.sandbox.org.OktaError;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/apps}: apps and their group assignments. */
final class AppRoutes {
  private final Org org;
  private final Views views;
  private final Paging paging;

  AppRoutes(Org org, Views views, Paging paging) {
    this.org = org;
    this.views = views;
    this.paging = paging;
  }

  void register(Router router) {
    router.on(
        "GET",
        "/api/v1/apps",
        r -> {
          int limit = r.limit(20, 200, 1);
          return paging.page(
              r,
              org.listApps(r.q("q").orElse(null), r.q("after").orElse(null), limit),
              limit,
              views::app);
        });
    router.on("GET", "/api/v1/apps/{appId}", r -> Response.ok(views.app(org.app(r.p("appId")))));
    assignments(router);
  }

  private void assignments(Router router) {
    router.on(
        "GET",
        "/api/v1/apps/{appId}/groups",
        r -> {
          int limit = r.limit(20, 200, 20);
          boolean group = r.expands("group");
          Org.Page<Assignment> page =
              org.listAssignments(
                  r.p("appId"), r.q("q").orElse(null), r.q("after").orElse(null), limit);
          return paging.page(r, page, limit, a -> views.assignment(a, group));
        });
    router.on(
        "GET",
        "/api/v1/apps/{appId}/groups/{groupId}",
        r ->
            Response.ok(
                views.assignment(
                    org.assignment(r.p("appId"), r.p("groupId")), r.expands("group"))));
    router.on(
        "PUT",
        "/api/v1/apps/{appId}/groups/{groupId}",
        r -> {
          JsonNode b = r.body() == null || r.body().isNull() ? Json.F.objectNode() : r.body();
          if (!b.isObject()) {
            throw OktaError.malformed("The request body must be a JSON object");
          }
          Integer priority = b.hasNonNull("priority") ? b.get("priority").asInt() : null;
          Map<String, Object> profile = b.has("profile") ? Json.map(b.get("profile")) : null;
          return Response.ok(
              views.assignment(org.assign(r.p("appId"), r.p("groupId"), priority, profile), false));
        });
    router.on(
        "PATCH",
        "/api/v1/apps/{appId}/groups/{groupId}",
        r -> {
          if (r.body() == null || !r.body().isArray()) {
            throw OktaError.malformed("The request body must be a JSON Patch array");
          }
          List<Org.PatchOp> ops = new ArrayList<>();
          for (JsonNode op : r.body()) {
            Object value = Json.MAPPER.convertValue(op.get("value"), Object.class);
            ops.add(new Org.PatchOp(op.path("op").asText(), op.path("path").asText(), value));
          }
          return Response.ok(
              views.assignment(org.patchAssignment(r.p("appId"), r.p("groupId"), ops), false));
        });
    router.on(
        "DELETE",
        "/api/v1/apps/{appId}/groups/{groupId}",
        r -> {
          org.unassign(r.p("appId"), r.p("groupId"));
          return Response.status(204);
        });
  }
}
