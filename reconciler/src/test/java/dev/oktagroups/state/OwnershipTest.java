package dev.oktagroups.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.state.ActualState.GroupType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  private static final Ownership OURS =
      Ownership.of("managed_by", "repo-a").naming(Set.of("div.Sales"));

  private static ActualState.Group group(GroupType type, String name, Map<String, Object> profile) {
    return new ActualState.Group("00g" + name, type, name, "", profile);
  }

  @Test
  void ownsOnlyOktaGroupsWithThisRepositorysMarker() {
    assertTrue(OURS.owns(group(GroupType.OKTA_GROUP, "a", Map.of("managed_by", "repo-a"))));
    assertFalse(
        OURS.owns(group(GroupType.OKTA_GROUP, "b", Map.of("managed_by", "repo-b"))),
        "another repository's");
    assertFalse(OURS.owns(group(GroupType.OKTA_GROUP, "c", Map.of())), "unmarked");
    assertFalse(
        OURS.owns(group(GroupType.OKTA_GROUP, "d", Map.of("managed_by", 7))), "not a string");
    assertFalse(
        OURS.owns(group(GroupType.APP_GROUP, "e", Map.of("managed_by", "repo-a"))), "an APP_GROUP");
    assertFalse(
        OURS.owns(group(GroupType.BUILT_IN, "f", Map.of("managed_by", "repo-a"))), "BUILT_IN");
    assertFalse(
        OURS.owns(group(GroupType.UNKNOWN, "g", Map.of("managed_by", "repo-a"))),
        "a type not known");
  }

  @Test
  void theMarkerIsReadWhoeverSetIt() {
    assertEquals(
        Optional.of("repo-b"),
        OURS.marker(group(GroupType.OKTA_GROUP, "b", Map.of("managed_by", "repo-b"))));
    assertEquals(
        Optional.empty(), OURS.marker(group(GroupType.OKTA_GROUP, "c", Map.of("other", "repo-a"))));
  }

  @Test
  void readScopeIsOwnedOrNamedOktaGroups() {
    assertTrue(
        OURS.inReadScope(group(GroupType.OKTA_GROUP, "div.sales", Map.of())),
        "named, in another case");
    assertTrue(OURS.inReadScope(group(GroupType.OKTA_GROUP, "x", Map.of("managed_by", "repo-a"))));
    assertFalse(OURS.inReadScope(group(GroupType.OKTA_GROUP, "y", Map.of())));
    assertFalse(
        OURS.inReadScope(group(GroupType.APP_GROUP, "div.sales", Map.of())),
        "named, but not an OKTA_GROUP");
  }

  @Test
  void fingerprintScopeIsMarkedOrNamedOfAnyType() {
    assertTrue(OURS.inFingerprint(group(GroupType.APP_GROUP, "div.sales", Map.of())));
    assertTrue(OURS.inFingerprint(group(GroupType.BUILT_IN, "z", Map.of("managed_by", "repo-a"))));
    assertFalse(
        OURS.inFingerprint(group(GroupType.OKTA_GROUP, "z", Map.of("managed_by", "repo-b"))));
    assertFalse(
        Ownership.of("managed_by", "repo-a")
            .inFingerprint(group(GroupType.OKTA_GROUP, "div.sales", Map.of())),
        "no names unless given");
  }

  @Test
  void unknownTypesAndStatusesReadAsUnknown() {
    assertEquals(GroupType.UNKNOWN, GroupType.parse("NEW_KIND"));
    assertEquals(GroupType.UNKNOWN, GroupType.parse(null));
    assertEquals(GroupType.APP_GROUP, GroupType.parse("APP_GROUP"));
    assertEquals(ActualState.RuleStatus.UNKNOWN, ActualState.RuleStatus.parse("PENDING"));
    assertEquals(ActualState.RuleStatus.INVALID, ActualState.RuleStatus.parse("INVALID"));
    assertEquals(ActualState.MappingStatus.ERROR, ActualState.MappingStatus.parse("ERROR"));
    assertEquals(ActualState.MappingStatus.UNKNOWN, ActualState.MappingStatus.parse(""));
  }
}
