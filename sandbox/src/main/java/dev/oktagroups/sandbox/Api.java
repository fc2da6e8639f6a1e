package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.sandbox.org.App;
import dev.oktagroups.sandbox.org.Assignment;
import dev.oktagroups.sandbox.org.Membership;
import dev.oktagroups.sandbox.org.OktaError;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.PushMapping;
import dev.oktagroups.sandbox.org.Seeder;
import dev.oktagroups.sandbox.org.User;
import dev.oktagroups.sandbox.org.Views;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The route table: Okta's endpoints and the control API, each a small handler over {@link Org}. */
final class Api {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final ObjectMapper JSON = new ObjectMapper();

  /** A parsed request. */
  record Request(String method, String path, Map<String, String> params, Map<String, List<String>> query, JsonNode body) {
    Optional<String> q(String name) {
      List<String> v = query.get(name);
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    String p(String name) {
      return params.get(name);
    }
  }

  /** What a handler answers. Link headers come from {@link #page}. */
  record Response(int status, JsonNode body, List<String> links) {
    static Response ok(JsonNode body) {
      return new Response(200, body, List.of());
    }

    static Response status(int status) {
      return new Response(status, null, List.of());
    }
  }

  interface Handler {
    Response handle(Request r);
  }

  /** A route: method, path template with {params}, and whether it is Okta's API or ours. */
  record Route(String method, String template, String[] segments, Handler handler, boolean control) {}

  private final Org org;
  private final Views views;
  private final String base;
  private final Sandbox sandbox;
  private final List<Route> routes = new ArrayList<>();
  private final Instant created;

  Api(Sandbox sandbox, Org org, Views views, String base) {
    this.sandbox = sandbox;
    this.org = org;
    this.views = views;
    this.base = base;
    this.created = org.clock().now();
    register();
  }

  List<Route> routes() {
    return routes;
  }

  private void on(String method, String template, Handler h) {
    routes.add(new Route(method, template, template.substring(1).split("/"), h, template.startsWith("/__sandbox")));
  }

  // ================================================================ routing

  /** The route for a path, with its parameters; literal segments win over {params}. */
  Optional<Map.Entry<Route, Map<String, String>>> match(String method, String path) {
    String[] parts = path.substring(1).split("/", -1);
    Map.Entry<Route, Map<String, String>> best = null;
    int bestLiterals = -1;
    boolean pathMatched = false;
    for (Route r : routes) {
      if (r.segments().length != parts.length) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      int literals = 0;
      boolean ok = true;
      for (int i = 0; i < parts.length && ok; i++) {
        String seg = r.segments()[i];
        if (seg.startsWith("{")) {
          if (parts[i].isEmpty()) {
            ok = false;
          } else {
            params.put(seg.substring(1, seg.length() - 1), java.net.URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
          }
        } else if (seg.equals(parts[i])) {
          literals++;
        } else {
          ok = false;
        }
      }
      if (!ok) {
        continue;
      }
      pathMatched = true;
      if (r.method().equals(method) && literals > bestLiterals) {
        best = Map.entry(r, params);
        bestLiterals = literals;
      }
    }
    if (best == null && pathMatched) {
      throw OktaError.methodNotAllowed(method);
    }
    return Optional.ofNullable(best);
  }

  // ================================================================ paging helpers

  private int limit(Request r, int dflt, int max, int min) {
    Optional<String> l = r.q("limit");
    if (l.isEmpty()) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(l.get());
    } catch (NumberFormatException e) {
      throw OktaError.validation("limit", "limit: must be a number");
    }
    if (n < 1) {
      throw OktaError.validation("limit", "limit: must be at least 1");
    }
    return Math.max(min, Math.min(n, max));
  }

  /** A list response with Okta's Link headers: always self, next only when there is more. */
  private <T> Response page(Request r, Org.Page<T> page, int limit, Function<T, JsonNode> view) {
    ArrayNode arr = F.arrayNode();
    for (T t : page.items()) {
      arr.add(view.apply(t));
    }
    List<String> links = new ArrayList<>();
    links.add("<" + url(r, null, limit, false) + ">; rel=\"self\"");
    page.after().ifPresent(a -> links.add("<" + url(r, a, limit, true) + ">; rel=\"next\""));
    return new Response(200, arr, links);
  }

