package dev.oktagroups.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.GroupRuleApi;
import com.okta.sdk.resource.model.GroupRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds what a create may already have made, when its answer was lost or Okta says it exists: the
 * group by name, the rule by name and target, the push mapping by source group and app. Each finds
 * an object only when it is okta-groups' own, so nothing is ever adopted by accident.
 */
final class Lookups {
  /** One raw GET, through the caller's paced and retried calls. */
  interface Get {
    List<JsonNode> list(String endpoint, String path, Map<String, Object> query);
  }

  private final Calls calls;
  private final Get get;
  private final GroupRuleApi rules;

  Lookups(Calls calls, Get get) {
    this.calls = calls;
    this.get = get;
    this.rules = new GroupRuleApi(calls.client());
  }

  /**
   * The OKTA_GROUP named {@code name} whose profile carries every attribute of {@code marker} (the
   * ownership marker): a group someone else made under that name is never ours.
   */
  Optional<String> group(String name, Map<String, String> marker) {
    // q is a name-prefix search capped at 300 answers; the exact name is among them if it exists.
    for (JsonNode g :
        get.list("GET /api/v1/groups", "/api/v1/groups", Map.of("q", name, "limit", 300))) {
      JsonNode p = g.path("profile");
      if ("OKTA_GROUP".equals(g.path("type").asText())
          && name.equals(p.path("name").asText())
          && marker.entrySet().stream()
              .allMatch(e -> e.getValue().equals(p.path(e.getKey()).asText(null)))) {
        return Optional.of(g.path("id").asText());
      }
    }
    return Optional.empty();
  }

  /**
   * A rule named {@code name} whose only target is {@code groupId}: the rule okta-groups derives
   * for its own group, whoever created it.
   */
  Optional<String> rule(String name, String groupId) {
    List<GroupRule> found =
        calls.run(
            "GET /api/v1/groups/rules",
            Calls.Retry.IDEMPOTENT,
            () -> rules.listGroupRules(200, null, name, null));
    return found.stream()
        .filter(r -> name.equals(r.getName()))
        .filter(r -> List.of(groupId).equals(targets(r)))
        .map(GroupRule::getId)
        .findFirst();
  }

  /** The app's push mapping from {@code sourceGroupId}, with its status. */
  Optional<JsonNode> mapping(String appId, String sourceGroupId, Function<String, String> path) {
    for (JsonNode m :
        get.list(
            "GET /api/v1/apps/{id}/group-push/mappings",
            path.apply(appId),
            Map.of("limit", 1000))) {
      if (sourceGroupId.equals(m.path("sourceGroupId").asText())) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static List<String> targets(GroupRule r) {
    if (r.getActions() == null
        || r.getActions().getAssignUserToGroups() == null
        || r.getActions().getAssignUserToGroups().getGroupIds() == null) {
      return List.of();
    }
    return r.getActions().getAssignUserToGroups().getGroupIds();
  }
}
