package dev.oktagroups.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.ActualState.GroupType;
import dev.oktagroups.state.ActualState.MappingStatus;
import dev.oktagroups.state.ActualState.RuleStatus;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static final Plan.Scope SCOPE = States.scope(Set.of("named"), Set.of("pat@x"));

  private static States.Builder org() {
    return new States.Builder()
        .owned("00gA", "a")
        .member("00gA", "00uD", ActualState.Via.DIRECT)
        .member("00gA", "00uR", ActualState.Via.RULE)
        .rule("0prA", "a", RuleStatus.ACTIVE, "00gA")
        .assignment("0oaF", "00gA", 1)
        .mapping("gPmA", "0oaS", "00gA", MappingStatus.ACTIVE)
        .user("pat@x", "ACTIVE")
        .group("00gO", GroupType.OKTA_GROUP, "other", false);
  }

  private static final String BASE = Fingerprint.of(org().state(), SCOPE);

  private static String after(Consumer<States.Builder> change) {
    States.Builder b = org();
    change.accept(b);
    return Fingerprint.of(b.state(), SCOPE);
  }

  @Test
  void itIsADigestAndStable() {
    assertTrue(BASE.matches("sha256:[0-9a-f]{64}"), BASE);
    assertEquals(BASE, Fingerprint.of(org().state(), SCOPE));
  }

  @Test
  void ruleManagedMembersMovingDoNotChangeIt() {
    assertEquals(
        BASE, after(b -> b.member("00gA", "00uR2", ActualState.Via.RULE)), "one joins by rule");
    assertEquals(BASE, after(b -> b.members.get("00gA").remove("00uR")), "one leaves by rule");
  }

  @Test
  void groupsOutsideTheScopeDoNotChangeIt() {
    assertEquals(BASE, after(b -> b.group("00gN", GroupType.OKTA_GROUP, "unrelated", false)));
    assertEquals(
        BASE,
        after(b -> b.member("00gO", "00uD", ActualState.Via.DIRECT)),
        "an unowned group's members");
    assertEquals(BASE, after(b -> b.user("someone@x", "SUSPENDED")), "a person no manifest names");
  }

  @Test
  void whatAPlanActsOnChangesIt() {
    assertNotEquals(
        BASE,
        after(b -> b.member("00gA", "00uD2", ActualState.Via.DIRECT)),
        "a direct member added");
    assertNotEquals(
        BASE, after(b -> b.members.get("00gA").remove("00uD")), "a direct member removed");
    assertNotEquals(
        BASE, after(b -> b.group("00gA", GroupType.OKTA_GROUP, "a", false)), "the marker removed");
    assertNotEquals(
        BASE, after(b -> b.group("00gA", GroupType.APP_GROUP, "a", true)), "the type changed");
    assertNotEquals(
        BASE,
        after(b -> b.group("00gX", GroupType.APP_GROUP, "Named", false)),
        "a named group appears");
    assertNotEquals(
        BASE, after(b -> b.rule("0prA", "a", RuleStatus.INACTIVE, "00gA")), "the rule deactivated");
    assertNotEquals(
        BASE,
        after(b -> b.rule("0prN", "named", RuleStatus.ACTIVE, "00gO")),
        "a rule of a named group's name");
    assertNotEquals(BASE, after(b -> b.assignment("0oaF", "00gA", 2)), "the assignment's priority");
    assertNotEquals(
        BASE,
        after(
            b ->
                b.mappings
                    .get("0oaS")
                    .set(
                        0,
                        new ActualState.Mapping(
                            "gPmA", "0oaS", "00gA", "00gT", MappingStatus.ERROR, "x"))),
        "the mapping in ERROR");
    assertNotEquals(BASE, after(b -> b.user("pat@x", "SUSPENDED")), "a named person suspended");
    assertNotEquals(BASE, after(b -> b.users.remove("pat@x")), "a named person gone");
    assertNotEquals(BASE, after(b -> b.schema = false), "the marker attribute's definition");
  }
}
