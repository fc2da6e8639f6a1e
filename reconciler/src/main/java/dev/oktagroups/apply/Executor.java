package dev.oktagroups.apply;

import dev.oktagroups.plan.Action;
import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.ChannelLinkChange;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.Resource;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaWriter;
import dev.oktagroups.port.SlackFailure;
import dev.oktagroups.port.SlackWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a plan. One failed change does not stop the others, except those that need what failed: when
 * a group cannot be created, its rule, members, assignments and push mapping are skipped; when a
 * group's rule cannot be created or updated, the deletes of its other rules (the ones it replaces)
 * are skipped.
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

  /**
   * Everything apply did.
   *
   * @param requests Okta API calls, retries included
   * @param slack Slack's calls, counted apart: Slack limits them by its own tiers
   */
  public record Report(
      List<Outcome> outcomes,
      boolean setupDone,
      long requests,
      long rateLimited,
      Duration elapsed,
      boolean stopped,
      SlackCalls slack) {
    /** As the full constructor, for a run that made no Slack calls. */
    public Report(
        List<Outcome> outcomes,
        boolean setupDone,
        long requests,
        long rateLimited,
        Duration elapsed,
        boolean stopped) {
      this(outcomes, setupDone, requests, rateLimited, elapsed, stopped, SlackCalls.NONE);
    }

    public long count(Status s) {
      return outcomes.stream().filter(o -> o.status() == s).count();
    }

    public boolean failed() {
      return count(Status.FAILED) + count(Status.SKIPPED) > 0;
    }

    public String text() {
      StringBuilder sb = new StringBuilder();
      sb.append("Applied ")
          .append(count(Status.APPLIED))
          .append(" of ")
          .append(outcomes.size())
          .append(" changes")
          .append(setupDone ? " (and the setup)" : "")
          .append(" in ")
          .append(String.format("%.1f s", elapsed.toMillis() / 1000.0))
          .append(" with ")
          .append(requests)
          .append(" API calls (")
          .append(rateLimited)
          .append(" rate-limited)");
      if (slack.requests() > 0 || slack.rateLimited() > 0) {
        sb.append(" and ")
            .append(slack.requests())
            .append(" Slack calls (")
            .append(slack.rateLimited())
            .append(" rate-limited)");
      }
      sb.append(".\n");
      for (Outcome o : outcomes) {
        if (o.status() != Status.APPLIED) {
          sb.append("  ")
              .append(o.status().name().toLowerCase(java.util.Locale.ROOT))
              .append(": ")
              .append(o.change().group())
              .append(": ")
              .append(o.change().describe())
              .append(": ")
              .append(o.detail())
              .append('\n');
        }
      }
      return sb.toString();
    }
  }

  /**
   * The Slack calls of one apply.
   *
   * @param rateLimited 429s Slack answered on this connection, the reads that planned the run
   *     included, as the Okta count does
   */
  public record SlackCalls(long requests, long rateLimited) {
    static final SlackCalls NONE = new SlackCalls(0, 0);
  }

  private Executor() {}

  /** Runs the plan one change at a time. */
  public static Report execute(Plan plan, OktaWriter w, Consumer<String> progress) {
    return execute(plan, w, progress, 1);
  }

  /**
   * Runs the plan with up to {@code threads} groups in flight.
   *
   * <p>Two stages. First every group's creates and updates run, each group's in plan order (group,
   * rule, members, assignments, push), different groups concurrently: their API calls fall in
   * different rate-limit buckets, so overlapping them brings the run towards the bucket floor.
   * Then, once every grant is done, the deletes run the same way. So when people move from one
   * group to another, they gain the new access before losing the old. A replace runs with the
   * grants: its delete only makes way for its create, which follows at once.
   */
  public static Report execute(Plan plan, OktaWriter w, Consumer<String> progress, int threads) {
    return execute(plan, w, progress, threads, () -> false);
  }

  /**
   * As {@link #execute(Plan, OktaWriter, Consumer, int)}, but once {@code stop} says so, changes
   * not yet started are skipped: the changes in flight finish, so nothing is left half-done, and
   * the report says it stopped. Used for a graceful shutdown.
   */
  public static Report execute(
      Plan plan, OktaWriter w, Consumer<String> progress, int threads, BooleanSupplier stop) {
    return execute(plan, w, SlackWriter.NONE, progress, threads, stop);
  }

  /**
   * As {@link #execute(Plan, OktaWriter, Consumer, int, BooleanSupplier)}, with Slack for the
   * plan's channel links.
   */
  public static Report execute(
      Plan plan,
      OktaWriter w,
      SlackWriter slack,
      Consumer<String> progress,
      int threads,
      BooleanSupplier stop) {
    long t0 = System.nanoTime();
    long requests0 = w.requests();
    long slack0 = slack.requests();
    String attr = plan.scope().markerAttribute();
    boolean setupDone = false;
    if (!plan.setup().isEmpty()) {
      progress.accept("setup: " + plan.setup().get(0));
      w.defineGroupAttribute(attr, "Managed by okta-groups");
      setupDone = true;
    }
    Run run = new Run(plan, w, slack, progress, stop, Map.of(attr, plan.scope().markerValue()));
    for (boolean deletes : new boolean[] {false, true}) {
      parallel(run.byGroup(deletes).values(), threads, run::group);
    }
    return new Report(
        List.of(run.outcomes),
        setupDone,
        w.requests() - requests0,
        // Every 429 this connection met, the reads that planned this run included: a run that
        // waited out a rate limit while reading says so.
        w.rateLimited(),
        Duration.ofNanos(System.nanoTime() - t0),
        run.stopped.get(),
        new SlackCalls(slack.requests() - slack0, slack.rateLimited()));
  }

  /** How many of a group's lines are told at once, at most. */
  static final int TELL_EVERY = 25;

  /** One run of a plan: its changes, their outcomes so far, and what the groups' changes share. */
  private static final class Run {
    final List<Change> changes;
    final Outcome[] outcomes;
    final OktaWriter w;
    final SlackWriter slack;
    final Consumer<String> progress;
    final BooleanSupplier stop;
    final Map<String, String> marker;
    final Map<String, String> groupIds = new ConcurrentHashMap<>();
    final Set<String> failedGroups = ConcurrentHashMap.newKeySet();

    /** Groups whose rule could not be created or updated: the rules it replaces must stay. */
    final Set<String> failedRules = ConcurrentHashMap.newKeySet();

    final AtomicBoolean stopped = new AtomicBoolean();
    private int done;

    Run(
        Plan plan,
        OktaWriter w,
        SlackWriter slack,
        Consumer<String> progress,
        BooleanSupplier stop,
        Map<String, String> marker) {
      this.changes = plan.changes();
      this.outcomes = new Outcome[changes.size()];
      this.w = w;
      this.slack = slack;
      this.progress = progress;
      this.stop = stop;
      this.marker = marker;
      for (Change c : changes) {
        c.groupId().ifPresent(gid -> groupIds.putIfAbsent(c.group(), gid));
      }
    }

    /** The indexes of the grants, or of the deletes, by group, in plan order. */
    Map<String, List<Integer>> byGroup(boolean deletes) {
      Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
      for (int i = 0; i < changes.size(); i++) {
        Change c = changes.get(i);
        // A replace deletes only to create at once, so it runs with the grants.
        boolean isDelete = c.action() == Action.DELETE && c.resource() != Resource.MEMBERSHIP;
        if (isDelete == deletes) {
          byGroup.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(i);
        }
      }
      return byGroup;
    }

    /**
     * One group's changes, in order. Their lines are told together under the group's heading, as
     * the plan shows them, so groups applied in parallel do not interleave; a long group is told in
     * pieces of {@link #TELL_EVERY} lines, so progress still shows.
     */
    void group(List<Integer> indexes) {
      List<String[]> lines = new ArrayList<>();
      String group = changes.get(indexes.get(0)).group();
      boolean first = true;
      for (int i : indexes) {
        one(i, lines);
        if (lines.size() >= TELL_EVERY) {
          tell(group, first, lines);
          first = false;
        }
      }
      if (!lines.isEmpty()) {
        tell(group, first, lines);
      }
    }

    private void one(int i, List<String[]> lines) {
      Change c = changes.get(i);
      String label = c.action().symbol() + " " + c.group() + ": " + c.describe();
      if (stop.getAsBoolean()) {
        outcomes[i] =
            new Outcome(c, Status.SKIPPED, "stopped before it started (shutting down)", 0);
        stopped.set(true);
        return;
      }
      if (failedGroups.contains(c.group()) && c.resource() != Resource.GROUP) {
        outcomes[i] = new Outcome(c, Status.SKIPPED, "its group could not be created", 0);
        lines.add(new String[] {label, "skipped"});
        return;
      }
      if (failedRules.contains(c.group())
          && c.resource() == Resource.RULE
          && c.action() == Action.DELETE) {
        // The rules a group's new rule was merged from go only once it is in place.
        outcomes[i] =
            new Outcome(c, Status.SKIPPED, "the group's own rule could not be put in place", 0);
        lines.add(new String[] {label, "skipped"});
        return;
      }
      long before = w.requests();
      long slackBefore = slack.requests();
      try {
        if (c instanceof ChannelLinkChange l) {
          Optional<String> gid = c.groupId().or(() -> Optional.ofNullable(groupIds.get(c.group())));
          ChannelLinks.run(l, slack, w, gid, progress);
        } else {
          OktaChanges.run(c, w, groupIds, marker);
        }
        long calls = w.requests() - before + slack.requests() - slackBefore;
        outcomes[i] = new Outcome(c, Status.APPLIED, "", calls);
        lines.add(new String[] {label, "ok"});
      } catch (SlackFailure f) {
        long calls = w.requests() - before + slack.requests() - slackBefore;
        outcomes[i] = new Outcome(c, Status.FAILED, f.detail(), calls);
        lines.add(new String[] {label, "FAILED: " + f.detail()});
      } catch (OktaFailure f) {
        if (c.resource() == Resource.GROUP && c.action() == Action.CREATE) {
          failedGroups.add(c.group());
        }
        if (c.resource() == Resource.RULE && c.action() != Action.DELETE) {
          failedRules.add(c.group());
        }
        outcomes[i] = new Outcome(c, Status.FAILED, f.detail(), w.requests() - before);
        lines.add(new String[] {label, "FAILED: " + f.detail()});
      }
    }

    /**
     * Prints a group's heading and lines under one lock, so the [n/total] counter reads in order
     * and no other group's line falls between them.
     */
    private synchronized void tell(String group, boolean first, List<String[]> lines) {
      progress.accept("# " + group + (first ? "" : " (continued)"));
      for (String[] l : lines) {
        progress.accept("[" + ++done + "/" + changes.size() + "] " + l[0] + " ... " + l[1]);
      }
      lines.clear();
    }
  }

  private static void parallel(
      java.util.Collection<List<Integer>> tasks, int threads, Consumer<List<Integer>> body) {
    if (threads <= 1 || tasks.size() <= 1) {
      tasks.forEach(body);
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, tasks.size()),
            r -> {
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
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OktaFailure(0, "", "interrupted", List.of());
    } finally {
      pool.shutdownNow();
    }
  }
}
