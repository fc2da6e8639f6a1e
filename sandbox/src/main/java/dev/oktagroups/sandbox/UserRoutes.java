package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.User;
import dev.oktagroups.sandbox.org.Views;
import java.util.List;

/** {@code /api/v1/users}: users, their lifecycle and their groups. */
final class UserRoutes {
  private final Org org;
  private final Views views;
  private final Paging paging;
  private final String base;

  UserRoutes(Org org, Views views, Paging paging, String base) {
    this.org = org;
    this.views = views;
    this.paging = paging;
    this.base = base;
  }

  void register(Router router) {
    router.on(
        "GET",
        "/api/v1/users",
        r -> {
          boolean q = r.q("q").isPresent();
          int limit = r.limit(q ? 10 : 200, 200, 1);
          return paging.page(
              r,
              org.listUsers(
                  r.q("q").orElse(null),
                  r.q("filter").orElse(null),
                  r.q("search").orElse(null),
                  r.q("after").orElse(null),
                  limit),
              limit,
              views::user);
        });
    router.on(
        "POST",
        "/api/v1/users",
        r -> {
          ObjectNode body = r.object();
          User u = org.createUser(Json.map(body.get("profile")), r.bool("activate", true));
          for (String gid : Json.strings(body.get("groupIds"))) {
            org.addMember(gid, u.id());
          }
          return Response.ok(views.user(u));
        });
    router.on(
        "GET", "/api/v1/users/{userId}", r -> Response.ok(views.user(org.user(r.p("userId")))));
    router.on("POST", "/api/v1/users/{userId}", r -> update(r, false));
    router.on("PUT", "/api/v1/users/{userId}", r -> update(r, true));
    router.on(
        "DELETE",
        "/api/v1/users/{userId}",
        r -> {
          org.deleteUser(r.p("userId"));
          return Response.status(204);
        });
    lifecycle(router);
    router.on(
        "GET",
        "/api/v1/users/{userId}/groups",
        r -> {
          ArrayNode arr = Json.F.arrayNode();
          org.groupsOfUser(r.p("userId")).forEach(g -> arr.add(views.group(g, false)));
          return Response.ok(arr);
        });
  }

  private Response update(Request r, boolean replace) {
    return Response.ok(
        views.user(org.updateUser(r.p("userId"), Json.map(r.object().get("profile")), replace)));
  }

  private void lifecycle(Router router) {
    router.on(
        "POST",
        "/api/v1/users/{userId}/lifecycle/activate",
        r -> {
          org.activateUser(r.p("userId"));
          // sendEmail=false returns the activation token and URL; the sandbox sends no mail either
          // way
          ObjectNode token = Json.F.objectNode();
          token.put("activationToken", org.opaqueId("act"));
          token.put("activationUrl", base + "/welcome/" + r.p("userId"));
          return Response.ok(token);
        });
    // The other transitions answer 200 with no body, as the spec defines.
    router.on(
        "POST",
        "/api/v1/users/{userId}/lifecycle/deactivate",
        r -> {
          org.deactivateUser(r.p("userId"));
          return new Response(200, null, List.of());
        });
    router.on(
        "POST",
        "/api/v1/users/{userId}/lifecycle/suspend",
        r -> {
          org.suspendUser(r.p("userId"));
          return new Response(200, null, List.of());
        });
    router.on(
        "POST",
        "/api/v1/users/{userId}/lifecycle/unsuspend",
        r -> {
          org.unsuspendUser(r.p("userId"));
          return new Response(200, null, List.of());
        });
  }
}
