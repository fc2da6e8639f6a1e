package dev.oktagroups.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.manifest.Kind;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.ActualState.GroupType;
import dev.oktagroups.state.ActualState.MappingStatus;
import dev.oktagroups.state.ActualState.RuleStatus;
import dev.oktagroups.state.DesiredState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Objects Okta cannot change in place are planned as one replace each. */
class PlannerReplaceTest {
  private static DesiredState desired(Optional<DesiredState.Rule> rule, String pushTarget) {
    DesiredState.Group g =
        new DesiredState.Group(
            "push.slack.a",
            Kind.MANAGED,
            "d",
            "groups/a.yaml",
            false,
            rule,
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            Optional.of(new DesiredState.Push("slack", "0oaS", pushTarget)));
    return new DesiredState(
        new TreeMap<>(Map.of(g.name(), g)),
        new DesiredState.Marker(States.ATTR, States.OURS),
        List.of(),
        true,
        Map.of("slack", new DesiredState.CatalogApp("slack", "0oaS", true)));
  }

  private static Plan plan(DesiredState d, ActualState a) {
    return Planner.plan(
        d,
        a,
        Planner.Policy.DEFAULT,
        new Plan.Source("t", Optional.empty()),
        "https://x",
        Instant.parse("2026-11-29T12:00:00Z"));
  }

  private static States.Builder org() {
    return new States.Builder()
        .owned("00gA", "push.slack.a")
        .group("00gT", GroupType.APP_GROUP, "old-name", false)
        .mapping("gPmA", "0oaS", "00gA", MappingStatus.ACTIVE);
  }

  @Test
  void aRenamedPushTargetReplacesTheMappingAndKeepsTheDownstreamGroup() {
    Plan p = plan(desired(Optional.empty(), "new-name"), org().state());
    assertEquals(1, p.changes().size(), p.changes().toString());
    PushMappingChange c = (PushMappingChange) p.changes().get(0);
    assertEquals(Action.REPLACE, c.action());
    assertEquals("old-name", c.before().orElseThrow().target());
    assertEquals("new-name", c.after().orElseThrow().target());
    assertEquals(Optional.of("gPmA"), c.mappingId());
    assertEquals(false, c.deleteTargetGroup());
    String text = PlanText.render(p);
    assertTrue(
        text.contains(
            "  - delete push-mapping slack  (a mapping's target cannot change, so it is replaced;"
                + " the downstream group 'old-name' is kept)\n"),
        text);
    assertTrue(
        text.contains("  + create push-mapping slack  (push to the renamed target 'new-name')\n"),
        text);
    assertTrue(text.indexOf("- delete push-mapping") < text.indexOf("+ create push-mapping"), text);
    assertEquals(new Plan.Summary(1, 0, 1, 0, 0, 0), p.summary());
    assertEquals(p, PlanCodec.read(PlanCodec.write(p)), "a replace round-trips");
  }

  @Test
  void onlyTheLastInvalidLeftoverIsReplacedByTheNewRule() {
    States.Builder b = org();
    // Leftovers of an earlier group of this name: INVALID, their target groups gone.
    b.rule("0prOld1", "push.slack.a", RuleStatus.INVALID, "00gGone1");
    b.rule("0prOld2", "push.slack.a", RuleStatus.INVALID, "00gGone2");
    Plan p =
        plan(
            desired(Optional.of(new DesiredState.Rule("push.slack.a", "true")), "old-name"),
            b.state());
    List<Change> rules = p.changes().stream().filter(c -> c.resource() == Resource.RULE).toList();
    assertEquals(
        List.of(Action.DELETE, Action.REPLACE),
        rules.stream().map(Change::action).toList(),
        rules.toString());
    assertEquals(Optional.of("0prOld1"), ((RuleChange) rules.get(0)).ruleId());
    assertEquals(Optional.of("0prOld2"), ((RuleChange) rules.get(1)).ruleId());
    assertEquals(Optional.of("00gA"), rules.get(1).groupId());
  }

  @Test
  void aSecondCopyOfOurOwnRuleIsDeletedAndTheActiveOneStays() {
    States.Builder b = org();
    // Two runs at once each created the group's rule: both have its name and target only it.
    b.rule("0prCopy", "push.slack.a", RuleStatus.INACTIVE, "00gA");
    b.rule("0prKept", "push.slack.a", RuleStatus.ACTIVE, "00gA");
    Plan p =
        plan(
            desired(Optional.of(new DesiredState.Rule("push.slack.a", "true")), "old-name"),
            b.state());
    assertTrue(p.errors().isEmpty(), p.errors().toString());
    List<Change> rules = p.changes().stream().filter(c -> c.resource() == Resource.RULE).toList();
    assertEquals(1, rules.size(), rules.toString());
    assertEquals(Action.DELETE, rules.get(0).action());
    assertEquals(Optional.of("0prCopy"), ((RuleChange) rules.get(0)).ruleId());
  }

  @Test
  void aGroupThatLostItsMarkerButCarriesOurRuleIsToldAsOursAndLeftAlone() {
    States.Builder b =
        new States.Builder()
            .group("00gA", GroupType.OKTA_GROUP, "push.slack.a", false)
            .group("00gT", GroupType.APP_GROUP, "old-name", false)
            .mapping("gPmA", "0oaS", "00gA", MappingStatus.ACTIVE)
            .rule("0prA", "push.slack.a", RuleStatus.ACTIVE, "00gA");
    Plan p =
        plan(
            desired(Optional.of(new DesiredState.Rule("push.slack.a", "true")), "old-name"),
            b.state());
    assertTrue(p.changes().isEmpty(), p.changes().toString());
    assertEquals(1, p.errors().size());
    String msg = p.errors().get(0).message();
    assertTrue(msg.contains("ownership marker was removed outside okta-groups"), msg);
    assertTrue(msg.contains("'" + States.ATTR + "' to '" + States.OURS + "'"), msg);
    assertFalse(msg.contains("did not create"), msg);
  }
}