  private String url(Request r, String after, int limit, boolean next) {
    StringBuilder sb = new StringBuilder(base).append(r.path());
    List<String> parts = new ArrayList<>();
    r.query().forEach((k, vs) -> {
      if (k.equals("after") || k.equals("limit")) {
        return;
      }
      for (String v : vs) {
        parts.add(enc(k) + "=" + enc(v));
      }
    });
    if (next) {
      parts.add("after=" + enc(after));
    } else {
      r.q("after").ifPresent(a -> parts.add("after=" + enc(a)));
    }
    parts.add("limit=" + limit);
    return sb.append('?').append(String.join("&", parts)).toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ================================================================ body helpers

  private static ObjectNode object(Request r) {
    if (r.body() == null || !r.body().isObject()) {
      throw OktaError.malformed("The request body must be a JSON object");
    }
    return (ObjectNode) r.body();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return new LinkedHashMap<>();
    }
    if (!n.isObject()) {
      throw OktaError.malformed("Expected a JSON object");
    }
    return JSON.convertValue(n, LinkedHashMap.class);
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(e -> out.add(e.asText()));
    }
    return out;
  }

  private static boolean bool(Request r, String name, boolean dflt) {
    return r.q(name).map(Boolean::parseBoolean).orElse(dflt);
  }

  private static boolean expands(Request r, String what) {
    return r.q("expand").map(e -> List.of(e.split(",")).contains(what)).orElse(false);
  }

  // ================================================================ endpoints

  private void register() {
    users();
    groups();
    rules();
    apps();
    control();
  }

  private void users() {
    on("GET", "/api/v1/users", r -> {
      boolean q = r.q("q").isPresent();
      int limit = limit(r, q ? 10 : 200, 200, 1);
      return page(r, org.listUsers(r.q("q").orElse(null), r.q("filter").orElse(null), r.q("search").orElse(null),
          r.q("after").orElse(null), limit), limit, views::user);
    });
    on("POST", "/api/v1/users", r -> {
      ObjectNode body = object(r);
      User u = org.createUser(map(body.get("profile")), bool(r, "activate", true));
      for (String gid : strings(body.get("groupIds"))) {
        org.addMember(gid, u.id());
      }
      return Response.ok(views.user(u));
    });
    on("GET", "/api/v1/users/{userId}", r -> Response.ok(views.user(org.user(r.p("userId")))));
    on("POST", "/api/v1/users/{userId}", r -> Response.ok(views.user(org.updateUser(r.p("userId"), map(object(r).get("profile")), false))));
    on("PUT", "/api/v1/users/{userId}", r -> Response.ok(views.user(org.updateUser(r.p("userId"), map(object(r).get("profile")), true))));
    on("DELETE", "/api/v1/users/{userId}", r -> {
      org.deleteUser(r.p("userId"));
      return Response.status(204);
    });
    on("POST", "/api/v1/users/{userId}/lifecycle/activate", r -> {
      org.activateUser(r.p("userId"));
      // sendEmail=false returns the activation token and URL; the sandbox sends no mail either way
      ObjectNode token = F.objectNode();
      token.put("activationToken", org.opaqueId("act"));
      token.put("activationUrl", base + "/welcome/" + r.p("userId"));
      return Response.ok(token);
    });
    on("POST", "/api/v1/users/{userId}/lifecycle/deactivate", r -> {
      org.deactivateUser(r.p("userId"));
      return new Response(200, null, List.of()); // 200 with no body, as the spec defines
    });
    on("POST", "/api/v1/users/{userId}/lifecycle/suspend", r -> {
      org.suspendUser(r.p("userId"));
      return new Response(200, null, List.of()); // 200 with no body, as the spec defines
    });
    on("POST", "/api/v1/users/{userId}/lifecycle/unsuspend", r -> {
      org.unsuspendUser(r.p("userId"));
      return new Response(200, null, List.of()); // 200 with no body, as the spec defines
    });
    on("GET", "/api/v1/users/{userId}/groups", r -> {
      ArrayNode arr = F.arrayNode();
      org.groupsOfUser(r.p("userId")).forEach(g -> arr.add(views.group(g, false)));
      return Response.ok(arr);
    });
  }

