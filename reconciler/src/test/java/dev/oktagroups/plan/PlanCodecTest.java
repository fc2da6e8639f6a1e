package dev.oktagroups.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.state.ActualState.RuleStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  private static final String V2 = "/golden/07-invalid-rules-and-adoption/plan.json";

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
  void aVersion1PlanReadsAndSavesAsTheSamePlanInVersion2() throws Exception {
    Plan v1 = PlanCodec.read(resource(V1));
    Plan v2 = PlanCodec.read(resource(V2));
    assertEquals(v2, v1);
    assertEquals(JSON.readTree(resource(V2)), JSON.readTree(PlanCodec.write(v1)));
    assertEquals(
        Files.readString(
            Path.of(
                getClass().getResource("/golden/07-invalid-rules-and-adoption/plan.txt").toURI())),
        PlanText.render(v1),
        "shown exactly as before");
  }

  @Test
  void aReplaceCountsAsOneCreateAndOneDelete() throws Exception {
    Plan p = PlanCodec.read(resource(V2));
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
    String v3 = resource(V2).replace("\"version\" : 2", "\"version\" : 3");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PlanCodec.read(v3));
    assertTrue(e.getMessage().contains("version 3"), e.getMessage());
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
