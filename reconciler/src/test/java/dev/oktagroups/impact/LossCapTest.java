package dev.oktagroups.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.plan.Impact;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.state.ActualState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LossCapTest {
  private static final LossCap.Limits CAPS = new LossCap.Limits(100, 0.5, 150, 0.25, false);

  private static List<String> people(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i + "@example.com").toList();
  }

  private static Impact.Group losing(String group, int losses, int before, boolean deleted) {
    return new Impact.Group(
        group, List.of(), people(group, losses), List.of(), List.of(), before, deleted);
  }

  /** An org whose groups hold {@code n} distinct people. */
  private static ActualState org(int n) {
    Map<String, ActualState.Member> ms = new HashMap<>();
    for (String login : people("p", n)) {
      ms.put(
          login,
          new ActualState.Member(login, login, login, "ACTIVE", ActualState.Via.RULE, Map.of()));
    }
    return new ActualState(
        true, Map.of(), Map.of(), Map.of("00g", ms), Map.of(), Map.of(), Map.of(), Set.of());
  }

  private static List<String> messages(List<Impact.Group> groups, int orgSize, LossCap.Limits l) {
    List<String> out = new ArrayList<>();
    for (Safety.Refusal r : LossCap.check(new Impact.Known(groups), org(orgSize), l)) {
      assertEquals("max-losses", r.rule());
      out.add(r.message());
    }
    return out;
  }

  @Test
  void upcomingExpiriesAreNotLossesOfThisApply() {
    List<Impact.Expiring> soon =
        people("soon", 1900).stream()
            .map(
                l ->
                    new Impact.Expiring(
                        l,
                        java.time.LocalDate.of(2026, 12, 5),
                        List.of("figma"),
                        Map.of(),
                        List.of()))
            .toList();
    Impact.Group g =
        new Impact.Group(
            "dept.eng", List.of(), List.of(), List.of(), List.of(), 2000, false, List.of(), soon);
    assertEquals(List.of(), messages(List.of(g), 5000, CAPS));
    assertEquals(
        List.of(),
        messages(List.of(g), 5000, new LossCap.Limits(0, 0.0, 0, 0.0, true)),
        "not even under --max-losses 0");
  }

  @Test
  void aTypoThatEmptiesALargeGroupIsRefused() {
    List<String> m = messages(List.of(losing("dept.eng", 1900, 2000, false)), 5000, CAPS);
    assertTrue(
        m.get(0).startsWith("dept.eng loses 1900 people, over the cap of 100"), m.toString());
    assertTrue(m.get(1).startsWith("1900 people lose some membership"), m.toString());
  }

  @Test
  void aFractionOfAGroupThatStaysIsRefusedButADeletedGroupIsLeftToTheDeletionCap() {
    assertEquals(
        List.of("dept.eng loses 30 of its 40 members (75%), over the cap of 50%"),
        messages(List.of(losing("dept.eng", 30, 40, false)), 1000, CAPS));
    assertEquals(List.of(), messages(List.of(losing("dept.eng", 30, 40, true)), 1000, CAPS));
  }

  @Test
  void smallLossesNeverTripAFraction() {
    assertEquals(List.of(), messages(List.of(losing("tiny", 6, 10, false)), 12, CAPS));
  }

  @Test
  void theTotalFractionCountsPeopleOnceAcrossGroups() {
    List<Impact.Group> two = List.of(losing("a", 30, 100, false), losing("a", 30, 100, false));
    assertEquals(List.of(), messages(two, 200, CAPS), "the same 30 people: 15% of 200");
    List<String> m =
        messages(List.of(losing("a", 30, 100, false), losing("b", 30, 100, false)), 200, CAPS);
    assertEquals(
        List.of(
            "60 people lose membership of groups that stay, 30% of the 200 people in the groups"
                + " okta-groups reads, over the cap of 25%"),
        m);
  }

  @Test
  void maxLossesReplacesEveryCapAndAnUnknownImpactIsNeverRefused() {
    LossCap.Limits override = new LossCap.Limits(1900, 1.0, 1900, 1.0, true);
    assertEquals(
        List.of(), messages(List.of(losing("dept.eng", 1900, 2000, false)), 5000, override));
    assertEquals(
        List.of(), LossCap.check(Impact.unknown("offline"), org(10), CAPS), "nothing to count");
  }
}
