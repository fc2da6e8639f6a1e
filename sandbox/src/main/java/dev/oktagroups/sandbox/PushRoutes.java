package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.sandbox.org.OktaError;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.PushMapping;
import dev.oktagroups.sandbox.org.Views;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** {@code /api/v1/apps/{appId}/group-push/mappings}: group push mappings. */
final class PushRoutes {
  private static final String MAPPINGS = "/api/v1/apps/{appId}/group-push/mappings";

  private final Org org;
  private final Views views;
  private final Paging paging;

  PushRoutes(Org org, Views views, Paging paging) {
    this.org = org;
    this.views = views;
    this.paging = paging;
  }

  void register(Router router) {
    router.on(
        "GET",
        MAPPINGS,
        r -> {
          int limit = r.limit(100, 1000, 1);
          return paging.page(
              r,
              org.listMappings(
                  r.p("appId"),
                  r.q("sourceGroupId").orElse(null),
                  r.q("status").orElse(null),
                  r.q("lastUpdated").map(PushRoutes::instant),
                  r.q("after").orElse(null),
                  limit),
              limit,
              views::mapping);
        });
    router.on(
        "POST",
        MAPPINGS,
        r -> {
          ObjectNode b = r.object();
          PushMapping m =
              org.createMapping(
                  r.p("appId"),
                  Json.text(b, "sourceGroupId"),
                  Json.text(b, "targetGroupId"),
                  Json.text(b, "targetGroupName"),
                  Json.text(b, "status"));
          return Response.ok(views.mapping(m)); // live Okta answers 200; the spec says 201
        });
    router.on(
        "GET",
        MAPPINGS + "/{mappingId}",
        r -> Response.ok(views.mapping(org.mapping(r.p("appId"), r.p("mappingId")))));
    router.on("PATCH", MAPPINGS + "/{mappingId}", this::patch);
    router.on(
        "DELETE",
        MAPPINGS + "/{mappingId}",
        r -> {
          Optional<String> del = r.q("deleteTargetGroup");
          if (del.isEmpty() || !(del.get().equals("true") || del.get().equals("false"))) {
            throw OktaError.validation(
                "deleteTargetGroup",
                "deleteTargetGroup: The parameter is required and must be true or false");
          }
          org.deleteMapping(r.p("appId"), r.p("mappingId"), Boolean.parseBoolean(del.get()));
          // live Okta answers 200 with an empty body; the spec says 204
          return new Response(200, null, List.of());
        });
  }

  /** The {@code lastUpdated} parameter: {@code YYYY-MM-DDTHH:mm:ssZ}, milliseconds allowed. */
  private static Instant instant(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw OktaError.validation(
          "lastUpdated", "lastUpdated: must be a UTC time such as 2025-01-01T00:00:00Z");
    }
  }

  /** PATCH may change the status only. */
  private Response patch(Request r) {
    ObjectNode b = r.object();
    Iterator<String> names = b.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!n.equals("status")) {
        throw OktaError.validation(
            n, n + ": only status can be changed; delete and recreate the mapping instead");
      }
    }
    if (!b.path("status").isTextual()) {
      throw OktaError.validation("status", "status: The field cannot be left blank");
    }
    return Response.ok(
        views.mapping(
            org.setMappingStatus(r.p("appId"), r.p("mappingId"), b.get("status").asText())));
  }
}