  private void groups() {
    on("GET", "/api/v1/groups", r -> {
      boolean q = r.q("q").isPresent();
      int limit = q ? limit(r, 10, 300, 1) : limit(r, 200, 200, 1);
      boolean stats = expands(r, "stats");
      return page(r, org.listGroups(r.q("q").orElse(null), r.q("filter").orElse(null), r.q("search").orElse(null),
          r.q("after").orElse(null), limit), limit, g -> views.group(g, stats));
    });
    on("POST", "/api/v1/groups", r -> Response.ok(views.group(org.createGroup(map(object(r).get("profile"))), false)));
    on("GET", "/api/v1/groups/{groupId}", r -> Response.ok(views.group(org.group(r.p("groupId")), expands(r, "stats"))));
    on("PUT", "/api/v1/groups/{groupId}", r -> Response.ok(views.group(org.replaceGroup(r.p("groupId"), map(object(r).get("profile"))), false)));
    on("DELETE", "/api/v1/groups/{groupId}", r -> {
      org.deleteGroup(r.p("groupId"));
      return Response.status(204);
    });
    on("GET", "/api/v1/groups/{groupId}/users", r -> {
      int limit = limit(r, 1000, 1000, 1);
      boolean membership = expands(r, "membership");
      Org.Page<Map.Entry<User, Membership>> page = org.members(r.p("groupId"), r.q("after").orElse(null), limit);
      return page(r, page, limit, e -> views.member(e.getKey(), e.getValue(), membership));
    });
    on("PUT", "/api/v1/groups/{groupId}/users/{userId}", r -> {
      org.addMember(r.p("groupId"), r.p("userId"));
      return Response.status(204);
    });
    on("DELETE", "/api/v1/groups/{groupId}/users/{userId}", r -> {
      org.removeMember(r.p("groupId"), r.p("userId"));
      return Response.status(204);
    });
    on("GET", "/api/v1/groups/{groupId}/users/{userId}/group-rules", r -> {
      ArrayNode arr = F.arrayNode();
      org.rulesManaging(r.p("groupId"), r.p("userId")).forEach(rule -> arr.add(views.rule(rule, false)));
      return Response.ok(arr);
    });
    on("GET", "/api/v1/groups/{groupId}/apps", r -> {
      int limit = limit(r, 20, 200, 1);
      return page(r, org.appsOfGroup(r.p("groupId"), r.q("after").orElse(null), limit), limit, views::app);
    });
    on("GET", "/api/v1/meta/schemas/group/default", r -> Response.ok(views.groupSchema(created)));
    on("POST", "/api/v1/meta/schemas/group/default", r -> {
      JsonNode props = object(r).path("definitions").path("custom").path("properties");
      Map<String, Map<String, Object>> defs = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = props.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        defs.put(e.getKey(), map(e.getValue()));
      }
      org.defineGroupAttributes(defs);
      return Response.ok(views.groupSchema(created));
    });
  }

  private Org.RuleSpec ruleSpec(ObjectNode body) {
    if (body.has("type") && !"group_rule".equals(body.get("type").asText())) {
      throw OktaError.validation("type", "type: must be group_rule");
    }
    JsonNode cond = body.path("conditions");
    JsonNode expr = cond.path("expression");
    return new Org.RuleSpec(
        body.path("name").isTextual() ? body.get("name").asText() : null,
        expr.path("type").isTextual() ? expr.get("type").asText() : null,
        expr.path("value").isTextual() ? expr.get("value").asText() : null,
        strings(body.path("actions").path("assignUserToGroups").path("groupIds")),
        strings(cond.path("people").path("users").path("exclude")));
  }

  private void rules() {
    on("GET", "/api/v1/groups/rules", r -> {
      int limit = limit(r, 50, 200, 1);
      boolean names = expands(r, "groupIdToGroupNameMap");
      return page(r, org.listRules(r.q("search").orElse(null), r.q("after").orElse(null), limit), limit,
          rule -> views.rule(rule, names));
    });
    on("POST", "/api/v1/groups/rules", r -> Response.ok(views.rule(org.createRule(ruleSpec(object(r))), false)));
    on("GET", "/api/v1/groups/rules/{ruleId}", r -> Response.ok(views.rule(org.rule(r.p("ruleId")), expands(r, "groupIdToGroupNameMap"))));
    on("PUT", "/api/v1/groups/rules/{ruleId}", r -> Response.ok(views.rule(org.replaceRule(r.p("ruleId"), ruleSpec(object(r))), false)));
    on("DELETE", "/api/v1/groups/rules/{ruleId}", r -> {
      org.deleteRule(r.p("ruleId"), bool(r, "removeUsers", false));
      return Response.status(202);
    });
    on("POST", "/api/v1/groups/rules/{ruleId}/lifecycle/activate", r -> {
      org.activateRule(r.p("ruleId"));
      return Response.status(204);
    });
    on("POST", "/api/v1/groups/rules/{ruleId}/lifecycle/deactivate", r -> {
      org.deactivateRule(r.p("ruleId"));
      return Response.status(204);
    });
  }

  private void apps() {
    on("GET", "/api/v1/apps", r -> {
      int limit = limit(r, 20, 200, 1);
      return page(r, org.listApps(r.q("q").orElse(null), r.q("after").orElse(null), limit), limit, views::app);
    });
    on("GET", "/api/v1/apps/{appId}", r -> Response.ok(views.app(org.app(r.p("appId")))));
    on("GET", "/api/v1/apps/{appId}/groups", r -> {
      int limit = limit(r, 20, 200, 20);
      boolean group = expands(r, "group");
      Org.Page<Assignment> page = org.listAssignments(r.p("appId"), r.q("q").orElse(null), r.q("after").orElse(null), limit);
      return page(r, page, limit, a -> views.assignment(a, group));
    });
    on("GET", "/api/v1/apps/{appId}/groups/{groupId}", r -> Response.ok(views.assignment(org.assignment(r.p("appId"), r.p("groupId")), expands(r, "group"))));
    on("PUT", "/api/v1/apps/{appId}/groups/{groupId}", r -> {
      JsonNode b = r.body() == null || r.body().isNull() ? F.objectNode() : r.body();
      if (!b.isObject()) {
        throw OktaError.malformed("The request body must be a JSON object");
      }
      Integer priority = b.hasNonNull("priority") ? b.get("priority").asInt() : null;
      Map<String, Object> profile = b.has("profile") ? map(b.get("profile")) : null;
      return Response.ok(views.assignment(org.assign(r.p("appId"), r.p("groupId"), priority, profile), false));
    });
    on("PATCH", "/api/v1/apps/{appId}/groups/{groupId}", r -> {
      if (r.body() == null || !r.body().isArray()) {
        throw OktaError.malformed("The request body must be a JSON Patch array");
      }
      List<Org.PatchOp> ops = new ArrayList<>();
      for (JsonNode op : r.body()) {
        ops.add(new Org.PatchOp(op.path("op").asText(), op.path("path").asText(), JSON.convertValue(op.get("value"), Object.class)));
      }
      return Response.ok(views.assignment(org.patchAssignment(r.p("appId"), r.p("groupId"), ops), false));
    });
    on("DELETE", "/api/v1/apps/{appId}/groups/{groupId}", r -> {
      org.unassign(r.p("appId"), r.p("groupId"));
      return Response.status(204);
    });
    on("GET", "/api/v1/apps/{appId}/group-push/mappings", r -> {
      int limit = limit(r, 100, 1000, 1);
      return page(r, org.listMappings(r.p("appId"), r.q("sourceGroupId").orElse(null), r.q("status").orElse(null),
          r.q("after").orElse(null), limit), limit, views::mapping);
    });
    on("POST", "/api/v1/apps/{appId}/group-push/mappings", r -> {
      ObjectNode b = object(r);
      PushMapping m = org.createMapping(r.p("appId"),
          b.path("sourceGroupId").isTextual() ? b.get("sourceGroupId").asText() : null,
          b.path("targetGroupId").isTextual() ? b.get("targetGroupId").asText() : null,
          b.path("targetGroupName").isTextual() ? b.get("targetGroupName").asText() : null,
          b.path("status").isTextual() ? b.get("status").asText() : null);
      return Response.ok(views.mapping(m)); // live Okta answers 200; the spec says 201
    });
    on("GET", "/api/v1/apps/{appId}/group-push/mappings/{mappingId}", r -> Response.ok(views.mapping(org.mapping(r.p("appId"), r.p("mappingId")))));
    on("PATCH", "/api/v1/apps/{appId}/group-push/mappings/{mappingId}", r -> {
      ObjectNode b = object(r);
      Iterator<String> names = b.fieldNames();
      while (names.hasNext()) {
        String n = names.next();
        if (!n.equals("status")) {
          throw OktaError.validation(n, n + ": only status can be changed; delete and recreate the mapping instead");
        }
      }
      if (!b.path("status").isTextual()) {
        throw OktaError.validation("status", "status: The field cannot be left blank");
      }
      return Response.ok(views.mapping(org.setMappingStatus(r.p("appId"), r.p("mappingId"), b.get("status").asText())));
    });
    on("DELETE", "/api/v1/apps/{appId}/group-push/mappings/{mappingId}", r -> {
      Optional<String> del = r.q("deleteTargetGroup");
      if (del.isEmpty() || !(del.get().equals("true") || del.get().equals("false"))) {
        throw OktaError.validation("deleteTargetGroup", "deleteTargetGroup: The parameter is required and must be true or false");
      }
      org.deleteMapping(r.p("appId"), r.p("mappingId"), Boolean.parseBoolean(del.get()));
      return new Response(200, null, List.of()); // live Okta answers 200 with an empty body; the spec says 204
    });
  }

  // ================================================================ control API

  private void control() {
    on("GET", "/__sandbox/state", r -> Response.ok(views.export()));
    on("POST", "/__sandbox/seed", r -> {
      ObjectNode b = object(r);
      List<Seeder.Attribute> attrs = new ArrayList<>();
      for (JsonNode a : b.path("attributes")) {
        attrs.add(new Seeder.Attribute(a.path("okta").asText(), strings(a.get("values"))));
      }
      List<Seeder.AppSpec> apps = new ArrayList<>();
      for (JsonNode a : b.path("apps")) {
        apps.add(appSpec(a));
      }
      int n = Seeder.seed(org, new Seeder.Spec(b.path("users").asInt(0), b.path("seed").asLong(42), attrs, apps));
      return Response.ok(F.objectNode().put("users", n));
    });
    on("POST", "/__sandbox/users/{userId}/profile", r -> Response.ok(views.user(org.updateUser(r.p("userId"), map(object(r).get("profile")), false))));
    on("GET", "/__sandbox/requests", r -> Response.ok(sandbox.stats().toJson()));
    on("DELETE", "/__sandbox/requests", r -> {
      sandbox.stats().clear();
      return Response.status(204);
    });
    on("GET", "/__sandbox/downstream/{appId}", r -> {
      ArrayNode arr = F.arrayNode();
      org.downstream(r.p("appId")).forEach(d -> arr.add(views.downstream(d)));
      return Response.ok(arr);
    });
    on("POST", "/__sandbox/faults", r -> {
      ObjectNode b = object(r);
      Faults.Kind kind;
      try {
        kind = Faults.Kind.valueOf(b.path("kind").asText());
      } catch (IllegalArgumentException e) {
        throw OktaError.validation("kind", "kind: one of " + List.of(Faults.Kind.values()));
      }
      sandbox.faults().add(new Faults.Rule(b.hasNonNull("method") ? b.get("method").asText() : null,
          b.path("path").asText(".*"), b.path("nth").asInt(1), b.path("times").asInt(1), kind, b.path("latencyMillis").asLong(0)));
      return Response.status(204);
    });
    on("DELETE", "/__sandbox/faults", r -> {
      sandbox.faults().clear();
      return Response.status(204);
    });
    on("GET", "/__sandbox/settings", r -> Response.ok(settingsJson()));
    on("POST", "/__sandbox/settings", r -> {
      ObjectNode b = object(r);
      var s = org.settings();
      if (b.has("editableRuleTargets")) {
        s.editableRuleTargets = b.get("editableRuleTargets").asBoolean();
      }
      if (b.has("deletePushMappingInError")) {
        s.deletePushMappingInError = b.get("deletePushMappingInError").asBoolean();
      }
      if (b.has("searchLagMillis")) {
        s.searchLag = Duration.ofMillis(b.get("searchLagMillis").asLong());
      }
      if (b.has("ruleEvaluationDelayMillis")) {
        s.ruleEvaluationDelay = Duration.ofMillis(b.get("ruleEvaluationDelayMillis").asLong());
      }
      return Response.ok(settingsJson());
    });
  }

  private ObjectNode settingsJson() {
    var s = org.settings();
    ObjectNode o = F.objectNode();
    o.put("editableRuleTargets", s.editableRuleTargets);
    o.put("deletePushMappingInError", s.deletePushMappingInError);
    o.put("searchLagMillis", s.searchLag.toMillis());
    o.put("ruleEvaluationDelayMillis", s.ruleEvaluationDelay.toMillis());
    o.put("timeScale", org.clock().scale());
    return o;
  }

  static Seeder.AppSpec appSpec(JsonNode a) {
    App.PushType type;
    try {
      type = App.PushType.valueOf(a.path("pushType").asText("GENERIC").toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      type = App.PushType.GENERIC;
    }
    return new Seeder.AppSpec(a.hasNonNull("id") ? a.get("id").asText() : null, a.path("name").asText("app"),
        a.path("label").asText(a.path("name").asText("App")), a.path("push").asBoolean(false), type,
        a.hasNonNull("emailDomain") ? a.get("emailDomain").asText() : null);
  }
}
