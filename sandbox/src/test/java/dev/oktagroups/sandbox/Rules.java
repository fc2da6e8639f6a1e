package dev.oktagroups.sandbox;

import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.GroupRuleApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.AddGroupRequest;
import com.okta.sdk.resource.model.CreateGroupRuleRequest;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupRule;
import com.okta.sdk.resource.model.GroupRuleAction;
import com.okta.sdk.resource.model.GroupRuleConditions;
import com.okta.sdk.resource.model.GroupRuleExpression;
import com.okta.sdk.resource.model.GroupRuleGroupAssignment;
import com.okta.sdk.resource.model.GroupRulePeopleCondition;
import com.okta.sdk.resource.model.GroupRuleUserCondition;
import com.okta.sdk.resource.model.OktaUserGroupProfile;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Small builders shared by the SDK-driven tests. */
final class Rules {
  private Rules() {}

  static CreateGroupRuleRequest create(String name, String expr, String... groupIds) {
    return new CreateGroupRuleRequest()
        .type(CreateGroupRuleRequest.TypeEnum.GROUP_RULE)
        .name(name)
        .conditions(
            new GroupRuleConditions()
                .expression(new GroupRuleExpression().type("urn:okta:expression:1.0").value(expr)))
        .actions(
            new GroupRuleAction()
                .assignUserToGroups(new GroupRuleGroupAssignment().groupIds(List.of(groupIds))));
  }

  /** The replacement body for PUT: same shape as a read rule. */
  static GroupRule replace(
      GroupRule current, String expr, List<String> groupIds, List<String> excluded) {
    return new GroupRule()
        .type("group_rule")
        .name(current.getName())
        .conditions(
            new GroupRuleConditions()
                .expression(new GroupRuleExpression().type("urn:okta:expression:1.0").value(expr))
                .people(
                    new GroupRulePeopleCondition()
                        .users(new GroupRuleUserCondition().exclude(excluded))))
        .actions(
            new GroupRuleAction()
                .assignUserToGroups(new GroupRuleGroupAssignment().groupIds(groupIds)));
  }

  static Group group(GroupApi api, String name) {
    return api.addGroup(
        new AddGroupRequest()
            .profile(new OktaUserGroupProfile().name(name).description(name + " group")));
  }

  static User user(UserApi api, String login, Map<String, Object> attrs) {
    UserProfile p =
        new UserProfile().login(login).email(login).firstName("Test").lastName("Person");
    // Standard attributes through their setters, the rest as additional properties: setting
    // one both ways makes the SDK serialise the key twice.
    attrs.forEach(
        (k, v) -> {
          if (!java.util.Set.of("department", "division", "countryCode", "userType").contains(k)) {
            p.getAdditionalProperties().put(k, v);
          }
        });
    if (attrs.containsKey("department")) {
      p.setDepartment((String) attrs.get("department"));
    }
    if (attrs.containsKey("division")) {
      p.setDivision((String) attrs.get("division"));
    }
    if (attrs.containsKey("countryCode")) {
      p.setCountryCode((String) attrs.get("countryCode"));
    }
    if (attrs.containsKey("userType")) {
      p.setUserType((String) attrs.get("userType"));
    }
    return api.createUser(new CreateUserRequest().profile(p), true, null, null);
  }

  static GroupRuleApi rules(SdkFixture f) {
    return new GroupRuleApi(f.client);
  }

  /** Follows Link headers through every page, as okta-groups does. */
  static <T> List<T> all(BiFunction<String, Integer, List<T>> page, int limit) {
    List<T> out = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      List<T> p = page.apply(after, limit);
      out.addAll(p);
      after = p instanceof PagedList<?> pl && pl.hasMoreItems() ? pl.getAfter() : null;
      if (++pages > 10_000) {
        throw new AssertionError("pagination does not end");
      }
    } while (after != null);
    return out;
  }
}
