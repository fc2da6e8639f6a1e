package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.ApplicationApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.model.Application;
import com.okta.sdk.resource.model.UserGetSingleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fields that responses recorded from live orgs carry and the sandbox once lacked (the recordings
 * are described in ../shared/okta/README.md); the SDK must read them, and the contract test checks
 * them against the spec.
 */
class LiveFidelityTest {
  private SdkFixture f;

  @BeforeEach
  void start() throws Exception {
    f = SdkFixture.start().seeded(5);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void appsCarryUniversalLogoutAsRecorded() {
    JsonNode app = Http.get(f.sandbox, "/api/v1/apps/" + SdkFixture.SLACK).json();
    JsonNode ul = app.get("universalLogout");
    assertEquals("DISABLED", ul.path("status").asText(), app.toString());
    assertEquals("FULL", ul.path("supportType").asText());
    assertEquals("NOT_SHARED", ul.path("identityStack").asText());
    assertEquals("GLOBAL_TOKEN_REVOCATION", ul.path("protocol").asText());
    // SDK 24 has no field for it: it must still read the app.
    Application viaSdk = new ApplicationApi(f.client).getApplication(SdkFixture.SLACK, null);
    assertEquals("Slack", viaSdk.getLabel());
  }

  @Test
  void usersCarryTheirRealm() {
    JsonNode list = Http.get(f.sandbox, "/api/v1/users?limit=5").json();
    assertTrue(list.size() > 0);
    for (JsonNode u : list) {
      String realm = u.path("realmId").asText();
      assertTrue(realm.startsWith("guo") && realm.length() == 20, u.toString());
    }
    UserGetSingleton viaSdk =
        new UserApi(f.client).getUser(list.get(0).get("id").asText(), null, null);
    assertEquals(list.get(0).get("realmId").asText(), viaSdk.getRealmId());
  }
}
