package dev.oktagroups.plan;

import java.util.Map;
import java.util.TreeMap;

/**
 * One change to Okta. Reasons explain; they never drive what apply does.
 *
 * @param group the group's name
 * @param key what in the group: empty for the group and its rule, the person for a membership,
 *     the app's catalog key for an assignment or push mapping
 * @param before the relevant fields as Okta has them; empty for a create
 * @param after the fields as they will be; empty for a delete
 * @param reason why, in words reviewers read
 * @param ids the Okta ids apply needs, where known at plan time: groupId, ruleId, userId, appId,
 *     mappingId; a group created by the same plan gets its id during apply
 */
public record Change(
    Action action,
    Resource resource,
    String group,
    String key,
    Map<String, Object> before,
    Map<String, Object> after,
    String reason,
    Map<String, String> ids) {

  public Change {
    before = immutable(before);
    after = immutable(after);
    ids = Map.copyOf(ids);
  }

  private static Map<String, Object> immutable(Map<String, Object> m) {
    // Sorted and unmodifiable; values may be null-free maps, lists or scalars from JSON.
    return java.util.Collections.unmodifiableMap(new TreeMap<>(m));
  }

  public String id(String name) {
    String v = ids.get(name);
    if (v == null) {
      throw new IllegalStateException("change " + this + " has no " + name);
    }
    return v;
  }

  /** A short description: "create group div.security", "remove member pat@example.com". */
  public String describe() {
    if (resource == Resource.MEMBERSHIP) {
      return (action == Action.CREATE ? "add member " : action == Action.DELETE ? "remove member " : "update member ") + key;
    }
    String what = resource.label() + " " + (key.isEmpty() ? group : key);
    return action.label() + " " + what;
  }
}
