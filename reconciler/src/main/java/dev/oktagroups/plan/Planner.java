package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.state.Ownership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes the plan: a pure function of the desired state, the actual state and policy.
 *
 * <p>Membership follows each kind's rules. Managed groups take members only from their rule, so
 * a direct member the rule does not match is removed. Hybrid groups are the rule's matches plus
 * the named exceptions; a rule-managed member is never removed by hand, because Okta would put
 * them on the rule's exclusion list. Manual groups hold exactly the named members.
 *
 * <p>Order: group, rule, memberships, assignments and push mappings are created in that order,
 * and deleted in the reverse one. A change that replaces an object (an INVALID rule, a push
 * mapping whose target changed) deletes the old one just before creating the new one.
 */
public final class Planner {
  /** Policy beyond the manifests: groups to adopt by command-line flag. */
  public record Policy(Set<String> adopt) {
    public static final Policy DEFAULT = new Policy(Set.of());
  }

  private Planner() {}

  /** A change and where it goes in the order. */
  private record Staged(int phase, String group, int sub, String key, Change change) {}

  private static final Comparator<Staged> ORDER = Comparator.comparingInt(Staged::phase)
      .thenComparing(Staged::group)
      .thenComparingInt(Staged::sub)
      .thenComparing(Staged::key);

  public static Plan plan(DesiredState desired, ActualState actual, Policy policy, Plan.Source source, String orgUrl, Instant now) {
    Run run = new Run(desired, actual, policy);
    for (DesiredState.Group g : desired.groups().values()) {
      run.group(g);
    }
    run.orphans();
    run.staged.sort(ORDER);
    List<Change> changes = run.staged.stream().map(Staged::change).toList();
    List<String> setup = actual.markerAttributeDefined()
        ? List.of()
        : List.of("add the custom attribute '" + desired.marker().attribute()
            + "' (string) to Okta's group profile schema, to mark the groups okta-groups owns");
    Plan.Scope scope = scope(desired);
    return new Plan(Plan.VERSION, now.toString(), source, orgUrl, Fingerprint.of(actual, scope), scope, setup, changes, run.errors);
  }

  /** What to read for a desired state: its group names, named people, and catalog apps. */
  public static Plan.Scope scope(DesiredState d) {
    Set<String> users = new TreeSet<>();
    d.groups().values().forEach(g -> {
      g.members().forEach(m -> users.add(m.user().toLowerCase(Locale.ROOT)));
      g.expired().forEach(m -> users.add(m.user().toLowerCase(Locale.ROOT)));
    });
    Map<String, String> apps = new LinkedHashMap<>();
    Set<String> push = new TreeSet<>();
    d.catalogApps().forEach((k, a) -> {
      if (!a.id().isEmpty()) {
        apps.put(k, a.id());
        if (a.push()) {
          push.add(a.id());
        }
      }
    });
    return new Plan.Scope(new TreeSet<>(d.groups().keySet()), users, apps, push, d.marker().attribute(), d.marker().value());
  }

  /** State for one planning run. */
  private static final class Run {
    final DesiredState d;
    final ActualState a;
    final Policy policy;
    final List<Staged> staged = new ArrayList<>();
    final List<Plan.GroupError> errors = new ArrayList<>();
    final Map<String, List<ActualState.Group>> byName = new HashMap<>();
    final Set<String> claimed = new LinkedHashSet<>();
    final Set<String> protectedNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    final Ownership ownership;

