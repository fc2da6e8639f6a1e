package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.Views;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/meta/schemas}: the group profile schema and its custom attributes. */
final class SchemaRoutes {
  private final Org org;
  private final Views views;

  /** When the schema came to be: when the sandbox started. */
  private final Instant created;

  SchemaRoutes(Org org, Views views) {
    this.org = org;
    this.views = views;
    this.created = org.clock().now();
  }

  void register(Router router) {
    router.on(
        "GET", "/api/v1/meta/schemas/group/default", r -> Response.ok(views.groupSchema(created)));
    router.on(
        "POST",
        "/api/v1/meta/schemas/group/default",
        r -> {
          JsonNode props = r.object().path("definitions").path("custom").path("properties");
          Map<String, Map<String, Object>> defs = new LinkedHashMap<>();
          Iterator<Map.Entry<String, JsonNode>> it = props.fields();
          while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            defs.put(e.getKey(), Json.map(e.getValue()));
          }
          org.defineGroupAttributes(defs);
          return Response.ok(views.groupSchema(created));
        });
  }
}
