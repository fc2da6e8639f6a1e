package dev.oktagroups.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.state.ActualState.RuleStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String resource(String name) throws Exception {
    return Files.readString(Path.of(PlanCodecTest.class.getResource(name).toURI()));
  }

  /** Golden 07 as version 1 wrote it: each replace a delete directly followed by a create. */
  private static final String V1 = "/plans/v1-invalid-rules-and-adoption.json";

  /** Golden 07 as version 2 wrote it, before plans carried their impact. */
  private static final String V2 = "/plans/v2-invalid-rules-and-adoption.json";

  private static final String V3 = "/golden/07-invalid-rules-and-adoption/plan.json";

  @Test
  void aVersion1PlanLoadsWithItsDeleteAndCreatePairsAsReplaces() throws Exception {
    Plan p = PlanCodec.read(resource(V1));
    assertEquals(Plan.VERSION, p.version());
    List<Change> replaces = p.changes().stream().filter(c -> c.action() == Action.REPLACE).toList();
    assertEquals(2, replaces.size(), p.changes().toString());
    RuleChange security = (RuleChange) replaces.get(1);
    assertEquals("div.security", security.group());
    assertEquals(Optional.of("0pr03157af8eb6e6611a"), security.ruleId());
    assertEquals(Optional.of("00g0139f59b57a8aebc6"), security.groupId());
    assertEquals(RuleStatus.INVALID, security.before().orElseThrow().status());
    assertEquals(RuleStatus.ACTIVE, security.after().orElseThrow().status());
    assertEquals(Optional.of("replaces the INVALID rule"), security.replacementReason());
    RuleChange leftover = (RuleChange) replaces.get(0);
    assertEquals(Optional.of("0pr037099b577315a0f8"), leftover.ruleId());
    assertEquals(Optional.of("00g0189cee2bb515ff18"), leftover.groupId(), "the successor's group");
    assertEquals(Set.of("app.figma.admins", "div.sales"), p.adopted());
  }

  @Test
  void aVersion1PlanReadsAsTheSamePlanAsVersion2() throws Exception {
    Plan v1 = PlanCodec.read(resource(V1));
    Plan v2 = PlanCodec.read(resource(V2));
    assertEquals(v2, v1);
    assertEquals(JSON.readTree(PlanCodec.write(v2)), JSON.readTree(PlanCodec.write(v1)));
    assertEquals(PlanText.render(v2), PlanText.render(v1), "shown exactly alike");
  }

  @Test
  void olderPlansLoadWithTheirChangesAndImpactUnknown() throws Exception {
    Plan v2 = PlanCodec.read(resource(V2));
    Plan v3 = PlanCodec.read(resource(V3));
    assertEquals(v3.changes(), v2.changes());
    assertFalse(v2.impact().known());
    assertTrue(v3.impact().known());
    assertEquals(v3.withImpact(v2.impact()), v2, "nothing but the impact differs");
    assertTrue(PlanText.render(v2).contains("Impact on people unknown"), PlanText.render(v2));
  }

  @Test
  void theImpactRoundTripsWithEveryName() throws Exception {
    Impact i =
        new Impact.Known(
            List.of(
                new Impact.Group(
                    "dept.eng",
                    List.of("a@x", "b@x"),
                    List.of("c@x"),
                    List.of(
                        new Impact.App(
                            "figma",
                            List.of("a@x"),
                            List.of(),
                            Map.of("c@x", List.of("app.figma.admins")),
                            List.of("other"))),
                    List.of(new Impact.Push("slack", "eng", List.of("a@x"), List.of("c@x"))),
                    7,
                    false)));
    Plan p = PlanCodec.read(resource(V3)).withImpact(i);
    assertEquals(i, PlanCodec.read(PlanCodec.write(p)).impact());
    Plan offline = p.withImpact(Impact.unknown("offline"));
    assertEquals(offline.impact(), PlanCodec.read(PlanCodec.write(offline)).impact());
  }

  @Test
  void upcomingExpiriesRoundTripAndAVersion3PlanWithoutThemStillReads() throws Exception {
    Impact.Expiring soon =
        new Impact.Expiring(
            "pat@x",
            LocalDate.of(2026, 12, 5),
            List.of("zoom"),
            Map.of("figma", List.of("app.figma.editors")),
            List.of("slack webinar-hosts"));
    Impact i =
        new Impact.Known(
            List.of(
                new Impact.Group(
                    "app.zoom.webinar_hosts",
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    3,
                    false,
                    List.of(),
                    List.of(soon))));
    Plan p = PlanCodec.read(resource(V3)).withImpact(i);
    String written = PlanCodec.write(p);
    assertEquals(i, PlanCodec.read(written).impact());
    assertTrue(p.impact().line().endsWith(" 1 person loses access within 14 days (expiry)."));

    // Plans saved before upcoming expiries were recorded have no "expiring": they still validate
    // and load, with none.
    com.fasterxml.jackson.databind.node.ObjectNode o =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(written);
    o.get("impact")
        .forEach(g -> ((com.fasterxml.jackson.databind.node.ObjectNode) g).remove("expiring"));
    PlanSchemaTest.schema().validate(new org.json.JSONObject(written));
    String older = JSON.writeValueAsString(o);
    PlanSchemaTest.schema().validate(new org.json.JSONObject(older));
    Impact.Group read = PlanCodec.read(older).impact().groups().get(0);
    assertEquals(List.of(), read.expiring());
    assertEquals(i.groups().get(0).group(), read.group());

    String badDate = written.replace("\"2026-12-05\"", "\"soon\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PlanCodec.read(badDate));
    assertTrue(e.getMessage().contains("'soon', not a date"), e.getMessage());
  }

  @Test
  void aReplaceCountsAsOneCreateAndOneDelete() throws Exception {
    Plan p = PlanCodec.read(resource(V3));
    long steps = p.changes().stream().mapToLong(c -> c.steps().size()).sum();
    assertEquals(p.changes().size() + 2, steps);
    assertEquals(
        JSON.readTree(resource(V1)).path("summary"),
        JSON.readTree(PlanCodec.write(p)).path("summary"),
        "the counts version 1 saved for the same changes");
    assertTrue(p.summary().create() >= 2 && p.summary().delete() >= 2, p.summary().toString());
  }

  @Test
  void otherVersionsAreRefused() throws Exception {
    String v4 = resource(V3).replace("\"version\" : 3", "\"version\" : 4");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PlanCodec.read(v4));
    assertTrue(e.getMessage().contains("version 4"), e.getMessage());
  }

  @Test
  void onlyAdjacentPairsOfTheSameGroupAndObjectAreJoined() {
    RuleChange.Values invalid = new RuleChange.Values("g", "x", RuleStatus.INVALID, List.of());
    RuleChange.Values fresh = new RuleChange.Values("g", "y", RuleStatus.ACTIVE, List.of());
    RuleChange deleteA = RuleChange.delete("a", invalid, "old", Optional.of("00gA"), "0prA");
    RuleChange createA = RuleChange.create("a", fresh, "new", Optional.of("00gA"));
    RuleChange createB = RuleChange.create("b", fresh, "new", Optional.of("00gB"));
    assertEquals(
        List.of(deleteA, createB),
        PlanCodec.replacesOfVersion1(List.of(deleteA, createB)),
        "different groups");
    assertEquals(
        List.of(createA, deleteA),
        PlanCodec.replacesOfVersion1(List.of(createA, deleteA)),
        "create first");
    List<Change> joined = PlanCodec.replacesOfVersion1(List.of(deleteA, deleteA, createA));
    assertEquals(2, joined.size());
    assertEquals(Action.DELETE, joined.get(0).action());
    assertEquals(Action.REPLACE, joined.get(1).action());
    assertEquals(
        List.of(deleteA, createA),
        joined.get(1).steps(),
        "a replace splits back into its delete and create");
  }
}
