package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.oktagroups.sandbox.org.Membership;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.User;
import dev.oktagroups.sandbox.org.Views;
import java.util.Map;

/** {@code /api/v1/groups}: groups, their members and the apps they are assigned to. */
final class GroupRoutes {
  private final Org org;
  private final Views views;
  private final Paging paging;

  GroupRoutes(Org org, Views views, Paging paging) {
    this.org = org;
    this.views = views;
    this.paging = paging;
  }

  void register(Router router) {
    router.on(
        "GET",
        "/api/v1/groups",
        r -> {
          boolean q = r.q("q").isPresent();
          int limit = q ? r.limit(10, 300, 1) : r.limit(200, 200, 1);
          boolean stats = r.expands("stats");
          return paging.page(
              r,
              org.listGroups(
                  r.q("q").orElse(null),
                  r.q("filter").orElse(null),
                  r.q("search").orElse(null),
                  r.q("after").orElse(null),
                  limit),
              limit,
              g -> views.group(g, stats));
        });
    router.on(
        "POST",
        "/api/v1/groups",
        r -> Response.ok(views.group(org.createGroup(Json.map(r.object().get("profile"))), false)));
    router.on(
        "GET",
        "/api/v1/groups/{groupId}",
        r -> Response.ok(views.group(org.group(r.p("groupId")), r.expands("stats"))));
    router.on(
        "PUT",
        "/api/v1/groups/{groupId}",
        r ->
            Response.ok(
                views.group(
                    org.replaceGroup(r.p("groupId"), Json.map(r.object().get("profile"))), false)));
    router.on(
        "DELETE",
        "/api/v1/groups/{groupId}",
        r -> {
          org.deleteGroup(r.p("groupId"));
          return Response.status(204);
        });
    members(router);
    router.on(
        "GET",
        "/api/v1/groups/{groupId}/apps",
        r -> {
          int limit = r.limit(20, 200, 1);
          return paging.page(
              r,
              org.appsOfGroup(r.p("groupId"), r.q("after").orElse(null), limit),
              limit,
              views::app);
        });
  }

  private void members(Router router) {
    router.on(
        "GET",
        "/api/v1/groups/{groupId}/users",
        r -> {
          int limit = r.limit(1000, 1000, 1);
          boolean membership = r.expands("membership");
          Org.Page<Map.Entry<User, Membership>> page =
              org.members(r.p("groupId"), r.q("after").orElse(null), limit);
          return paging.page(
              r, page, limit, e -> views.member(e.getKey(), e.getValue(), membership));
        });
    router.on(
        "PUT",
        "/api/v1/groups/{groupId}/users/{userId}",
        r -> {
          org.addMember(r.p("groupId"), r.p("userId"));
          return Response.status(204);
        });
    router.on(
        "DELETE",
        "/api/v1/groups/{groupId}/users/{userId}",
        r -> {
          org.removeMember(r.p("groupId"), r.p("userId"));
          return Response.status(204);
        });
    router.on(
        "GET",
        "/api/v1/groups/{groupId}/users/{userId}/group-rules",
        r -> {
          ArrayNode arr = Json.F.arrayNode();
          org.rulesManaging(r.p("groupId"), r.p("userId"))
              .forEach(rule -> arr.add(views.rule(rule, false)));
          return Response.ok(arr);
        });
  }
}
