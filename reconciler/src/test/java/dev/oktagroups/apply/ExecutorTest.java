package dev.oktagroups.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.plan.Action;
import dev.oktagroups.plan.AssignmentChange;
import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.GroupChange;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PushMappingChange;
import dev.oktagroups.plan.RuleChange;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaWriter;
import dev.oktagroups.state.ActualState.MappingStatus;
import dev.oktagroups.state.ActualState.RuleStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutorTest {
  /** Records calls; fails group creation for names containing "fail" (peribolos-style fake). */
  static class Recorder implements OktaWriter {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger n = new AtomicInteger();

    private String call(String s) {
      calls.add(s);
      n.incrementAndGet();
      try {
        Thread.sleep(5); // let threads interleave
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "id-" + s.replace(' ', '-');
    }

    @Override
    public void defineGroupAttribute(String name, String title) {
      call("schema " + name);
    }

    @Override
    public String createGroup(String name, String d, Map<String, String> c) {
      if (name.contains("fail")) {
        n.incrementAndGet();
        throw new OktaFailure(400, "E0000001", "no", List.of());
      }
      return call("createGroup " + name);
    }

    @Override
    public void replaceGroup(String id, String name, String d, Map<String, String> c) {
      call("replaceGroup " + name);
    }

    @Override
    public void deleteGroup(String id) {
      call("deleteGroup " + id);
    }

    @Override
    public String createRule(String name, String e, String gid) {
      return call("createRule " + name + " on " + gid);
    }

    @Override
    public void replaceRule(String id, String name, String e, String gid) {
      call("replaceRule " + id);
    }

    @Override
    public void activateRule(String id) {
      call("activateRule " + id);
    }

    @Override
    public void deactivateRule(String id) {
      call("deactivateRule " + id);
    }

    @Override
    public void deleteRule(String id, boolean r) {
      call("deleteRule " + id + " removeUsers=" + r);
    }

    @Override
    public void addMember(String g, String u) {
      call("addMember " + g + " " + u);
    }

    @Override
    public void removeMember(String g, String u) {
      call("removeMember " + g + " " + u);
    }

    @Override
    public void assign(String a, String g, OptionalInt p, Map<String, Object> pr) {
      call("assign " + a + " " + g);
    }

    @Override
    public void unassign(String a, String g) {
      call("unassign " + a + " " + g);
    }

    @Override
    public String createMapping(String a, String g, String t) {
      return call("createMapping " + a + " " + g + " " + t);
    }

    @Override
    public void setMappingStatus(String a, String m, String s) {
      call("setMappingStatus " + m + " " + s);
    }

    @Override
    public void deleteMapping(String a, String m, boolean d) {
      call("deleteMapping " + m + " deleteTarget=" + d);
    }

    /** What the mapping looks like from each look on: the last one stays. */
    final List<String> mappingLooks =
        Collections.synchronizedList(new ArrayList<>(List.of("ACTIVE")));

    @Override
    public Optional<String> mappingStatus(String a, String g) {
      call("mappingStatus " + a + " " + g);
      String s = mappingLooks.size() > 1 ? mappingLooks.remove(0) : mappingLooks.get(0);
      return s.equals("missing") ? Optional.empty() : Optional.of(s);
    }

    @Override
    public long requests() {
      return n.get();
    }

    @Override
    public long rateLimited() {
      return 0;
    }
  }

  static Plan plan(List<Change> changes) {
    return new Plan(
        1,
        "now",
        new Plan.Source("t", Optional.empty()),
        "https://x",
        "sha256:x",
        new Plan.Scope(Set.of(), Set.of(), Map.of(), Set.of(), "m", "v"),
        List.of(),
        changes,
        List.of());
  }

  private static AssignmentChange assignment(Action a, String group, String gid) {
    Optional<AssignmentChange.Values> v =
        Optional.of(new AssignmentChange.Values(OptionalInt.empty(), Map.of()));
    return new AssignmentChange(
        a,
        group,
        "figma",
        a == Action.CREATE ? Optional.empty() : v,
        a == Action.CREATE ? v : Optional.empty(),
        "test",
        Optional.of(gid),
        "0oaF");
  }

  private static GroupChange createGroup(String name) {
    return GroupChange.create(
        name, new GroupChange.Values(name, "d", Optional.empty(), OptionalInt.empty()), "test");
  }

  private static RuleChange.Values rule(String name, String expression, RuleStatus status) {
    return new RuleChange.Values(name, expression, status, List.of());
  }

  @Test
  void progressFollowsThePlansGroupingEvenInParallel() {
    List<Change> changes = new ArrayList<>();
    for (int g = 0; g < 6; g++) {
      for (int k = 0; k < 4; k++) {
        changes.add(assignment(Action.CREATE, "g" + g, "00g" + g + "x" + k));
      }
    }
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Executor.execute(plan(changes), new Recorder(), lines::add, 6);
    // Each group's heading is followed by exactly its own four lines, counted in order.
    assertEquals(6 * 5, lines.size(), lines.toString());
    int counter = 0;
    for (int at = 0; at < lines.size(); at += 5) {
      String heading = lines.get(at);
      assertTrue(heading.startsWith("# g"), lines.toString());
      String group = heading.substring(2);
      for (int k = 1; k <= 4; k++) {
        String line = lines.get(at + k);
        assertTrue(line.startsWith("[" + ++counter + "/24] + " + group + ": "), lines.toString());
      }
    }
  }

  @Test
  void aLongGroupIsToldInPieces() {
    List<Change> changes = new ArrayList<>();
    for (int k = 0; k < Executor.TELL_EVERY + 3; k++) {
      changes.add(assignment(Action.CREATE, "big", "00gbig" + k));
    }
    List<String> lines = new ArrayList<>();
    Executor.execute(plan(changes), new Recorder(), lines::add, 1);
    assertEquals("# big", lines.get(0));
    assertEquals("# big (continued)", lines.get(Executor.TELL_EVERY + 1));
    assertEquals(changes.size() + 2, lines.size());
  }

  @Test
  void everyGrantHappensBeforeAnyRevocationEvenInParallel() {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      changes.add(assignment(Action.DELETE, "old" + i, "00gold" + i));
    }
    for (int i = 0; i < 20; i++) {
      changes.add(0, assignment(Action.CREATE, "new" + i, "00gnew" + i));
    }
    Recorder w = new Recorder();
    Executor.Report r = Executor.execute(plan(changes), w, s -> {}, 8);
    assertEquals(40, r.count(Executor.Status.APPLIED));
    int lastAssign = -1;
    int firstUnassign = Integer.MAX_VALUE;
    for (int i = 0; i < w.calls.size(); i++) {
      if (w.calls.get(i).startsWith("assign")) {
        lastAssign = i;
      } else if (w.calls.get(i).startsWith("unassign")) {
        firstUnassign = Math.min(firstUnassign, i);
      }
    }
    assertTrue(lastAssign < firstUnassign, w.calls.toString());
  }

  @Test
  void aFailedGroupSkipsItsDependentsOnlyAndRulesChangeInPlace() {
    List<Change> changes =
        List.of(
            createGroup("a.fail"),
            createGroup("b.ok"),
            RuleChange.create(
                "a.fail", rule("a.fail", "true", RuleStatus.ACTIVE), "test", Optional.empty()),
            RuleChange.create(
                "b.ok", rule("b.ok", "true", RuleStatus.ACTIVE), "test", Optional.empty()),
            RuleChange.update(
                "c.rule",
                rule("", "", RuleStatus.ACTIVE),
                rule("c.rule", "false", RuleStatus.ACTIVE),
                "test",
                Optional.of("00gC"),
                "0prC"));
    Recorder w = new Recorder();
    Executor.Report r = Executor.execute(plan(changes), w, s -> {}, 4);
    assertEquals(Executor.Status.FAILED, r.outcomes().get(0).status());
    assertEquals(Executor.Status.SKIPPED, r.outcomes().get(2).status());
    assertEquals(Executor.Status.APPLIED, r.outcomes().get(3).status());
    assertTrue(w.calls.contains("createRule b.ok on id-createGroup-b.ok"), w.calls.toString());
    List<String> c = w.calls.stream().filter(x -> x.contains("0prC")).toList();
    assertEquals(
        List.of("deactivateRule 0prC", "replaceRule 0prC", "activateRule 0prC"),
        c,
        "deactivate, replace, activate; never delete");
    assertTrue(r.failed());
  }

  @Test
  void theRulesAMergedRuleReplacesStayWhenItCannotBeCreated() {
    Recorder w =
        new Recorder() {
          @Override
          public String createRule(String name, String e, String gid) {
            super.createRule(name, e, gid);
            throw new OktaFailure(400, "E0000001", "Api validation failed: expression", List.of());
          }
        };
    List<Change> changes =
        List.of(
            RuleChange.create(
                "m.merged",
                rule("m.merged", "a or b", RuleStatus.ACTIVE),
                "test",
                Optional.of("00gM")),
            RuleChange.delete(
                "m.merged",
                rule("a", "a", RuleStatus.ACTIVE),
                "merged",
                Optional.of("00gM"),
                "0prA"),
            RuleChange.delete(
                "o.other", rule("o", "o", RuleStatus.ACTIVE), "gone", Optional.of("00gO"), "0prO"));
    Executor.Report r = Executor.execute(plan(changes), w, s -> {}, 2);
    assertEquals(Executor.Status.FAILED, r.outcomes().get(0).status());
    assertEquals(Executor.Status.SKIPPED, r.outcomes().get(1).status());
    assertEquals(Executor.Status.APPLIED, r.outcomes().get(2).status(), "another group's delete");
    assertTrue(w.calls.stream().noneMatch(c -> c.contains("0prA")), w.calls.toString());
  }

  @Test
  void targetEditsRefusedByOlderOrgsFallBackToRecreateWithoutRemovingUsers() {
    Recorder w =
        new Recorder() {
          @Override
          public void replaceRule(String id, String name, String e, String gid) {
            super.replaceRule(id, name, e, gid);
            throw new OktaFailure(
                400,
                "E0000001",
                "Api validation failed: actions",
                List.of(
                    "actions.assignUserToGroups.groupIds: The group rule action cannot be updated"));
          }
        };
    Change up =
        RuleChange.update(
            "c.rule",
            rule("", "", RuleStatus.ACTIVE),
            rule("c.rule", "false", RuleStatus.ACTIVE),
            "test",
            Optional.of("00gC"),
            "0prC");
    Executor.Report r = Executor.execute(plan(List.of(up)), w, s -> {}, 1);
    assertEquals(Executor.Status.APPLIED, r.outcomes().get(0).status());
    assertEquals(
        List.of(
            "deactivateRule 0prC",
            "replaceRule 0prC",
            "deleteRule 0prC removeUsers=false",
            "createRule c.rule on 00gC",
            "activateRule id-createRule-c.rule-on-00gC"),
        w.calls);
  }

  @Test
  void aStopLetsTheChangesInFlightFinishAndSkipsTheRest() {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      changes.add(createGroup("g" + i));
    }
    Recorder w = new Recorder();
    AtomicInteger started = new AtomicInteger();
    // Shutdown is asked for once three changes have been told, as if SIGTERM arrived then; the
    // group headings are not changes.
    Executor.Report r =
        Executor.execute(
            plan(changes),
            w,
            line -> {
              if (line.startsWith("[")) {
                started.incrementAndGet();
              }
            },
            1,
            () -> started.get() >= 3);
    assertTrue(r.stopped());
    assertEquals(3, r.count(Executor.Status.APPLIED), "the changes already made stay made");
    assertEquals(7, r.count(Executor.Status.SKIPPED));
    assertEquals(3, w.calls.size(), "nothing is started after the stop");
    assertTrue(r.outcomes().get(9).detail().contains("shutting down"));
  }

  @Test
  void pushMappingsAreDeactivatedBeforeDeletion() {
    Change del =
        PushMappingChange.delete(
            "p",
            new PushMappingChange.Values("slack", "", MappingStatus.ACTIVE),
            "test",
            Optional.of("00gP"),
            "0oaS",
            "gPm1",
            false);
    Recorder w = new Recorder();
    Executor.execute(plan(List.of(del)), w, s -> {}, 1);
    assertEquals(
        List.of("setMappingStatus gPm1 INACTIVE", "deleteMapping gPm1 deleteTarget=false"),
        w.calls);
  }

  @Test
  void aReplaceDeletesThenCreatesWithTheGrantsBeforeAnyRevocation() {
    RuleChange rule =
        RuleChange.replace(
            RuleChange.delete(
                "r", rule("r", "x", RuleStatus.INVALID), "test", Optional.of("00gR"), "0prOld"),
            RuleChange.create("r", rule("r", "y", RuleStatus.ACTIVE), "test", Optional.of("00gR")));
    PushMappingChange push =
        PushMappingChange.replace(
            PushMappingChange.delete(
                "p",
                new PushMappingChange.Values("slack", "old", MappingStatus.ACTIVE),
                "test",
                Optional.of("00gP"),
                "0oaS",
                "gPm1",
                false),
            PushMappingChange.create(
                "p",
                new PushMappingChange.Values("slack", "new", MappingStatus.ACTIVE),
                "test",
                Optional.of("00gP"),
                "0oaS"));
    Change revoke = assignment(Action.DELETE, "a", "00gA");
    Recorder w = new Recorder();
    Executor.Report r = Executor.execute(plan(List.of(revoke, rule, push)), w, s -> {}, 1);
    assertEquals(3, r.count(Executor.Status.APPLIED));
    assertEquals(
        List.of(
            "deleteRule 0prOld removeUsers=false",
            "createRule r on 00gR",
            "activateRule id-createRule-r-on-00gR",
            "setMappingStatus gPm1 INACTIVE",
            "deleteMapping gPm1 deleteTarget=false",
            "createMapping 0oaS 00gP new",
            "unassign 0oaF 00gA"),
        w.calls,
        "an INVALID rule is not deactivated; the revocation waits for every grant");
  }

  @Test
  void aReplaceWhoseDeleteFailsCreatesNothing() {
    Recorder w =
        new Recorder() {
          @Override
          public void deleteRule(String id, boolean r) {
            throw new OktaFailure(404, "E0000007", "Not found", List.of());
          }
        };
    RuleChange rule =
        RuleChange.replace(
            RuleChange.delete(
                "r", rule("r", "x", RuleStatus.INVALID), "test", Optional.of("00gR"), "0prOld"),
            RuleChange.create("r", rule("r", "y", RuleStatus.ACTIVE), "test", Optional.of("00gR")));
    Executor.Report r = Executor.execute(plan(List.of(rule)), w, s -> {}, 1);
    assertEquals(Executor.Status.FAILED, r.outcomes().get(0).status());
    assertEquals(List.of(), w.calls, "no second rule of the same name next to the old one");
  }
}
