package dev.oktagroups.okta;

/**
 * Which of Okta's rate-limit buckets a call counts against. Okta's answers carry the bucket's
 * numbers (X-Rate-Limit-Limit, -Remaining, -Reset) but not its name, and several endpoints share
 * one bucket, so the share okta-groups uses can only be counted per bucket with this map. It
 * follows Okta's published table for Workforce orgs, as the sandbox does: the small {@code
 * /api/v1/apps*} bucket, its larger single-app one, the group list (with a group's app list), one
 * group, the System Log, the user list and search, one user, and "most other /api/v1" for the rest.
 */
final class Buckets {
  private Buckets() {}

  /**
   * The bucket of {@code endpoint}, a method and path template as {@link Calls} names calls, such
   * as {@code GET /api/v1/apps/{id}/groups}.
   */
  static String of(String endpoint) {
    int space = endpoint.indexOf(' ');
    String method = space < 0 ? "" : endpoint.substring(0, space);
    String path = space < 0 ? endpoint : endpoint.substring(space + 1);
    if (path.equals("/api/v1/apps/{id}")) {
      return "/api/v1/apps/{id}";
    }
    if (path.startsWith("/api/v1/apps")) {
      return "/api/v1/apps*";
    }
    if (path.equals("/api/v1/groups") || path.equals("/api/v1/groups/{id}/apps")) {
      return "/api/v1/groups";
    }
    if (path.equals("/api/v1/groups/{id}")) {
      return "/api/v1/groups/{id}";
    }
    if (path.equals("/api/v1/logs")) {
      return "/api/v1/logs";
    }
    if (path.equals("/api/v1/users")) {
      return "/api/v1/users";
    }
    if (path.equals("/api/v1/users/{id}") && method.equals("GET")) {
      return "GET /api/v1/users/{id}";
    }
    return "/api/v1/*";
  }
}
