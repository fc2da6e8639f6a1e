package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.GroupRuleApi;
import com.okta.sdk.resource.model.AddGroupRequest;
import com.okta.sdk.resource.model.CreateGroupRuleRequest;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupRule;
import com.okta.sdk.resource.model.GroupRuleAction;
import com.okta.sdk.resource.model.GroupRuleConditions;
import com.okta.sdk.resource.model.GroupRuleExpression;
import com.okta.sdk.resource.model.GroupRuleGroupAssignment;
import com.okta.sdk.resource.model.GroupRuleStatus;
import com.okta.sdk.resource.model.OktaUserGroupProfile;
import com.okta.sdk.resource.model.User;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void groupRuleRoundTripThroughTheSdk() throws Exception {
    try (SdkFixture f = SdkFixture.start().seeded(50)) {
      GroupApi groups = new GroupApi(f.client);
      Group g =
          groups.addGroup(
              new AddGroupRequest()
                  .profile(new OktaUserGroupProfile().name("div.security").description("d")));
      GroupRuleApi rules = new GroupRuleApi(f.client);
      GroupRule r =
          rules.createGroupRule(
              new CreateGroupRuleRequest()
                  .type(CreateGroupRuleRequest.TypeEnum.GROUP_RULE)
                  .name("div.security")
                  .conditions(
                      new GroupRuleConditions()
                          .expression(
                              new GroupRuleExpression()
                                  .type("urn:okta:expression:1.0")
                                  .value("user.division == \"Security\"")))
                  .actions(
                      new GroupRuleAction()
                          .assignUserToGroups(
                              new GroupRuleGroupAssignment().groupIds(List.of(g.getId())))));
      assertEquals(GroupRuleStatus.INACTIVE, r.getStatus());
      rules.activateGroupRule(r.getId());
      List<User> members = groups.listGroupUsers(g.getId(), null, 200);
      long expected =
          f.sandbox.org().allUsers().stream()
              .filter(
                  u ->
                      u.status() == dev.oktagroups.sandbox.org.User.Status.ACTIVE
                          && "Security".equals(u.profile().get("division")))
              .count();
      assertTrue(
          expected > 0, "the seed has people in Security, so the rule has something to match");
      assertEquals(expected, members.size());
    }
  }
}
