package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.okta.sdk.resource.api.ApplicationGroupsApi;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.GroupRuleApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.AddGroupRequest;
import com.okta.sdk.resource.model.ApplicationGroupAssignment;
import com.okta.sdk.resource.model.CreateGroupRuleRequest;
import com.okta.sdk.resource.model.GroupRule;
import com.okta.sdk.resource.model.GroupRuleAction;
import com.okta.sdk.resource.model.GroupRuleConditions;
import com.okta.sdk.resource.model.GroupRuleExpression;
import com.okta.sdk.resource.model.GroupRuleGroupAssignment;
import com.okta.sdk.resource.model.GroupRulePeopleCondition;
import com.okta.sdk.resource.model.GroupRuleUserCondition;
import com.okta.sdk.resource.model.OktaUserGroupProfile;
import dev.oktagroups.port.OktaWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Single changes to Okta through okta-sdk-java, paced and retried by {@link Calls}. */
public final class OktaStateWriter implements OktaWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPRESSION_TYPE = "urn:okta:expression:1.0";

  private final Calls calls;
  private final ApiClient client;
  private final GroupApi groups;
  private final GroupRuleApi rules;
  private final ApplicationGroupsApi assignments;
  private final Lookups lookups;
  private final Lists lists;

  OktaStateWriter(Calls calls) {
    this.calls = calls;
    this.client = calls.client();
    this.lists = new Lists(calls);
    this.groups = new GroupApi(client);
    this.rules = new GroupRuleApi(client);
    this.assignments = new ApplicationGroupsApi(client);
    this.lookups =
        new Lookups(
            calls,
            (endpoint, path, query) ->
                calls.run(
                    endpoint,
                    Calls.Retry.IDEMPOTENT,
                    () ->
                        invoke(path, "GET", query, null, new TypeReference<List<JsonNode>>() {})));
  }

  @Override
  public void defineGroupAttribute(String name, String title) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode custom = body.putObject("definitions").putObject("custom");
    custom.put("id", "#custom");
    custom.put("type", "object");
    ObjectNode attr = custom.putObject("properties").putObject(name);
    attr.put("title", title);
    attr.put("description", "Set by okta-groups on the groups it owns; do not edit");
    attr.put("type", "string");
    attr.put("maxLength", 200);
    custom.putArray("required");
    calls.run(
        "POST /api/v1/meta/schemas/group/default",
        Calls.Retry.IDEMPOTENT,
        () ->
            invoke(
                "/api/v1/meta/schemas/group/default",
                "POST",
                Map.of(),
                body,
                new TypeReference<JsonNode>() {}));
  }

  @Override
  public String createGroup(String name, String description, Map<String, String> custom) {
    OktaUserGroupProfile p = new OktaUserGroupProfile().name(name).description(description);
    p.getAdditionalProperties().putAll(custom);
    return calls.create(
        "POST /api/v1/groups",
        () -> groups.addGroup(new AddGroupRequest().profile(p)).getId(),
        () -> lookups.group(name, custom));
  }

  @Override
  public void replaceGroup(
      String groupId, String name, String description, Map<String, String> custom) {
    OktaUserGroupProfile p = new OktaUserGroupProfile().name(name).description(description);
    p.getAdditionalProperties().putAll(custom);
    calls.run(
        "PUT /api/v1/groups/{id}",
        Calls.Retry.IDEMPOTENT,
        () -> groups.replaceGroup(groupId, new AddGroupRequest().profile(p)));
  }

  @Override
  public void deleteGroup(String groupId) {
    calls.run(
        "DELETE /api/v1/groups/{id}",
        Calls.Retry.IDEMPOTENT,
        () -> {
          groups.deleteGroup(groupId);
          return null;
        });
  }

  @Override
  public String createRule(String name, String expression, String groupId) {
    return createRule(name, expression, groupId, List.of());
  }

  @Override
  public String createRule(
      String name, String expression, String groupId, List<String> excludedUserIds) {
    GroupRuleConditions conditions =
        new GroupRuleConditions()
            .expression(new GroupRuleExpression().type(EXPRESSION_TYPE).value(expression));
    if (!excludedUserIds.isEmpty()) {
      conditions.people(
          new GroupRulePeopleCondition()
              .users(new GroupRuleUserCondition().exclude(new ArrayList<>(excludedUserIds))));
    }
    CreateGroupRuleRequest req =
        new CreateGroupRuleRequest()
            .type(CreateGroupRuleRequest.TypeEnum.GROUP_RULE)
            .name(name)
            .conditions(conditions)
            .actions(
                new GroupRuleAction()
                    .assignUserToGroups(new GroupRuleGroupAssignment().groupIds(List.of(groupId))));
    // 423 E0000239 ("policy priorities are being reconciled") is transient and means nothing was
    // created. A lost answer may have created the rule: the one with this name and this group as
    // its only target is the one this call made, or an earlier run's.
    return calls.create(
        "POST /api/v1/groups/rules",
        () -> rules.createGroupRule(req).getId(),
        () -> lookups.rule(name, groupId));
  }

  @Override
  public void replaceRule(String ruleId, String name, String expression, String groupId) {
    replaceRule(ruleId, name, expression, groupId, List.of());
  }

  @Override
  public void replaceRule(
      String ruleId, String name, String expression, String groupId, List<String> excludedUserIds) {
    GroupRule body =
        new GroupRule()
            .type("group_rule")
            .name(name)
            .conditions(
                new GroupRuleConditions()
                    .expression(new GroupRuleExpression().type(EXPRESSION_TYPE).value(expression))
                    .people(
                        new GroupRulePeopleCondition()
                            .users(
                                new GroupRuleUserCondition()
                                    .exclude(new ArrayList<>(excludedUserIds)))))
            .actions(
                new GroupRuleAction()
                    .assignUserToGroups(new GroupRuleGroupAssignment().groupIds(List.of(groupId))));
    calls.run(
        "PUT /api/v1/groups/rules/{id}",
        Calls.Retry.IDEMPOTENT,
        () -> rules.replaceGroupRule(ruleId, body));
  }

  @Override
  public void activateRule(String ruleId) {
    calls.run(
        "POST /api/v1/groups/rules/{id}/lifecycle/activate",
        Calls.Retry.IDEMPOTENT,
        () -> {
          rules.activateGroupRule(ruleId);
          return null;
        });
  }

  @Override
  public void deactivateRule(String ruleId) {
    calls.run(
        "POST /api/v1/groups/rules/{id}/lifecycle/deactivate",
        Calls.Retry.IDEMPOTENT,
        () -> {
          rules.deactivateGroupRule(ruleId);
          return null;
        });
  }

  @Override
  public void deleteRule(String ruleId, boolean removeUsers) {
    calls.run(
        "DELETE /api/v1/groups/rules/{id}",
        Calls.Retry.IDEMPOTENT,
        () -> {
          rules.deleteGroupRule(ruleId, removeUsers);
          return null;
        });
  }

  @Override
  public void addMember(String groupId, String userId) {
    calls.run(
        "PUT /api/v1/groups/{id}/users/{id}",
        Calls.Retry.IDEMPOTENT,
        () -> {
          groups.assignUserToGroup(groupId, userId);
          return null;
        });
  }

  @Override
  public void removeMember(String groupId, String userId) {
    calls.run(
        "DELETE /api/v1/groups/{id}/users/{id}",
        Calls.Retry.IDEMPOTENT,
        () -> {
          groups.unassignUserFromGroup(groupId, userId);
          return null;
        });
  }

  @Override
  public void assign(
      String appId, String groupId, OptionalInt priority, Map<String, Object> profile) {
    ApplicationGroupAssignment body =
        new ApplicationGroupAssignment().profile(new LinkedHashMap<>(profile));
    priority.ifPresent(body::setPriority);
    calls.run(
        "PUT /api/v1/apps/{id}/groups/{id}",
        Calls.Retry.IDEMPOTENT,
        () -> assignments.assignGroupToApplication(appId, groupId, body));
  }

  @Override
  public void unassign(String appId, String groupId) {
    calls.run(
        "DELETE /api/v1/apps/{id}/groups/{id}",
        Calls.Retry.IDEMPOTENT,
        () -> {
          assignments.unassignApplicationFromGroup(appId, groupId);
          return null;
        });
  }

  @Override
  public String createMapping(String appId, String sourceGroupId, String targetName) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sourceGroupId", sourceGroupId);
    body.put("targetGroupName", targetName);
    body.put("status", "ACTIVE");
    // okta-sdk-java 24 has no API class for push mappings; its ApiClient carries auth and paging.
    // An app pushes a group through one mapping at most: one found for this source group is the
    // one a lost answer created, and is made ACTIVE if it is not.
    JsonNode m =
        calls.create(
            "POST /api/v1/apps/{id}/group-push/mappings",
            () -> invoke(mappings(appId), "POST", Map.of(), body, new TypeReference<JsonNode>() {}),
            () -> lookups.mapping(appId, sourceGroupId, this::mappings));
    String id = m.path("id").asText();
    if (!"ACTIVE".equals(m.path("status").asText())) {
      setMappingStatus(appId, id, "ACTIVE");
    }
    return id;
  }

  @Override
  public void setMappingStatus(String appId, String mappingId, String status) {
    calls.run(
        "PATCH /api/v1/apps/{id}/group-push/mappings/{id}",
        Calls.Retry.IDEMPOTENT,
        () ->
            invoke(
                mappings(appId) + "/" + client.escapeString(mappingId),
                "PATCH",
                Map.of(),
                Map.of("status", status),
                new TypeReference<JsonNode>() {}));
  }

  @Override
  public void deleteMapping(String appId, String mappingId, boolean deleteTargetGroup) {
    calls.run(
        "DELETE /api/v1/apps/{id}/group-push/mappings/{id}",
        Calls.Retry.IDEMPOTENT,
        () -> {
          // Live Okta answers 200 with an empty body (the spec says 204); either way there is
          // nothing to read.
          invoke(
              mappings(appId) + "/" + client.escapeString(mappingId),
              "DELETE",
              Map.of("deleteTargetGroup", deleteTargetGroup),
              null,
              null);
          return null;
        });
  }

  @Override
  public Optional<String> mappingStatus(String appId, String sourceGroupId) {
    return lookups
        .mapping(appId, sourceGroupId, this::mappings)
        .map(m -> m.path("status").asText());
  }

  @Override
  public long requests() {
    return calls.requests();
  }

  @Override
  public long rateLimited() {
    return calls.rateLimited();
  }

  private String mappings(String appId) {
    return "/api/v1/apps/" + client.escapeString(appId) + "/group-push/mappings";
  }

  private <T> T invoke(
      String path, String method, Map<String, Object> query, Object body, TypeReference<T> type) {
    return lists.invoke(path, method, query, body, type);
  }
}
