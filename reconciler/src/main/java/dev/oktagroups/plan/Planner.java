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
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("name", g.name());
      after.put("description", g.description());
      after.put(d.marker().attribute(), d.marker().value());
      if (existing == null) {
        add(1, 0, new Change(Action.CREATE, Resource.GROUP, g.name(), "", Map.of(), after, "new manifest " + g.path(), Map.of()));
        return;
      }
      Map<String, Object> before = new LinkedHashMap<>();
      before.put("name", existing.name());
      before.put("description", Objects.requireNonNullElse(existing.description(), ""));
      existing.attribute(d.marker().attribute()).ifPresent(v -> before.put(d.marker().attribute(), v));
      if (!before.equals(after)) {
        List<String> why = new ArrayList<>();
        if (adopting) {
          why.add("adopt the existing group");
        }
        if (!Objects.equals(before.get("description"), after.get("description"))) {
          why.add("description differs from the manifest");
        }
        if (!existing.name().equals(g.name())) {
          why.add("name case differs from the manifest");
        }
        if (!adopting && !Objects.equals(before.get(d.marker().attribute()), after.get(d.marker().attribute()))) {
          why.add("ownership marker missing");
        }
        add(1, 0, new Change(Action.UPDATE, Resource.GROUP, g.name(), "", before, after, String.join("; ", why),
            Map.of("groupId", existing.id())));
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
      for (ActualState.Rule r : invalidOrphans) {
        add(2, 0, new Change(Action.DELETE, Resource.RULE, g.name(), "", ruleBefore(r), Map.of(),
            "INVALID leftover: its target group was deleted", Map.of("ruleId", r.id())));
      }
      if (g.rule().isEmpty()) {
        if (ours != null) {
          add(9, 0, new Change(Action.DELETE, Resource.RULE, g.name(), "", ruleBefore(ours), Map.of(),
              g.kind().label() + " groups have no rule; members stay as direct members until planned otherwise", ids("ruleId", ours.id(), "groupId", gid)));
        }
        return new RuleSituation();
      }
      DesiredState.Rule want = g.rule().get();
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("name", want.name());
      after.put("expression", want.expression());
      after.put("status", "ACTIVE");
      after.put("excludedUsers", List.of());
      if (ours == null) {
        add(2, 1, new Change(Action.CREATE, Resource.RULE, g.name(), "", Map.of(), after, "the " + g.kind().label() + " group's selector",
            gid == null ? Map.of() : Map.of("groupId", gid)));
        return new RuleSituation();
      }
      Map<String, Object> before = ruleBefore(ours);
      if (ours.status() == ActualState.RuleStatus.INVALID) {
        add(2, 0, new Change(Action.DELETE, Resource.RULE, g.name(), "", before, Map.of(),
            "the rule is INVALID; Okta allows only reading or deleting it, so it is replaced", ids("ruleId", ours.id(), "groupId", gid)));
        add(2, 1, new Change(Action.CREATE, Resource.RULE, g.name(), "", Map.of(), after, "replaces the INVALID rule", Map.of("groupId", gid)));
        return new RuleSituation();
      }
      if (!before.equals(after)) {
        List<String> why = new ArrayList<>();
        if (!Objects.equals(before.get("expression"), after.get("expression"))) {
          why.add("selector changed");
        }
        if (!((List<?>) before.get("excludedUsers")).isEmpty()) {
          why.add("exclusions added outside okta-groups are reset (" + g.kind().label() + " groups follow their selector)");
        }
        if (!"ACTIVE".equals(before.get("status"))) {
          why.add("the rule was deactivated outside okta-groups");
        }
        add(2, 1, new Change(Action.UPDATE, Resource.RULE, g.name(), "", before, after,
            String.join("; ", why) + "; updated in place (deactivate, replace, activate), never replaced",
            ids("ruleId", ours.id(), "groupId", gid)));
      }
      return new RuleSituation();
    }

    Map<String, Object> ruleBefore(ActualState.Rule r) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("expression", r.expression());
      m.put("status", r.status().name());
      m.put("excludedUsers", r.excludedUsers());
      return m;
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
          Map<String, Object> after = new LinkedHashMap<>();
          after.put("user", e.getValue().login());
          m.expires().ifPresent(x -> after.put("expires", x.toString()));
          add(3, 0, new Change(Action.CREATE, Resource.MEMBERSHIP, g.name(), e.getValue().login(), Map.of(), after,
              "named in " + g.path(), gid == null ? Map.of("userId", e.getKey()) : Map.of("userId", e.getKey(), "groupId", gid)));
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
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("user", m.login());
        before.put("via", m.via().name());
        add(4, 0, new Change(Action.DELETE, Resource.MEMBERSHIP, g.name(), m.login(), before, Map.of(), why,
            Map.of("userId", m.userId(), "groupId", gid)));
      }
    }

    // ---------------------------------------------------------------- app assignments

    void assignments(DesiredState.Group g, String gid) {
      Map<String, DesiredState.Assignment> want = new LinkedHashMap<>();
      g.assignments().forEach(x -> want.put(x.appId(), x));
      for (DesiredState.Assignment x : g.assignments()) {
        ActualState.Assignment have = gid == null ? null : a.assignments().getOrDefault(x.appId(), Map.of()).get(gid);
        Map<String, Object> after = new LinkedHashMap<>();
        x.priority().ifPresent(p -> after.put("priority", p));
        after.put("profile", x.profile());
        Map<String, String> ids = gid == null ? Map.of("appId", x.appId()) : Map.of("appId", x.appId(), "groupId", gid);
        if (have == null) {
          add(5, 0, new Change(Action.CREATE, Resource.APP_ASSIGNMENT, g.name(), x.appKey(), Map.of(), after,
              "grants " + x.appKey() + " to the group's members", ids));
          continue;
        }
        Map<String, Object> before = new LinkedHashMap<>();
        if (x.priority().isPresent()) {
          before.put("priority", have.priority());
        }
        before.put("profile", have.profile());
        if (!before.equals(after)) {
          add(5, 0, new Change(Action.UPDATE, Resource.APP_ASSIGNMENT, g.name(), x.appKey(), before, after,
              "assignment settings differ from the manifest", ids));
        }
      }
      if (gid == null) {
        return;
      }
      d.catalogApps().forEach((key, app) -> {
        ActualState.Assignment have = a.assignments().getOrDefault(app.id(), Map.of()).get(gid);
        if (have != null && !want.containsKey(app.id())) {
          Map<String, Object> before = new LinkedHashMap<>();
          before.put("priority", have.priority());
          before.put("profile", have.profile());
          add(8, 0, new Change(Action.DELETE, Resource.APP_ASSIGNMENT, g.name(), key, before, Map.of(),
              "not in the manifest: members lose " + key + " through this group", Map.of("appId", app.id(), "groupId", gid)));
        }
      });
    }

    // ---------------------------------------------------------------- push mappings

    void push(DesiredState.Group g, String gid) {
      List<ActualState.Mapping> mine = new ArrayList<>();
      if (gid != null) {
        a.mappings().values().forEach(ms -> ms.stream().filter(m -> m.sourceGroupId().equals(gid)).forEach(mine::add));
      }
      if (g.push().isPresent()) {
        DesiredState.Push p = g.push().get();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("app", p.appKey());
        after.put("target", p.targetName());
        after.put("status", "ACTIVE");
        ActualState.Mapping have = mine.stream().filter(m -> m.appId().equals(p.appId())).findFirst().orElse(null);
        Map<String, String> ids = gid == null ? Map.of("appId", p.appId()) : Map.of("appId", p.appId(), "groupId", gid);
        if (have == null) {
          add(6, 1, new Change(Action.CREATE, Resource.PUSH_MAPPING, g.name(), p.appKey(), Map.of(), after,
              "Okta keeps '" + p.targetName() + "' in " + p.appKey() + " in step with the group", ids));
        } else {
          String target = Optional.ofNullable(a.groups().get(have.targetGroupId())).map(ActualState.Group::name).orElse("");
          Map<String, Object> before = new LinkedHashMap<>();
          before.put("app", p.appKey());
          before.put("target", target);
          before.put("status", have.status().name());
          Map<String, String> mids = new LinkedHashMap<>(ids);
          mids.put("mappingId", have.id());
          mids.put("deleteTargetGroup", "false");
          if (!target.equalsIgnoreCase(p.targetName())) {
            add(6, 0, new Change(Action.DELETE, Resource.PUSH_MAPPING, g.name(), p.appKey(), before, Map.of(),
                "a mapping's target cannot change, so it is replaced; the downstream group '" + target + "' is kept", mids));
            add(6, 1, new Change(Action.CREATE, Resource.PUSH_MAPPING, g.name(), p.appKey(), Map.of(), after,
                "push to the renamed target '" + p.targetName() + "'", ids));
          } else if (have.status() != ActualState.MappingStatus.ACTIVE) {
            add(6, 1, new Change(Action.UPDATE, Resource.PUSH_MAPPING, g.name(), p.appKey(), before, after,
                have.status() == ActualState.MappingStatus.ERROR
                    ? "the mapping is in ERROR (" + Objects.requireNonNullElse(have.errorSummary(), "no summary") + "); reactivating retries the push"
                    : "the mapping was deactivated outside okta-groups",
                mids));
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

    void deleteMapping(String group, ActualState.Mapping m, String why) {
      String appKey = appKey(m.appId());
      Map<String, Object> before = new LinkedHashMap<>();
      before.put("app", appKey);
      before.put("target", Optional.ofNullable(a.groups().get(m.targetGroupId())).map(ActualState.Group::name).orElse(""));
      before.put("status", m.status().name());
      add(7, 0, new Change(Action.DELETE, Resource.PUSH_MAPPING, group, appKey, before, Map.of(),
          why + "; deactivated, then deleted; the downstream group is " + (d.keepDownstreamOnDelete() ? "kept" : "deleted too"),
          Map.of("appId", m.appId(), "mappingId", m.id(), "groupId", m.sourceGroupId(),
              "deleteTargetGroup", Boolean.toString(!d.keepDownstreamOnDelete()))));
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
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("priority", have.priority());
            before.put("profile", have.profile());
            add(8, 0, new Change(Action.DELETE, Resource.APP_ASSIGNMENT, g.name(), key, before, Map.of(),
                why + ": members lose " + key + " through this group", Map.of("appId", app.id(), "groupId", g.id())));
          }
        });
        for (ActualState.Rule r : a.rules().values()) {
          if (r.groupIds().equals(List.of(g.id()))) {
            add(9, 0, new Change(Action.DELETE, Resource.RULE, g.name(), "", ruleBefore(r), Map.of(), why, ids("ruleId", r.id(), "groupId", g.id())));
          }
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("name", g.name());
        before.put("description", Objects.requireNonNullElse(g.description(), ""));
        before.put("members", a.members().getOrDefault(g.id(), Map.of()).size());
        add(10, 0, new Change(Action.DELETE, Resource.GROUP, g.name(), "", before, Map.of(), why, Map.of("groupId", g.id())));
      }
    }

    private static Map<String, String> ids(String... kv) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < kv.length; i += 2) {
        if (kv[i + 1] != null) {
          m.put(kv[i], kv[i + 1]);
        }
      }
      return m;
    }
  }
}
