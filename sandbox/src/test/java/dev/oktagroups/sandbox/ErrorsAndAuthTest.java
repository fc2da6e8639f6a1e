package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.GroupRuleApi;
import com.okta.sdk.resource.api.UserApi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorsAndAuthTest {
  private SdkFixture f;

  @BeforeEach
  void start() throws Exception {
    f = SdkFixture.start().seeded(3);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void errorBodiesHaveOktasFields() {
    JsonNode e = Http.get(f.sandbox, "/api/v1/groups/00gnosuchgroup000000").json();
    for (String field :
        List.of("errorCode", "errorSummary", "errorLink", "errorId", "errorCauses")) {
      assertTrue(e.has(field), field + " in " + e);
    }
    assertEquals("E0000007", e.get("errorCode").asText());
    assertTrue(e.get("errorId").asText().startsWith("oae"));
    assertTrue(e.get("errorCauses").isArray());
  }

  @Test
  void missingOrBadTokensAre401E0000011ForSswsAndBearer() {
    for (String auth :
        new String[] {null, "SSWS wrong", "Bearer wrong", "Basic Zm9vOmJhcg==", "SSWS"}) {
      Http.Res r = Http.send(f.sandbox, "GET", "/api/v1/groups", null, auth);
      assertEquals(401, r.status(), String.valueOf(auth));
      assertEquals("E0000011", r.json().get("errorCode").asText());
    }
    assertEquals(
        200,
        Http.send(f.sandbox, "GET", "/api/v1/groups", null, "Bearer " + f.sandbox.token())
            .status());
    var sdk = SdkFixture.client(f.sandbox.url(), "not-the-token");
    assertEquals(
        "E0000011",
        SdkFixture.fails(
                () -> new GroupApi(sdk).listGroups(null, null, null, 1, null, null, null, null))
            .getErrorCode());
  }

  @Test
  void unknownIdsAre404E0000007() {
    assertEquals(
        "E0000007",
        SdkFixture.fails(() -> new GroupApi(f.client).getGroup("00gnosuchgroup000000"))
            .getErrorCode());
    assertEquals(
        "E0000007",
        SdkFixture.fails(() -> new UserApi(f.client).getUser("00unosuchuser0000000", null, null))
            .getErrorCode());
    assertEquals(
        "E0000007",
        SdkFixture.fails(
                () -> new GroupRuleApi(f.client).getGroupRule("0prnosuchrule0000000", null))
            .getErrorCode());
  }

  @Test
  void unknownPathsAndMethods() {
    assertEquals(
        "E0000008", Http.get(f.sandbox, "/api/v1/nothing/here").json().get("errorCode").asText());
    Http.Res r = Http.send(f.sandbox, "PATCH", "/api/v1/groups", "{}");
    assertEquals(405, r.status());
    assertEquals("E0000022", r.json().get("errorCode").asText());
  }

  @Test
  void malformedBodiesAre400E0000003() {
    Http.Res r = Http.send(f.sandbox, "POST", "/api/v1/groups", "{\"profile\":");
    assertEquals(400, r.status());
    assertEquals("E0000003", r.json().get("errorCode").asText());
  }

  @Test
  void bodylessPostWithoutContentLengthIs411() throws Exception {
    String rule = "x";
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", f.sandbox.port())) {
      String req =
          "POST /api/v1/groups/rules/"
              + rule
              + "/lifecycle/activate HTTP/1.1\r\nHost: x\r\n"
              + "Authorization: SSWS "
              + f.sandbox.token()
              + "\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String status =
          new String(s.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 411", status);
    }
  }
}
