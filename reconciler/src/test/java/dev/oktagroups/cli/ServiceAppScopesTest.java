package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.port.OktaFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which scopes a service app asks for, and when it asks a second time without the log's. */
class ServiceAppScopesTest {
  private static final String LOGS = ServiceAppScopes.LOGS;

  private final List<Set<String>> asked = new ArrayList<>();
  private final List<String> notices = new ArrayList<>();

  /** A token endpoint that refuses {@code refusals} requests in turn, then grants. */
  private Function<Set<String>, String> endpoint(OktaFailure... refusals) {
    int[] calls = {0};
    return scopes -> {
      asked.add(scopes);
      if (calls[0] < refusals.length) {
        throw refusals[calls[0]++];
      }
      return "connected";
    };
  }

  private static OktaFailure refused(String error, String description) {
    return new OktaFailure(
        error.equals("invalid_client") ? 401 : 400, error, description, List.of());
  }

  private ServiceAppScopes.Connected<String> connect(
      Wiring.Access access, boolean optional, Function<Set<String>, String> endpoint) {
    return ServiceAppScopes.connect(
        "0oatest",
        ServiceAppScopes.asked(access, Optional.empty()),
        access,
        optional,
        endpoint,
        notices::add);
  }

  @Test
  void theCommandsThatReadIncrementallyAskForTheLogUnlessOktaScopesSaysOtherwise() {
    assertTrue(ServiceAppScopes.asked(Wiring.Access.READ, Optional.empty()).contains(LOGS));
    assertTrue(ServiceAppScopes.asked(Wiring.Access.WRITE, Optional.empty()).contains(LOGS));
    assertFalse(
        ServiceAppScopes.asked(Wiring.Access.READ_IN_FULL, Optional.empty()).contains(LOGS));
    assertFalse(ServiceAppScopes.asked(Wiring.Access.IMPORT, Optional.empty()).contains(LOGS));
    String reads = String.join(" ", Wiring.Access.READ.scopes);
    assertFalse(ServiceAppScopes.asked(Wiring.Access.READ, Optional.of(reads)).contains(LOGS));
    assertTrue(
        ServiceAppScopes.asked(Wiring.Access.READ, Optional.of(reads + "," + LOGS)).contains(LOGS));
  }

  @Test
  void aRefusedLogScopeIsDroppedOnceWithOneNotice() {
    ServiceAppScopes.Connected<String> c =
        connect(
            Wiring.Access.READ,
            true,
            endpoint(refused("invalid_scope", "The following scopes are not allowed: [x].")));
    assertTrue(c.logRefused());
    assertEquals(2, asked.size());
    assertTrue(asked.get(0).contains(LOGS));
    assertEquals(Wiring.Access.READ.scopes, asked.get(1));
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).contains("incremental reads are off"), notices.get(0));
  }

  @Test
  void aGrantedLogScopeNeedsOneRequestAndNoNotice() {
    ServiceAppScopes.Connected<String> c = connect(Wiring.Access.WRITE, true, endpoint());
    assertFalse(c.logRefused());
    assertEquals(1, asked.size());
    assertTrue(notices.isEmpty());
  }

  @Test
  void aRefusalForAnotherScopeStillEndsTheRunNamingTheScopesTheCommandNeeds() {
    CliException e =
        assertThrows(
            CliException.class,
            () ->
                connect(
                    Wiring.Access.WRITE,
                    true,
                    endpoint(
                        refused("invalid_scope", "not allowed: [okta.groups.manage, " + LOGS + "]"),
                        refused("invalid_scope", "not allowed: [okta.groups.manage]"))));
    assertEquals(ExitCode.ACCESS, e.exitCode());
    assertTrue(e.getMessage().contains("okta.groups.manage"), e.getMessage());
    assertFalse(e.getMessage().contains(LOGS), "the second refusal speaks: " + e.getMessage());
    assertEquals(2, asked.size());
    assertTrue(notices.isEmpty());
  }

  @Test
  void aRefusedKeyOrAnExplicitScopeListIsNotAskedAgain() {
    assertThrows(
        CliException.class,
        () ->
            connect(
                Wiring.Access.READ,
                true,
                endpoint(refused("invalid_client", "The client_assertion signature is invalid."))));
    assertEquals(1, asked.size());
    assertThrows(
        CliException.class,
        () ->
            connect(
                Wiring.Access.READ,
                false,
                endpoint(refused("invalid_scope", "not allowed: [" + LOGS + "]"))));
    assertEquals(2, asked.size(), "one request each");
    assertTrue(notices.isEmpty());
  }
}
