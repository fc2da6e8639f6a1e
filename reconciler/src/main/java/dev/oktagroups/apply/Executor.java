package dev.oktagroups.apply;

import dev.oktagroups.plan.Action;
import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.Resource;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a plan. One failed change does not stop the others, except those that need what failed:
 * when a group cannot be created, its rule, members, assignments and push mapping are skipped.
 */
public final class Executor {
  /** What happened to one change. */
  public enum Status {
    APPLIED,
    FAILED,
    SKIPPED
  }

  /** One change's outcome, the API calls it took and, on failure, why. */
  public record Outcome(Change change, Status status, String detail, long calls) {}

  /** Everything apply did. */
  public record Report(List<Outcome> outcomes, boolean setupDone, long requests, long rateLimited, Duration elapsed, boolean stopped) {
    public long count(Status s) {
      return outcomes.stream().filter(o -> o.status() == s).count();
    }

    public boolean failed() {
      return count(Status.FAILED) + count(Status.SKIPPED) > 0;
    }

    public String text() {
      StringBuilder sb = new StringBuilder();
      sb.append("Applied ").append(count(Status.APPLIED)).append(" of ").append(outcomes.size()).append(" changes")
          .append(setupDone ? " (and the setup)" : "").append(" in ").append(String.format("%.1f s", elapsed.toMillis() / 1000.0))
          .append(" with ").append(requests).append(" API calls (").append(rateLimited).append(" rate-limited).\n");
      for (Outcome o : outcomes) {
        if (o.status() != Status.APPLIED) {
          sb.append("  ").append(o.status().name().toLowerCase(java.util.Locale.ROOT)).append(": ")
              .append(o.change().group()).append(": ").append(o.change().describe()).append(": ").append(o.detail()).append('\n');
        }
      }
      return sb.toString();
    }
  }

  private Executor() {}

  /** Runs the plan one change at a time. */
  public static Report execute(Plan plan, OktaWriter w, Consumer<String> progress) {
    return execute(plan, w, progress, 1);
  }

  /**
   * Runs the plan with up to {@code threads} groups in flight.
   *
   * <p>Two stages. First every group's creates and updates run, each group's in plan order
   * (group, rule, members, assignments, push), different groups concurrently: their API calls
   * fall in different rate-limit buckets, so overlapping them brings the run towards the
   * bucket floor. Then, once every grant is done, the deletes run the same way. So when people
   * move from one group to another, they gain the new access before losing the old.
   */
  public static Report execute(Plan plan, OktaWriter w, Consumer<String> progress, int threads) {
    return execute(plan, w, progress, threads, () -> false);
  }

  /**
   * As {@link #execute(Plan, OktaWriter, Consumer, int)}, but once {@code stop} says so, changes
   * not yet started are skipped: the changes in flight finish, so nothing is left half-done, and
   * the report says it stopped. Used for a graceful shutdown.
   */
  public static Report execute(Plan plan, OktaWriter w, Consumer<String> progress, int threads, BooleanSupplier stop) {
    long t0 = System.nanoTime();
    long requests0 = w.requests();
    long limited0 = w.rateLimited();
    String attr = plan.scope().markerAttribute();
    Map<String, String> marker = Map.of(attr, plan.scope().markerValue());
    boolean setupDone = false;
    if (!plan.setup().isEmpty()) {
      progress.accept("setup: " + plan.setup().get(0));
      w.defineGroupAttribute(attr, "Managed by okta-groups");
      setupDone = true;
    }
    Map<String, String> groupIds = new ConcurrentHashMap<>();
    for (Change c : plan.changes()) {
      String gid = c.ids().get("groupId");
      if (gid != null) {
        groupIds.putIfAbsent(c.group(), gid);
      }
    }
    List<Change> changes = plan.changes();
    Outcome[] outcomes = new Outcome[changes.size()];
    int[] done = {0};
    // Count and print under one lock, so the [n/total] counter reads in order whatever the threads do.
    BiConsumer<String, String> tell = (label, what) -> {
      synchronized (done) {
        progress.accept("[" + ++done[0] + "/" + changes.size() + "] " + label + " ... " + what);
      }
    };
    AtomicBoolean stopped = new AtomicBoolean();
    Set<String> failedGroups = ConcurrentHashMap.newKeySet();
    for (boolean deletes : new boolean[] {false, true}) {
      Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
      for (int i = 0; i < changes.size(); i++) {
        Change c = changes.get(i);
        boolean isDelete = c.action() == Action.DELETE && c.resource() != Resource.MEMBERSHIP && !replacement(changes, i);
        if (isDelete == deletes) {
          byGroup.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(i);
        }
      }
      parallel(byGroup.values(), threads, indexes -> {
        for (int i : indexes) {
          Change c = changes.get(i);
          String label = c.action().symbol() + " " + c.group() + ": " + c.describe();
          if (stop.getAsBoolean()) {
            outcomes[i] = new Outcome(c, Status.SKIPPED, "stopped before it started (shutting down)", 0);
            stopped.set(true);
            continue;
          }
          if (failedGroups.contains(c.group()) && c.resource() != Resource.GROUP) {
            outcomes[i] = new Outcome(c, Status.SKIPPED, "its group could not be created", 0);
            tell.accept(label, "skipped");
            continue;
          }
          long before = w.requests();
          try {
            run(c, w, groupIds, marker);
            outcomes[i] = new Outcome(c, Status.APPLIED, "", w.requests() - before);
            tell.accept(label, "ok");
          } catch (OktaFailure f) {
            if (c.resource() == Resource.GROUP && c.action() == Action.CREATE) {
              failedGroups.add(c.group());
            }
            outcomes[i] = new Outcome(c, Status.FAILED, f.detail(), w.requests() - before);
            tell.accept(label, "FAILED: " + f.detail());
          }
        }
      });
    }
    return new Report(List.of(outcomes), setupDone, w.requests() - requests0, w.rateLimited() - limited0,
        Duration.ofNanos(System.nanoTime() - t0), stopped.get());
  }

