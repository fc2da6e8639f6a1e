package dev.oktagroups.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.ActualState.GroupType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SafetyTest {
  private static final Safety.Limits LOOSE = new Safety.Limits(1000, 1.0, 1000, 1.0);

  /** Ten owned groups, each with five direct members. */
  private static States.Builder org() {
    States.Builder b = new States.Builder();
    for (int i = 0; i < 10; i++) {
      b.owned("00g" + i, "g" + i);
      for (int u = 0; u < 5; u++) {
        b.member("00g" + i, "00u" + i + "x" + u, ActualState.Via.DIRECT);
      }
    }
    return b;
  }

  private static GroupChange deleteGroup(int i) {
    return GroupChange.delete(
        "g" + i,
        new GroupChange.Values("g" + i, "d", Optional.empty(), OptionalInt.of(5)),
        "r",
        "00g" + i);
  }

  private static List<Change> deletes(int n) {
    List<Change> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(deleteGroup(i));
    }
    return out;
  }

  private static List<Change> removals(int n) {
    List<Change> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          MembershipChange.remove(
              "g0",
              new MembershipChange.Values(
                  "u" + i, Optional.empty(), Optional.of(ActualState.Via.DIRECT)),
              "r",
              "00g0",
              "00u0x" + i));
    }
    return out;
  }

  private static List<String> rules(List<Change> changes, ActualState a, Safety.Limits limits) {
    return rules(changes, a, Set.of(), Set.of(), limits);
  }

  private static List<String> rules(
      List<Change> changes,
      ActualState a,
      Set<String> protectedGroups,
      Set<String> adopted,
      Safety.Limits limits) {
    return Safety.check(States.plan(changes), a, protectedGroups, adopted, limits).stream()
        .map(Safety.Refusal::rule)
        .toList();
  }

  @Test
  void theAbsoluteDeletionCapRefusesOneMoreThanItAllows() {
    ActualState a = org().state();
    Safety.Limits two = new Safety.Limits(2, 1.0, 1000, 1.0);
    assertEquals(List.of(), rules(deletes(2), a, two));
    assertEquals(List.of("max-deletions"), rules(deletes(3), a, two));
  }

  @Test
  void theDeletionFractionAppliesOnlyAboveTheFloor() {
    ActualState a = org().state();
    // Ten groups owned: a fraction of 0.1 allows one deletion, but the floor lets three through.
    Safety.Limits tenth = new Safety.Limits(1000, 0.1, 1000, 1.0);
    assertEquals(List.of(), rules(deletes(Safety.FRACTION_FLOOR), a, tenth));
    assertEquals(List.of("max-deletions"), rules(deletes(Safety.FRACTION_FLOOR + 1), a, tenth));
    Safety.Limits half = new Safety.Limits(1000, 0.5, 1000, 1.0);
    assertEquals(List.of(), rules(deletes(5), a, half), "five of ten is not more than half");
    assertEquals(List.of("max-deletions"), rules(deletes(6), a, half));
  }

  @Test
  void theRemovalCapCountsMembershipsNotDeletions() {
    ActualState a = org().state();
    Safety.Limits two = new Safety.Limits(1000, 1.0, 2, 1.0);
    assertEquals(List.of(), rules(removals(2), a, two));
    assertEquals(List.of("max-removals"), rules(removals(3), a, two));
    assertEquals(List.of(), rules(deletes(3), a, two), "deleting groups is not removing members");
    // Fifty direct members: 0.1 allows five, above the floor.
    Safety.Limits tenth = new Safety.Limits(1000, 1.0, 1000, 0.1);
    assertEquals(List.of(), rules(removals(5), a, tenth));
    assertEquals(List.of("max-removals"), rules(removals(6), a, tenth));
  }

  @Test
  void ruleManagedMembersDoNotCountTowardsTheRemovalFraction() {
    States.Builder b = new States.Builder().owned("00g0", "g0");
    for (int u = 0; u < 40; u++) {
      b.member("00g0", "00uR" + u, ActualState.Via.RULE);
    }
    for (int u = 0; u < 8; u++) {
      b.member("00g0", "00u0x" + u, ActualState.Via.DIRECT);
    }
    Safety.Limits half = new Safety.Limits(1000, 1.0, 1000, 0.5);
    assertEquals(
        List.of("max-removals"),
        rules(removals(5), b.state(), half),
        "five of eight direct members");
  }

  @Test
  void protectedGroupsAndEveryoneAreNeverChanged() {
    ActualState a = org().state();
    assertEquals(
        List.of("protected"),
        rules(deletes(1), a, Set.of("G0"), Set.of(), LOOSE),
        "names match in any case");
    GroupChange everyone =
        GroupChange.create(
            "Everyone",
            new GroupChange.Values("Everyone", "", Optional.empty(), OptionalInt.empty()),
            "r");
    assertEquals(List.of("protected"), rules(List.of(everyone), a, Set.of(), Set.of(), LOOSE));
    assertEquals(List.of(), rules(deletes(1), a, Set.of("g1"), Set.of(), LOOSE));
  }

  @Test
  void unownedGroupsAreRefusedUnlessAdopted() {
    ActualState a = org().group("00gU", GroupType.OKTA_GROUP, "u", false).state();
    GroupChange update =
        GroupChange.update(
            "u",
            new GroupChange.Values("u", "d", Optional.empty(), OptionalInt.empty()),
            new GroupChange.Values("u", "e", Optional.of(States.OURS), OptionalInt.empty()),
            "r",
            true,
            "00gU");
    assertEquals(List.of("unowned"), rules(List.of(update), a, Set.of(), Set.of(), LOOSE));
    assertEquals(List.of(), rules(List.of(update), a, Set.of(), Set.of("u"), LOOSE));
  }

  @Test
  void builtInAndAppGroupsAreRefusedEvenWhenMarkedOrAdopted() {
    for (GroupType type : List.of(GroupType.BUILT_IN, GroupType.APP_GROUP)) {
      ActualState a = org().group("00gX", type, "x", true).state();
      GroupChange delete =
          GroupChange.delete(
              "x",
              new GroupChange.Values("x", "d", Optional.empty(), OptionalInt.of(0)),
              "r",
              "00gX");
      assertEquals(
          List.of("group-type"),
          rules(List.of(delete), a, Set.of(), Set.of("x"), LOOSE),
          type.name());
    }
  }

  @Test
  void aReplaceCountsItsDeleteTowardsTheCap() {
    ActualState a = org().state();
    RuleChange.Values v =
        new RuleChange.Values("g0", "true", ActualState.RuleStatus.INVALID, List.of());
    RuleChange replace =
        RuleChange.replace(
            RuleChange.delete("g0", v, "old", Optional.of("00g0"), "0pr0"),
            RuleChange.create(
                "g0",
                new RuleChange.Values("g0", "true", ActualState.RuleStatus.ACTIVE, List.of()),
                "new",
                Optional.of("00g0")));
    Safety.Limits none = new Safety.Limits(0, 1.0, 1000, 1.0);
    assertEquals(List.of("max-deletions"), rules(List.of(replace), a, none));
  }
}
