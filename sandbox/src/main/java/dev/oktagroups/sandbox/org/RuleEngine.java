package dev.oktagroups.sandbox.org;

import dev.oktagroups.sandbox.expr.Expression;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Group rules and their evaluation. Called by {@link Org} under its lock; evaluations deferred by
 * the evaluation delay take the same lock when they run.
 */
final class RuleEngine {
  private final Object lock;
  private final SandboxClock clock;
  private final Settings settings;
  private final Ids ids;
  private final UserStore users;
  private final GroupStore groups;
  private final PushStore push;
  private final SystemLog log;
  private final TreeMap<String, Rule> rules = new TreeMap<>();
  private ScheduledExecutorService scheduler;

  RuleEngine(
      Object lock,
      SandboxClock clock,
      Settings settings,
      Ids ids,
      UserStore users,
      GroupStore groups,
      PushStore push,
      SystemLog log) {
    this.lock = lock;
    this.log = log;
    this.clock = clock;
    this.settings = settings;
    this.ids = ids;
    this.users = users;
    this.groups = groups;
    this.push = push;
  }

  // ---- reads

  Rule get(String id) {
    Rule r = rules.get(id);
    if (r == null) {
      throw OktaError.notFound("GroupRule", id);
    }
    return r;
  }

  Optional<Rule> find(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  Collection<Rule> all() {
    return rules.values();
  }

  /** Lists rules; {@code search} matches a name substring, case-insensitively. */
  Org.Page<Rule> list(String search, String after, int limit) {
    String s = search == null ? null : search.toLowerCase(Locale.ROOT);
    return Pages.page(
        rules, after, limit, r -> s == null || r.name.toLowerCase(Locale.ROOT).contains(s));
  }

  // ---- writes

  /** See {@link Org#createRule}. */
  Rule create(Org.RuleSpec spec) {
    if (rules.size() >= Org.MAX_RULES) {
      throw OktaError.validation(
          "rule", "The org has reached the limit of " + Org.MAX_RULES + " group rules");
    }
    Expression e = RuleChecks.check(spec, users, groups);
    Instant now = clock.now();
    Rule r = new Rule(ids.next("0pr"), spec.name(), now, e);
    r.groupIds.addAll(spec.groupIds());
    r.excludedUsers.addAll(spec.excludedUsers());
    rules.put(r.id, r);
    return r;
  }

  /** See {@link Org#replaceRule}. */
  Rule replace(String id, Org.RuleSpec spec) {
    Rule r = get(id);
    if (r.status == Rule.Status.ACTIVE) {
      throw OktaError.validation(
          "status", "Cannot update an ACTIVE group rule; deactivate it first");
    }
    if (r.status == Rule.Status.INVALID) {
      throw OktaError.validation("status", "Cannot update a group rule with the status INVALID");
    }
    Expression e = RuleChecks.check(spec, users, groups);
    if (!new LinkedHashSet<>(spec.groupIds()).equals(new LinkedHashSet<>(r.groupIds))
        && !settings.editableRuleTargets) {
      throw OktaError.validation(
          "actions",
          "actions.assignUserToGroups.groupIds: The group rule action cannot be updated");
    }
    Instant now = clock.now();
    for (String dropped : r.groupIds) {
      if (!spec.groupIds().contains(dropped)) {
        // The rule no longer feeds this group: release what it alone was holding there.
        groups.find(dropped).ifPresent(g -> release(r, g, now));
      }
    }
    r.name = spec.name();
    r.expression = e;
    r.groupIds.clear();
    r.groupIds.addAll(spec.groupIds());
    r.excludedUsers.clear();
    r.excludedUsers.addAll(spec.excludedUsers());
    r.lastUpdated = now;
    return r;
  }

  private void release(Rule r, Group g, Instant now) {
    for (var it = g.members.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Membership> en = it.next();
      if (en.getValue().rules.remove(r.id) && en.getValue().isEmpty()) {
        it.remove();
        users.byId(en.getKey()).ifPresent(u -> u.groups.remove(g.id));
        g.lastMembershipUpdated = now;
      }
    }
    push.group(g);
  }

  /** See {@link Org#activateRule}. */
  void activate(String id) {
    Rule r = get(id);
    if (r.status == Rule.Status.INVALID) {
      throw OktaError.validation(
          "status", "Cannot activate or deactivate a Group Rule with the status INVALID");
    }
    if (r.status == Rule.Status.ACTIVE) {
      return;
    }
    r.status = Rule.Status.ACTIVE;
    r.lastUpdated = clock.now();
    evaluateLater(
        () -> {
          if (r.status == Rule.Status.ACTIVE && rules.get(r.id) == r) {
            List<Rule> only = List.of(r);
            for (User u : new ArrayList<>(users.all())) {
              evaluate(u, only);
            }
          }
        });
  }

  /** See {@link Org#deactivateRule}. */
  void deactivate(String id) {
    Rule r = get(id);
    if (r.status == Rule.Status.INVALID) {
      throw OktaError.validation(
          "status", "Cannot activate or deactivate a Group Rule with the status INVALID");
    }
    r.status = Rule.Status.INACTIVE;
    r.lastUpdated = clock.now();
  }

  /** See {@link Org#deleteRule}. */
  void delete(String id, boolean removeUsers) {
    Rule r = get(id);
    if (r.status == Rule.Status.ACTIVE) {
      throw OktaError.validation(
          "status", "Cannot delete an ACTIVE group rule; deactivate it first");
    }
    rules.remove(id);
    Instant now = clock.now();
    for (Group g : groups.all()) {
      boolean touched = false;
      for (var it = g.members.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Membership> e = it.next();
        Membership m = e.getValue();
        if (!m.rules.remove(id)) {
          continue;
        }
        touched = true;
        if (m.rules.isEmpty() && !m.direct) {
          if (removeUsers) {
            it.remove();
            users
                .byId(e.getKey())
                .ifPresent(
                    u -> {
                      u.groups.remove(g.id);
                      log.system(
                          "group.user_membership.remove",
                          "Remove user from group membership",
                          SystemLog.user(u),
                          SystemLog.group(g));
                    });
          } else {
            m.direct = true;
          }
        }
      }
      if (touched) {
        g.lastMembershipUpdated = now;
        push.group(g);
      }
    }
  }

  /** The rules of a membership that still exist. */
  List<Rule> managing(Membership m) {
    List<Rule> out = new ArrayList<>();
    for (String rid : m.rules) {
      find(rid).ifPresent(out::add);
    }
    return out;
  }

  /** A rule-managed member was removed by hand: the rules must not add them back. */
  void exclude(Membership m, User u, Instant now) {
    for (String rid : m.rules) {
      Rule r = rules.get(rid);
      if (r != null && !r.excludedUsers.contains(u.id)) {
        r.excludedUsers.add(u.id);
        r.lastUpdated = now;
        log.system(
            "group.user_membership.rule.add_exclusion",
            "Add user to group rule exclusion list",
            SystemLog.rule(r),
            SystemLog.user(u));
      }
    }
  }

  /** A user is gone: no rule excludes them any more. */
  void forget(User u) {
    for (Rule r : rules.values()) {
      r.excludedUsers.remove(u.id);
    }
  }

  /** A target group is gone: the rules feeding it turn INVALID. */
  void invalidateTargeting(String groupId, Instant now) {
    for (Rule r : rules.values()) {
      if (r.groupIds.contains(groupId) && r.status != Rule.Status.INVALID) {
        r.status = Rule.Status.INVALID;
        r.allGroupsValid = false;
        r.lastUpdated = now;
        log.system(
            "group.user_membership.rule.invalidate",
            "Group rule invalidated: a target group was deleted",
            SystemLog.rule(r));
      }
    }
  }

  // ---- evaluation

  /** A user's profile, status or memberships changed: re-evaluate their rules. */
  void changed(User u) {
    evaluateLater(
        () -> {
          if (users.isCurrent(u)) {
            evaluate(u, rules.values());
          }
        });
  }

  private void evaluateLater(Runnable task) {
    Duration delay = settings.ruleEvaluationDelay;
    if (delay.isZero() || delay.isNegative()) {
      task.run();
      return;
    }
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "sandbox-rule-evaluation");
                t.setDaemon(true);
                return t;
              });
    }
    long nanos = clock.real(delay).toNanos();
    scheduler.schedule(
        () -> {
          synchronized (lock) {
            task.run();
          }
        },
        nanos,
        TimeUnit.NANOSECONDS);
  }

  /**
   * Applies {@code candidates} to one user; when that changes a membership, re-applies the rules
   * that read memberships ({@code isMemberOfAnyGroup}) until nothing changes. Only ACTIVE users are
   * evaluated: deactivated users keep their groups.
   */
  private void evaluate(User u, Collection<Rule> candidates) {
    boolean changed = apply(u, candidates);
    for (int round = 0; changed && round < 10; round++) {
      List<Rule> readers = new ArrayList<>();
      for (Rule r : rules.values()) {
        if (r.status == Rule.Status.ACTIVE && !r.expression.groupIds().isEmpty()) {
          readers.add(r);
        }
      }
      changed = !readers.isEmpty() && apply(u, readers);
    }
  }

  private boolean apply(User u, Collection<Rule> candidates) {
    if (u.status != User.Status.ACTIVE) {
      return false;
    }
    boolean changed = false;
    Expression.Subject subject = subject(u);
    for (Rule r : candidates) {
      if (r.status != Rule.Status.ACTIVE) {
        continue;
      }
      boolean match = !r.excludedUsers.contains(u.id) && r.expression.matches(subject);
      for (String gid : r.groupIds) {
        Optional<Group> g = groups.find(gid);
        if (g.isPresent()) {
          changed |= apply(r, match, g.get(), u);
        }
      }
    }
    return changed;
  }

  /** Brings one membership in step with one rule's verdict; true when the user joined or left. */
  private boolean apply(Rule r, boolean match, Group g, User u) {
    Membership m = g.members.get(u.id);
    if (match) {
      if (m == null) {
        groups.join(g, u).rules.add(r.id);
        log.system(
            "group.user_membership.add",
            "Add user to group membership",
            SystemLog.user(u),
            SystemLog.group(g));
        push.group(g);
        return true;
      } else if (!m.rules.contains(r.id)) {
        m.rules.add(r.id);
        m.direct = false; // a direct member a rule matches becomes rule-managed
        // How the member got in changed; the sandbox counts that as a membership change.
        g.lastMembershipUpdated = clock.now();
      }
    } else if (m != null && m.rules.remove(r.id) && m.isEmpty()) {
      groups.leave(g, u, clock.now());
      log.system(
          "group.user_membership.remove",
          "Remove user from group membership",
          SystemLog.user(u),
          SystemLog.group(g));
      push.group(g);
      return true;
    }
    return false;
  }

  private Expression.Subject subject(User u) {
    String everyone = groups.everyone().id;
    return new Expression.Subject() {
      @Override
      public Object attribute(String name) {
        return u.profile.get(name);
      }

      @Override
      public boolean isMemberOf(String groupId) {
        return groupId.equals(everyone) || u.groups.contains(groupId);
      }
    };
  }
}