  /** A delete that makes way for a create of the same object (an INVALID rule, a re-targeted mapping). */
  private static boolean replacement(List<Change> changes, int i) {
    Change c = changes.get(i);
    return i + 1 < changes.size() && changes.get(i + 1).action() == Action.CREATE
        && changes.get(i + 1).resource() == c.resource() && changes.get(i + 1).group().equals(c.group());
  }

  private static void parallel(java.util.Collection<List<Integer>> tasks, int threads, Consumer<List<Integer>> body) {
    if (threads <= 1 || tasks.size() <= 1) {
      tasks.forEach(body);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
      Thread t = new Thread(r, "okta-apply");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> fs = new ArrayList<>();
      tasks.forEach(t -> fs.add(pool.submit(() -> body.accept(t))));
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OktaFailure(0, "", "interrupted", List.of());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void run(Change c, OktaWriter w, Map<String, String> groupIds, Map<String, String> marker) {
    switch (c.resource()) {
      case GROUP -> {
        switch (c.action()) {
          case CREATE -> groupIds.put(c.group(), w.createGroup(str(c.after(), "name"), str(c.after(), "description"), marker));
          case UPDATE -> w.replaceGroup(c.id("groupId"), str(c.after(), "name"), str(c.after(), "description"), marker);
          case DELETE -> w.deleteGroup(c.id("groupId"));
        }
      }
      case RULE -> rule(c, w, groupId(c, groupIds));
      case MEMBERSHIP -> {
        if (c.action() == Action.CREATE) {
          w.addMember(groupId(c, groupIds), c.id("userId"));
        } else if (c.action() == Action.DELETE) {
          w.removeMember(groupId(c, groupIds), c.id("userId"));
        }
      }
      case APP_ASSIGNMENT -> {
        if (c.action() == Action.DELETE) {
          w.unassign(c.id("appId"), groupId(c, groupIds));
        } else {
          Object p = c.after().get("priority");
          @SuppressWarnings("unchecked")
          Map<String, Object> profile = c.after().get("profile") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
          w.assign(c.id("appId"), groupId(c, groupIds), p instanceof Number n ? OptionalInt.of(n.intValue()) : OptionalInt.empty(), profile);
        }
      }
      case PUSH_MAPPING -> {
        switch (c.action()) {
          case CREATE -> w.createMapping(c.id("appId"), groupId(c, groupIds), str(c.after(), "target"));
          case UPDATE -> w.setMappingStatus(c.id("appId"), c.id("mappingId"), "ACTIVE");
          case DELETE -> {
            // Okta deletes INACTIVE (or ERROR) mappings only.
            if ("ACTIVE".equals(c.before().get("status"))) {
              w.setMappingStatus(c.id("appId"), c.id("mappingId"), "INACTIVE");
            }
            w.deleteMapping(c.id("appId"), c.id("mappingId"), Boolean.parseBoolean(c.ids().getOrDefault("deleteTargetGroup", "false")));
          }
        }
      }
    }
  }

  /**
   * Rules change in place: Okta lets a rule be replaced only while INACTIVE, so an active one is
   * deactivated, replaced and activated again. Deactivation keeps the rule's members, so nobody
   * loses access in between. Only an org that refuses target edits gets delete-and-recreate, and
   * then without removeUsers, for the same reason.
   */
  private static void rule(Change c, OktaWriter w, String gid) {
    switch (c.action()) {
      case CREATE -> {
        String rid = w.createRule(str(c.after(), "name"), str(c.after(), "expression"), gid);
        w.activateRule(rid);
      }
      case UPDATE -> {
        String rid = c.id("ruleId");
        boolean wasActive = "ACTIVE".equals(c.before().get("status"));
        if (wasActive) {
          w.deactivateRule(rid);
        }
        try {
          w.replaceRule(rid, str(c.after(), "name"), str(c.after(), "expression"), gid);
        } catch (OktaFailure f) {
          if (!f.targetsNotEditable()) {
            if (wasActive) {
              reactivate(w, rid);
            }
            throw f;
          }
          w.deleteRule(rid, false);
          rid = w.createRule(str(c.after(), "name"), str(c.after(), "expression"), gid);
        }
        w.activateRule(rid);
      }
      case DELETE -> {
        if ("ACTIVE".equals(c.before().get("status"))) {
          w.deactivateRule(c.id("ruleId"));
        }
        w.deleteRule(c.id("ruleId"), false);
      }
    }
  }

  private static void reactivate(OktaWriter w, String rid) {
    try {
      w.activateRule(rid);
    } catch (OktaFailure ignored) {
      // the original failure is the one to report; the next plan shows the rule as inactive
    }
  }

  private static String groupId(Change c, Map<String, String> groupIds) {
    String gid = c.ids().getOrDefault("groupId", groupIds.get(c.group()));
    if (gid == null) {
      throw new OktaFailure(0, "", "no id for group " + c.group() + " (it was not created in this run)", List.of());
    }
    return gid;
  }

  private static String str(Map<String, Object> m, String k) {
    Object v = m.get(k);
    return v == null ? "" : v.toString();
  }
}
