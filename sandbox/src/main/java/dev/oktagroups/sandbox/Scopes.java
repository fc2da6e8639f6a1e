package dev.oktagroups.sandbox;

import com.sun.net.httpserver.Headers;
import dev.oktagroups.sandbox.auth.ServiceApps;
import dev.oktagroups.sandbox.org.OktaError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of the OAuth scopes each Management API route needs, from the {@code oauth2}
 * security of its operation in Okta's spec (../shared/reference/okta-api.md has the same table). A
 * bearer token must carry every scope listed; API tokens (SSWS) carry an admin's role instead and
 * are not checked. A route missing here refuses every bearer token, so a new route fails closed
 * until it is listed; {@code ScopeTableTest} fails the build first.
 */
final class Scopes {
  private Scopes() {}

  private static final String GROUPS_READ = "okta.groups.read";
  private static final String GROUPS_MANAGE = "okta.groups.manage";
  private static final String APPS_READ = "okta.apps.read";
  private static final String APPS_MANAGE = "okta.apps.manage";
  private static final String USERS_READ = "okta.users.read";
  private static final String USERS_MANAGE = "okta.users.manage";
  private static final String SCHEMAS_READ = "okta.schemas.read";
  private static final String SCHEMAS_MANAGE = "okta.schemas.manage";
  private static final String LOGS_READ = "okta.logs.read";

  private static final String PUSH = "/api/v1/apps/{appId}/group-push/mappings";

  static final Map<String, List<String>> TABLE =
      Map.ofEntries(
          // users
          Map.entry("GET /api/v1/users", List.of(USERS_READ)),
          Map.entry("POST /api/v1/users", List.of(USERS_MANAGE)),
          Map.entry("GET /api/v1/users/{userId}", List.of(USERS_READ)),
          Map.entry("POST /api/v1/users/{userId}", List.of(USERS_MANAGE)),
          Map.entry("PUT /api/v1/users/{userId}", List.of(USERS_MANAGE)),
          Map.entry("DELETE /api/v1/users/{userId}", List.of(USERS_MANAGE)),
          Map.entry("GET /api/v1/users/{userId}/groups", List.of(USERS_READ)),
          Map.entry("POST /api/v1/users/{userId}/lifecycle/activate", List.of(USERS_MANAGE)),
          Map.entry("POST /api/v1/users/{userId}/lifecycle/deactivate", List.of(USERS_MANAGE)),
          Map.entry("POST /api/v1/users/{userId}/lifecycle/suspend", List.of(USERS_MANAGE)),
          Map.entry("POST /api/v1/users/{userId}/lifecycle/unsuspend", List.of(USERS_MANAGE)),
          // groups and members
          Map.entry("GET /api/v1/groups", List.of(GROUPS_READ)),
          Map.entry("POST /api/v1/groups", List.of(GROUPS_MANAGE)),
          Map.entry("GET /api/v1/groups/{groupId}", List.of(GROUPS_READ)),
          Map.entry("PUT /api/v1/groups/{groupId}", List.of(GROUPS_MANAGE)),
          Map.entry("DELETE /api/v1/groups/{groupId}", List.of(GROUPS_MANAGE)),
          Map.entry("GET /api/v1/groups/{groupId}/apps", List.of(GROUPS_READ)),
          Map.entry("GET /api/v1/groups/{groupId}/users", List.of(GROUPS_READ)),
          Map.entry("PUT /api/v1/groups/{groupId}/users/{userId}", List.of(GROUPS_MANAGE)),
          Map.entry("DELETE /api/v1/groups/{groupId}/users/{userId}", List.of(GROUPS_MANAGE)),
          // Not in the spec (it declares the path without operations): assumed like its siblings.
          Map.entry(
              "GET /api/v1/groups/{groupId}/users/{userId}/group-rules", List.of(GROUPS_READ)),
          // group rules
          Map.entry("GET /api/v1/groups/rules", List.of(GROUPS_READ)),
          Map.entry("POST /api/v1/groups/rules", List.of(GROUPS_MANAGE)),
          Map.entry("GET /api/v1/groups/rules/{ruleId}", List.of(GROUPS_READ)),
          Map.entry("PUT /api/v1/groups/rules/{ruleId}", List.of(GROUPS_MANAGE)),
          Map.entry("DELETE /api/v1/groups/rules/{ruleId}", List.of(GROUPS_MANAGE)),
          Map.entry(
              "POST /api/v1/groups/rules/{ruleId}/lifecycle/activate", List.of(GROUPS_MANAGE)),
          Map.entry(
              "POST /api/v1/groups/rules/{ruleId}/lifecycle/deactivate", List.of(GROUPS_MANAGE)),
          // the group profile schema
          Map.entry("GET /api/v1/meta/schemas/group/default", List.of(SCHEMAS_READ)),
          Map.entry("POST /api/v1/meta/schemas/group/default", List.of(SCHEMAS_MANAGE)),
          // apps and their group assignments
          Map.entry("GET /api/v1/apps", List.of(APPS_READ)),
          Map.entry("GET /api/v1/apps/{appId}", List.of(APPS_READ)),
          Map.entry("GET /api/v1/apps/{appId}/groups", List.of(APPS_READ)),
          Map.entry("GET /api/v1/apps/{appId}/groups/{groupId}", List.of(APPS_READ)),
          Map.entry("PUT /api/v1/apps/{appId}/groups/{groupId}", List.of(APPS_MANAGE)),
          Map.entry("PATCH /api/v1/apps/{appId}/groups/{groupId}", List.of(APPS_MANAGE)),
          Map.entry("DELETE /api/v1/apps/{appId}/groups/{groupId}", List.of(APPS_MANAGE)),
          // push mappings need both families
          Map.entry("GET " + PUSH, List.of(APPS_READ, GROUPS_READ)),
          Map.entry("POST " + PUSH, List.of(APPS_MANAGE, GROUPS_MANAGE)),
          Map.entry("GET " + PUSH + "/{mappingId}", List.of(APPS_READ, GROUPS_READ)),
          Map.entry("PATCH " + PUSH + "/{mappingId}", List.of(APPS_MANAGE, GROUPS_MANAGE)),
          Map.entry("DELETE " + PUSH + "/{mappingId}", List.of(APPS_MANAGE, GROUPS_MANAGE)),
          // the System Log
          Map.entry("GET /api/v1/logs", List.of(LOGS_READ)));

  /** The scopes a route ("METHOD template") needs; empty for a route not in the table. */
  static Optional<List<String>> of(String method, String template) {
    return Optional.ofNullable(TABLE.get(method + " " + template));
  }

  /**
   * Okta's answer to a bearer token without the scopes a route needs: 403 E0000006, and a
   * WWW-Authenticate header naming the scope. The control API is the sandbox's own and takes the
   * API token only.
   */
  static void check(ServiceApps.Bearer b, Router.Route route, Headers out) {
    List<String> needed =
        route.control()
            ? List.of()
            : Scopes.of(route.method(), route.template()).orElse(List.of("(unlisted route)"));
    List<String> missing = needed.stream().filter(s -> !b.scopes().contains(s)).toList();
    if (route.control() || !missing.isEmpty()) {
      out.set(
          "WWW-Authenticate",
          "Bearer realm=\"IdpMyAccountAPI\", error=\"insufficient_scope\","
              + " error_description=\"The access token provided does not contain the required"
              + " scopes.\", scope=\""
              + String.join(" ", missing)
              + "\"");
      throw new OktaError(
          403, "E0000006", "You do not have permission to perform the requested action", List.of());
    }
  }
}
