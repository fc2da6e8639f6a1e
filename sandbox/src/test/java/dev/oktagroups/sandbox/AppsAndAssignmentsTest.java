package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.okta.sdk.resource.api.ApplicationApi;
import com.okta.sdk.resource.api.ApplicationGroupsApi;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.model.Application;
import com.okta.sdk.resource.model.ApplicationGroupAssignment;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.JsonPatchOperation;
import com.okta.sdk.resource.model.SamlApplication;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppsAndAssignmentsTest {
  private SdkFixture f;
  private ApplicationGroupsApi assignments;
  private GroupApi groups;

  @BeforeEach
  void start() throws Exception {
    f = SdkFixture.start().seeded(10);
    assignments = new ApplicationGroupsApi(f.client);
    groups = new GroupApi(f.client);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void appsFromTheCatalogListAndGet() {
    ApplicationApi apps = new ApplicationApi(f.client);
    List<Application> all = apps.listApplications(null, null, null, 200, null, null, null);
    assertEquals(4, all.size());
    Application g = apps.getApplication(SdkFixture.GOOGLE, null);
    assertEquals("Google Workspace", g.getLabel());
    assertTrue(g instanceof SamlApplication, "signOnMode drives the SDK's subtype");
    assertTrue(g.getFeatures().stream().anyMatch(x -> x.getValue().equals("GROUP_PUSH")));
    assertEquals(
        "E0000007",
        SdkFixture.fails(() -> apps.getApplication("0oanosuchapp00000000", null)).getErrorCode());
  }

  @Test
  void putAssignsWithPriorityAndProfileAnd200() {
    Group admins = Rules.group(groups, "app.figma.admins");
    Http.Res put =
        Http.send(
            f.sandbox,
            "PUT",
            "/api/v1/apps/" + SdkFixture.FIGMA + "/groups/" + admins.getId(),
            "{\"priority\":2,\"profile\":{\"role\":\"admin\"}}");
    assertEquals(200, put.status());
    ApplicationGroupAssignment a =
        assignments.getApplicationGroupAssignment(SdkFixture.FIGMA, admins.getId(), null);
    assertEquals(2, a.getPriority());
    assertEquals("admin", a.getProfile().get("role"));
    assertEquals(admins.getId(), a.getId());
  }

  @Test
  void missingPriorityIsTheNextOne() {
    Group a = Rules.group(groups, "app.figma.a");
    Group b = Rules.group(groups, "app.figma.b");
    assignments.assignGroupToApplication(
        SdkFixture.FIGMA, a.getId(), new ApplicationGroupAssignment().priority(5));
    ApplicationGroupAssignment second =
        assignments.assignGroupToApplication(
            SdkFixture.FIGMA, b.getId(), new ApplicationGroupAssignment());
    assertEquals(6, second.getPriority());
    ApplicationGroupAssignment again =
        assignments.assignGroupToApplication(
            SdkFixture.FIGMA,
            a.getId(),
            new ApplicationGroupAssignment().profile(Map.of("x", "y")));
    assertEquals(5, again.getPriority(), "re-assigning without a priority keeps it");
  }

  @Test
  void listPagesWithAMinimumOf20() {
    for (int i = 0; i < 45; i++) {
      assignments.assignGroupToApplication(
          SdkFixture.FIGMA,
          Rules.group(groups, "app.figma.g" + i).getId(),
          new ApplicationGroupAssignment());
    }
    assertEquals(
        20,
        assignments
            .listApplicationGroupAssignments(SdkFixture.FIGMA, null, null, null, null)
            .size(),
        "20 by default");
    assertEquals(
        20,
        assignments.listApplicationGroupAssignments(SdkFixture.FIGMA, null, null, 5, null).size(),
        "and at least 20");
    assertEquals(
        45,
        Rules.all(
                (after, limit) ->
                    assignments.listApplicationGroupAssignments(
                        SdkFixture.FIGMA, null, after, limit, null),
                200)
            .size());
  }

  @Test
  void patchAppliesJsonPatchToTheProfile() {
    Group g = Rules.group(groups, "app.zoom.hosts");
    assignments.assignGroupToApplication(
        SdkFixture.FIGMA,
        g.getId(),
        new ApplicationGroupAssignment()
            .priority(4)
            .profile(Map.of("role", "viewer", "license", "pro")));
    ApplicationGroupAssignment patched =
        assignments.updateGroupAssignmentToApplication(
            SdkFixture.FIGMA,
            g.getId(),
            List.of(
                new JsonPatchOperation()
                    .op(com.okta.sdk.resource.model.PatchAction.REPLACE)
                    .path("/profile")
                    .value(Map.of("role", "editor"))));
    assertEquals(Map.of("role", "editor"), patched.getProfile(), "replace swaps the whole profile");
    assertEquals(4, patched.getPriority());
  }

  @Test
  void deleteAnswers204ThenNotFound() {
    Group g = Rules.group(groups, "app.figma.x");
    assignments.assignGroupToApplication(
        SdkFixture.FIGMA, g.getId(), new ApplicationGroupAssignment());
    assertEquals(
        204,
        Http.send(
                f.sandbox,
                "DELETE",
                "/api/v1/apps/" + SdkFixture.FIGMA + "/groups/" + g.getId(),
                null)
            .status());
    assertEquals(
        "E0000007",
        SdkFixture.fails(
                () -> assignments.getApplicationGroupAssignment(SdkFixture.FIGMA, g.getId(), null))
            .getErrorCode());
    assertEquals(
        404,
        SdkFixture.status(
            () -> assignments.unassignApplicationFromGroup(SdkFixture.FIGMA, g.getId())));
  }

  @Test
  void groupAppsListsAssignedApps() {
    Group g = Rules.group(groups, "app.figma.y");
    assignments.assignGroupToApplication(
        SdkFixture.FIGMA, g.getId(), new ApplicationGroupAssignment());
    List<Application> apps = groups.listAssignedApplicationsForGroup(g.getId(), null, 20);
    assertEquals(List.of(SdkFixture.FIGMA), apps.stream().map(Application::getId).toList());
  }
}