    Run(DesiredState d, ActualState a, Policy policy) {
      this.d = d;
      this.a = a;
      this.policy = policy;
      this.ownership = Ownership.of(d.marker());
      a.groups().values().forEach(g -> byName.computeIfAbsent(g.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(g));
      protectedNames.addAll(d.protectedGroups());
    }

    void add(int phase, int sub, Change c) {
      staged.add(new Staged(phase, c.group(), sub, c.key(), c));
    }

    void error(DesiredState.Group g, String message) {
      errors.add(new Plan.GroupError(g.name(), g.path(), message));
    }

    // ---------------------------------------------------------------- one desired group

    void group(DesiredState.Group g) {
      List<ActualState.Group> same = byName.getOrDefault(g.name().toLowerCase(Locale.ROOT), List.of());
      ActualState.Group existing = same.stream().filter(x -> x.type() == ActualState.GroupType.OKTA_GROUP).findFirst().orElse(null);
      if (protectedNames.contains(g.name())) {
        error(g, "'" + g.name() + "' is protected in okta-groups.yaml; okta-groups never changes it. Remove the manifest, or the name from 'protected'.");
        return;
      }
      if (existing == null && !same.isEmpty()) {
        ActualState.Group other = same.get(0);
        error(g, "an " + other.type() + " group named '" + other.name() + "' already exists; okta-groups only manages OKTA_GROUP groups. Choose another name.");
        return;
      }
      boolean adopting = false;
      if (existing != null) {
        claimed.add(existing.id());
        if (!ownership.owns(existing)) {
          boolean allowed = g.adopt() || policy.adopt().contains(g.name());
          if (!allowed) {
            Optional<String> otherRepo = ownership.marker(existing);
            error(g, otherRepo.isPresent()
                ? "'" + existing.name() + "' belongs to another okta-groups repository ('" + otherRepo.get() + "'). Remove this manifest, or adopt the group deliberately with 'adopt: true'."
                : "'" + existing.name() + "' already exists in Okta but okta-groups did not create it. To take it over, check its members and apps, then add 'adopt: true' to "
                    + g.path() + " (or pass --adopt " + g.name() + "); anything it has that the manifest does not will be removed.");
            return;
          }
          adopting = true;
        }
      }
      for (String appId : appsOf(g)) {
        if (a.missingApps().contains(appId)) {
          error(g, "app " + appKey(appId) + " (" + appId + ") does not exist in Okta; check its id in okta-groups.yaml");
          return;
        }
      }
      Map<String, ActualState.User> people = resolve(g);
      if (people == null) {
        return;
      }
      String gid = existing == null ? null : existing.id();
      groupChanges(g, existing, adopting);
      RuleSituation rs = rules(g, gid);
      if (rs == null) {
        return;
      }
      members(g, gid, people);
      assignments(g, gid);
      push(g, gid);
    }

    static List<String> appsOf(DesiredState.Group g) {
      List<String> out = new ArrayList<>();
      g.assignments().forEach(x -> out.add(x.appId()));
      g.push().ifPresent(p -> out.add(p.appId()));
      return out;
    }

    /** The people a group names, or null after reporting an error for the group. */
    Map<String, ActualState.User> resolve(DesiredState.Group g) {
      Map<String, ActualState.User> out = new LinkedHashMap<>();
      List<String> problems = new ArrayList<>();
      for (DesiredState.Member m : g.members()) {
        ActualState.User u = a.users().get(m.user().toLowerCase(Locale.ROOT));
        if (u == null) {
          problems.add(m.user() + " is not an Okta user (no login or email matches)");
        } else if (!"ACTIVE".equals(u.status())) {
          problems.add(m.user() + " is " + u.status() + ", not ACTIVE");
        } else {
          out.put(u.id(), u);
        }
      }
      if (!problems.isEmpty()) {
        error(g, String.join("; ", problems) + ". Fix the entry (a typo, or a leaver to remove); this group's changes are withheld until then.");
        return null;
      }
      return out;
    }

    void groupChanges(DesiredState.Group g, ActualState.Group existing, boolean adopting) {
      GroupChange.Values after = new GroupChange.Values(g.name(), g.description(), Optional.of(d.marker().value()), OptionalInt.empty());
      if (existing == null) {
        add(1, 0, GroupChange.create(g.name(), after, "new manifest " + g.path()));
        return;
      }
      GroupChange.Values before = new GroupChange.Values(existing.name(), Objects.requireNonNullElse(existing.description(), ""),
          ownership.marker(existing), OptionalInt.empty());
      if (!before.equals(after)) {
        List<String> why = new ArrayList<>();
        if (adopting) {
          why.add("adopt the existing group");
        }
        if (!before.description().equals(after.description())) {
          why.add("description differs from the manifest");
        }
        if (!existing.name().equals(g.name())) {
          why.add("name case differs from the manifest");
        }
        if (!adopting && !before.marker().equals(after.marker())) {
          why.add("ownership marker missing");
        }
        add(1, 0, GroupChange.update(g.name(), before, after, String.join("; ", why), adopting, existing.id()));
      }
    }

    // ---------------------------------------------------------------- rules

    /** Marker object: rules were handled (non-null) or the group errored (null). */
    private record RuleSituation() {}

    RuleSituation rules(DesiredState.Group g, String gid) {
      String ruleName = g.rule().map(DesiredState.Rule::name).orElse(g.name());
      ActualState.Rule ours = null;
      List<ActualState.Rule> foreign = new ArrayList<>();
      List<ActualState.Rule> invalidOrphans = new ArrayList<>();
      for (ActualState.Rule r : a.rules().values()) {
        boolean targets = gid != null && r.groupIds().contains(gid);
        if (targets) {
          if (r.groupIds().size() == 1 && r.name().equals(ruleName) && ours == null) {
            ours = r;
          } else {
            foreign.add(r);
          }
        } else if (r.status() == ActualState.RuleStatus.INVALID && r.name().equals(ruleName)
            && r.groupIds().stream().noneMatch(a.groups()::containsKey)) {
          invalidOrphans.add(r); // ours, left behind when the group was deleted and recreated
        }
      }
      if (!foreign.isEmpty()) {
        ActualState.Rule f = foreign.get(0);
        error(g, "group rule '" + f.name() + "' (" + f.id() + ") also assigns people to this group and okta-groups does not manage it."
            + " Delete that rule, or move its selector into this manifest.");
        staged.removeIf(s -> s.group().equals(g.name()));
        return null;
      }
      Optional<String> groupId = Optional.ofNullable(gid);
      List<RuleChange> leftovers = new ArrayList<>();
      for (ActualState.Rule r : invalidOrphans) {
        leftovers.add(RuleChange.delete(g.name(), ruleValues(r), "INVALID leftover: its target group was deleted", Optional.empty(), r.id()));
      }
      // A new rule takes the name of the INVALID rule it succeeds, so the last one to go is
      // deleted together with the create, as one replace; any others are plain deletes.
      RuleChange last = g.rule().isPresent() && ours == null && !leftovers.isEmpty() ? leftovers.remove(leftovers.size() - 1) : null;
      leftovers.forEach(c -> add(2, 0, c));
      if (g.rule().isEmpty()) {
        if (ours != null) {
          add(9, 0, RuleChange.delete(g.name(), ruleValues(ours),
              g.kind().label() + " groups have no rule; members stay as direct members until planned otherwise", groupId, ours.id()));
        }
        return new RuleSituation();
      }
      DesiredState.Rule want = g.rule().get();
      RuleChange.Values after = new RuleChange.Values(want.name(), want.expression(), ActualState.RuleStatus.ACTIVE, List.of());
      if (ours == null) {
        RuleChange create = RuleChange.create(g.name(), after, "the " + g.kind().label() + " group's selector", groupId);
        add(2, 1, last == null ? create : RuleChange.replace(last, create));
        return new RuleSituation();
      }
      RuleChange.Values before = ruleValues(ours);
      if (ours.status() == ActualState.RuleStatus.INVALID) {
        add(2, 1, RuleChange.replace(
            RuleChange.delete(g.name(), before, "the rule is INVALID; Okta allows only reading or deleting it, so it is replaced",
                groupId, ours.id()),
            RuleChange.create(g.name(), after, "replaces the INVALID rule", groupId)));
        return new RuleSituation();
      }
      if (!before.equals(after)) {
        List<String> why = new ArrayList<>();
        if (!before.expression().equals(after.expression())) {
          why.add("selector changed");
        }
        if (!before.excludedUsers().isEmpty()) {
          why.add("exclusions added outside okta-groups are reset (" + g.kind().label() + " groups follow their selector)");
        }
        if (before.status() != ActualState.RuleStatus.ACTIVE) {
          why.add("the rule was deactivated outside okta-groups");
        }
        add(2, 1, RuleChange.update(g.name(), before, after,
            String.join("; ", why) + "; updated in place (deactivate, replace, activate), never replaced", groupId, ours.id()));
      }
      return new RuleSituation();
    }

    static RuleChange.Values ruleValues(ActualState.Rule r) {
      return new RuleChange.Values(r.name(), r.expression(), r.status(), r.excludedUsers());
    }

    // ---------------------------------------------------------------- members

    void members(DesiredState.Group g, String gid, Map<String, ActualState.User> people) {
      Map<String, ActualState.Member> current = gid == null ? Map.of() : a.members().getOrDefault(gid, Map.of());
      Map<String, DesiredState.Member> byUserId = new HashMap<>();
      for (DesiredState.Member m : g.members()) {
        ActualState.User u = a.users().get(m.user().toLowerCase(Locale.ROOT));
        byUserId.put(u.id(), m);
      }
      for (Map.Entry<String, ActualState.User> e : people.entrySet()) {
        if (!current.containsKey(e.getKey())) {
          DesiredState.Member m = byUserId.get(e.getKey());
          MembershipChange.Values after = new MembershipChange.Values(e.getValue().login(), m.expires(), Optional.empty());
          add(3, 0, MembershipChange.add(g.name(), after, "named in " + g.path(), Optional.ofNullable(gid), e.getKey()));
        }
      }
      Map<String, String> expiredOn = new HashMap<>();
      for (DesiredState.Member m : g.expired()) {
        ActualState.User u = a.users().get(m.user().toLowerCase(Locale.ROOT));
        if (u != null) {
          expiredOn.put(u.id(), m.expires().map(Object::toString).orElse(""));
        }
      }
      for (ActualState.Member m : current.values()) {
        if (people.containsKey(m.userId()) || m.via() == ActualState.Via.RULE) {
          continue; // named, or rule-managed: removing by hand would exclude them from the rule
        }
        boolean matches = g.selector().map(s -> s.matches(m.profile())).orElse(false);
        if (matches) {
          continue; // the rule matches them: they are, or are about to be, rule-managed
        }
        String why = expiredOn.containsKey(m.userId())
            ? "access expired on " + expiredOn.get(m.userId())
            : switch (g.kind()) {
                case MANAGED -> "managed groups never take manual additions";
                case HYBRID -> "neither named as an exception nor matched by the rule";
                default -> "not named in " + g.path();
              };
        MembershipChange.Values before = new MembershipChange.Values(m.login(), Optional.empty(), Optional.of(m.via()));
        add(4, 0, MembershipChange.remove(g.name(), before, why, gid, m.userId()));
      }
    }

    // ---------------------------------------------------------------- app assignments

    void assignments(DesiredState.Group g, String gid) {
      Map<String, DesiredState.Assignment> want = new LinkedHashMap<>();
      g.assignments().forEach(x -> want.put(x.appId(), x));
      Optional<String> groupId = Optional.ofNullable(gid);
      for (DesiredState.Assignment x : g.assignments()) {
        ActualState.Assignment have = gid == null ? null : a.assignments().getOrDefault(x.appId(), Map.of()).get(gid);
        AssignmentChange.Values after = new AssignmentChange.Values(x.priority(), x.profile());
        if (have == null) {
          add(5, 0, new AssignmentChange(Action.CREATE, g.name(), x.appKey(), Optional.empty(), Optional.of(after),
              "grants " + x.appKey() + " to the group's members", groupId, x.appId()));
          continue;
        }
        // Compare priority only where the manifest sets one; otherwise Okta's value is left alone.
        AssignmentChange.Values before = new AssignmentChange.Values(
            x.priority().isPresent() ? OptionalInt.of(have.priority()) : OptionalInt.empty(), have.profile());
        if (!before.equals(after)) {
          add(5, 0, new AssignmentChange(Action.UPDATE, g.name(), x.appKey(), Optional.of(before), Optional.of(after),
              "assignment settings differ from the manifest", groupId, x.appId()));
        }
      }
      if (gid == null) {
        return;
      }
      d.catalogApps().forEach((key, app) -> {
        ActualState.Assignment have = a.assignments().getOrDefault(app.id(), Map.of()).get(gid);
        if (have != null && !want.containsKey(app.id())) {
          deleteAssignment(g.name(), gid, key, app.id(), have, "not in the manifest: members lose " + key + " through this group");
        }
      });
    }

    void deleteAssignment(String group, String gid, String key, String appId, ActualState.Assignment have, String why) {
      AssignmentChange.Values before = new AssignmentChange.Values(OptionalInt.of(have.priority()), have.profile());
      add(8, 0, new AssignmentChange(Action.DELETE, group, key, Optional.of(before), Optional.empty(), why,
          Optional.of(gid), appId));
    }

    // ---------------------------------------------------------------- push mappings

    void push(DesiredState.Group g, String gid) {
      List<ActualState.Mapping> mine = new ArrayList<>();
      if (gid != null) {
        a.mappings().values().forEach(ms -> ms.stream().filter(m -> m.sourceGroupId().equals(gid)).forEach(mine::add));
      }
      Optional<String> groupId = Optional.ofNullable(gid);
      if (g.push().isPresent()) {
        DesiredState.Push p = g.push().get();
        PushMappingChange.Values after = new PushMappingChange.Values(p.appKey(), p.targetName(), ActualState.MappingStatus.ACTIVE);
        ActualState.Mapping have = mine.stream().filter(m -> m.appId().equals(p.appId())).findFirst().orElse(null);
        if (have == null) {
          add(6, 1, PushMappingChange.create(g.name(), after,
              "Okta keeps '" + p.targetName() + "' in " + p.appKey() + " in step with the group", groupId, p.appId()));
        } else {
          String target = targetName(have);
          PushMappingChange.Values before = new PushMappingChange.Values(p.appKey(), target, have.status());
          if (!target.equalsIgnoreCase(p.targetName())) {
            add(6, 1, PushMappingChange.replace(
                PushMappingChange.delete(g.name(), before,
                    "a mapping's target cannot change, so it is replaced; the downstream group '" + target + "' is kept", groupId,
                    p.appId(), have.id(), false),
                PushMappingChange.create(g.name(), after, "push to the renamed target '" + p.targetName() + "'", groupId,
                    p.appId())));
          } else if (have.status() != ActualState.MappingStatus.ACTIVE) {
            add(6, 1, PushMappingChange.update(g.name(), before, after,
                have.status() == ActualState.MappingStatus.ERROR
                    ? "the mapping is in ERROR (" + Objects.requireNonNullElse(have.errorSummary(), "no summary") + "); reactivating retries the push"
                    : "the mapping was deactivated outside okta-groups",
                groupId, p.appId(), have.id()));
          }
        }
      }
      for (ActualState.Mapping m : mine) {
        if (g.push().isPresent() && g.push().get().appId().equals(m.appId())) {
          continue;
        }
        deleteMapping(g.name(), m, "not in the manifest");
      }
    }

    String targetName(ActualState.Mapping m) {
      return Optional.ofNullable(a.groups().get(m.targetGroupId())).map(ActualState.Group::name).orElse("");
    }

    void deleteMapping(String group, ActualState.Mapping m, String why) {
      String appKey = appKey(m.appId());
      PushMappingChange.Values before = new PushMappingChange.Values(appKey, targetName(m), m.status());
      add(7, 0, PushMappingChange.delete(group, before,
          why + "; deactivated, then deleted; the downstream group is " + (d.keepDownstreamOnDelete() ? "kept" : "deleted too"),
          Optional.of(m.sourceGroupId()), m.appId(), m.id(), !d.keepDownstreamOnDelete()));
    }

    String appKey(String appId) {
      return d.catalogApps().values().stream().filter(x -> x.id().equals(appId)).map(DesiredState.CatalogApp::key).findFirst().orElse(appId);
    }

    // ---------------------------------------------------------------- owned groups without a manifest

    void orphans() {
      Set<String> desiredNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      desiredNames.addAll(d.groups().keySet());
      for (ActualState.Group g : a.groups().values()) {
        if (!ownership.owns(g) || claimed.contains(g.id()) || desiredNames.contains(g.name())) {
          continue;
        }
        if (protectedNames.contains(g.name())) {
          errors.add(new Plan.GroupError(g.name(), "", "'" + g.name() + "' has no manifest but is protected; okta-groups leaves it alone"));
          continue;
        }
        String why = "its manifest was deleted";
        a.mappings().values().forEach(ms -> ms.stream().filter(m -> m.sourceGroupId().equals(g.id())).forEach(m -> deleteMapping(g.name(), m, why)));
        d.catalogApps().forEach((key, app) -> {
          ActualState.Assignment have = a.assignments().getOrDefault(app.id(), Map.of()).get(g.id());
          if (have != null) {
            deleteAssignment(g.name(), g.id(), key, app.id(), have, why + ": members lose " + key + " through this group");
          }
        });
        for (ActualState.Rule r : a.rules().values()) {
          if (r.groupIds().equals(List.of(g.id()))) {
            add(9, 0, RuleChange.delete(g.name(), ruleValues(r), why, Optional.of(g.id()), r.id()));
          }
        }
        GroupChange.Values before = new GroupChange.Values(g.name(), Objects.requireNonNullElse(g.description(), ""),
            Optional.empty(), OptionalInt.of(a.members().getOrDefault(g.id(), Map.of()).size()));
        add(10, 0, GroupChange.delete(g.name(), before, why, g.id()));
      }
    }
  }
}
