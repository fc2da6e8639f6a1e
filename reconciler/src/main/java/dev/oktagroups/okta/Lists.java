package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.Pair;
import com.okta.sdk.resource.common.PagedList;
import dev.oktagroups.state.ActualState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How the readers reach Okta: every page of a list endpoint through the pacing and retries of
 * {@link Calls}, and raw JSON calls through the SDK's ApiClient where its models lose fields.
 */
final class Lists {
  private static final TypeReference<List<JsonNode>> NODES = new TypeReference<>() {};
  private final Calls calls;
  private final ApiClient client;

  Lists(Calls calls) {
    this.calls = calls;
    this.client = calls.client();
  }

  Calls calls() {
    return calls;
  }

  /** Every page of a list, following the Link headers through the SDK's PagedList. */
  <T> List<T> pages(String endpoint, BiFunction<String, Integer, List<T>> page, int limit) {
    List<T> out = new ArrayList<>();
    String after = null;
    do {
      String cursor = after;
      List<T> p = calls.run(endpoint, Calls.Retry.IDEMPOTENT, () -> page.apply(cursor, limit));
      out.addAll(p);
      after = p instanceof PagedList<?> pl && pl.hasMoreItems() ? pl.getAfter() : null;
    } while (after != null);
    return out;
  }

  <T> T invoke(
      String path, String method, Map<String, Object> query, Object body, TypeReference<T> type) {
    List<Pair> q = new ArrayList<>();
    query.forEach((k, v) -> q.addAll(client.parameterToPair(k, v)));
    return client.invokeAPI(
        path,
        method,
        q,
        new ArrayList<>(),
        null,
        body,
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        "application/json",
        "application/json",
        new String[] {"apiToken", "oauth2"},
        type);
  }

  /**
   * The ids of the apps a group is assigned to, from {@code /api/v1/groups/{id}/apps}: it counts in
   * the groups bucket, not the small apps one.
   */
  List<String> groupApps(String groupId) {
    String path = "/api/v1/groups/" + client.escapeString(groupId) + "/apps";
    List<String> out = new ArrayList<>();
    for (JsonNode a :
        pages(
            "GET /api/v1/groups/{id}/apps",
            (after, limit) ->
                invoke(path, "GET", query("after", after, "limit", limit), null, NODES),
            200)) {
      out.add(a.path("id").asText());
    }
    return out;
  }

  /**
   * One push app's mappings, every page at 1,000 a page; {@code filter} adds Okta's list filters
   * ({@code sourceGroupId}, {@code lastUpdated}, {@code status}), none for all of them.
   */
  List<ActualState.Mapping> mappings(String appId, Map<String, Object> filter) {
    String path = "/api/v1/apps/" + client.escapeString(appId) + "/group-push/mappings";
    List<ActualState.Mapping> out = new ArrayList<>();
    for (JsonNode m :
        pages(
            "GET /api/v1/apps/{id}/group-push/mappings",
            (after, limit) -> {
              Map<String, Object> q = new LinkedHashMap<>(filter);
              q.putAll(query("after", after, "limit", limit));
              return invoke(path, "GET", q, null, NODES);
            },
            1000)) {
      out.add(OktaStateReader.mapping(appId, m));
    }
    return out;
  }

  static Map<String, Object> query(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  static List<String> nonNull(Collection<String> c) {
    return c == null ? List.of() : List.copyOf(c);
  }
}
