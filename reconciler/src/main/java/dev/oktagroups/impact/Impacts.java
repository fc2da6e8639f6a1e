package dev.oktagroups.impact;

import dev.oktagroups.plan.Action;
import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.ChannelLinkChange;
import dev.oktagroups.plan.Impact;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanText;
import dev.oktagroups.plan.PushMappingChange;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.state.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes a plan's impact on people. Call {@link #searches} for the directory queries the plan
 * needs (one per group whose rule is created or edited), run them, and hand the people to {@link
 * #compute}. Groups whose rule does not change need no query: Okta's members already are the rule's
 * verdict.
 */
public final class Impacts {
  private Impacts() {}

  /** For each group whose rule the plan creates or edits, the SCIM search for its candidates. */
  public static Map<String, String> searches(Plan plan, DesiredState desired) {
    Map<String, String> out = new TreeMap<>();
    PlanText.byGroup(plan.changes())
        .forEach(
            (group, changes) -> {
              DesiredState.Group d = desired.groups().get(group);
              if (d != null && d.selector().isPresent() && Membership.ruleChanges(changes)) {
                out.put(group, d.selector().get().search().orElse("status eq \"ACTIVE\""));
              }
            });
    return out;
  }

  /**
   * The impact of {@code plan}.
   *
   * @param found for each group {@link #searches} named, the people its search returned; the
   *     selector's matcher picks those the rule will add
   */
  public static Impact compute(
      Plan plan, DesiredState desired, ActualState actual, Map<String, List<Person>> found) {
    Map<String, String> appKeys = new HashMap<>();
    desired.catalogApps().values().forEach(a -> appKeys.put(a.id(), a.key()));
    Map<String, List<Change>> byGroup = PlanText.byGroup(plan.changes());
    Map<String, Membership.Sides> sides = new LinkedHashMap<>();
    for (Map.Entry<String, List<Change>> e : byGroup.entrySet()) {
      String name = e.getKey();
      Optional<String> gid = Membership.groupId(plan, actual, name);
      Optional<DesiredState.Group> d = Optional.ofNullable(desired.groups().get(name));
      Optional<List<Person>> matched =
          Optional.ofNullable(found.get(name))
              .map(ps -> ps.stream().filter(p -> rulePicks(d, p)).toList());
      Map<String, ActualState.Member> current =
          gid.map(id -> actual.members().getOrDefault(id, Map.of())).orElse(Map.of());
      sides.put(name, Membership.of(e.getValue(), d, current, matched));
    }
    Access access = Access.of(desired, actual, appKeys, byGroup, sides);
    List<Impact.Group> out = new ArrayList<>();
    for (Map.Entry<String, Membership.Sides> e : sides.entrySet()) {
      String name = e.getKey();
      Membership.Sides s = e.getValue();
      List<Impact.App> apps = access.apps(name, s);
      List<Impact.Push> pushes = pushes(name, byGroup.get(name), desired, s);
      List<Impact.Channel> channels = channels(byGroup.get(name), appKeys, s);
      List<String> gains = logins(s.after(), s.before().keySet());
      List<String> losses = logins(s.before(), s.after().keySet());
      boolean any =
          !gains.isEmpty()
              || !losses.isEmpty()
              || apps.stream().anyMatch(a -> !a.gains().isEmpty() || !a.losses().isEmpty())
              || pushes.stream().anyMatch(p -> !p.gains().isEmpty() || !p.losses().isEmpty())
              || !channels.isEmpty();
      if (any) {
        out.add(
            new Impact.Group(
                name,
                gains,
                losses,
                apps,
                pushes,
                s.before().size(),
                Membership.deleted(byGroup.get(name)),
                channels));
      }
    }
    return new Impact.Known(out);
  }

  private static boolean rulePicks(Optional<DesiredState.Group> d, Person p) {
    return p.rulesApply() && d.flatMap(DesiredState.Group::selector).get().matches(p.profile());
  }

  /** The logins in {@code from} whose ids are not in {@code except}, sorted. */
  static List<String> logins(Map<String, String> from, Set<String> except) {
    TreeSet<String> out = new TreeSet<>();
    from.forEach(
        (id, login) -> {
          if (!except.contains(id)) {
            out.add(login);
          }
        });
    return List.copyOf(out);
  }

  /**
   * The channels the plan links: linking adds the user group's members, which are the group's
   * members once the plan is applied and Okta's push has run. Unlinking adds and removes nobody.
   */
  private static List<Impact.Channel> channels(
      List<Change> changes, Map<String, String> appKeys, Membership.Sides s) {
    List<Impact.Channel> out = new ArrayList<>();
    for (Change c : changes) {
      if (c instanceof ChannelLinkChange l && l.action() == Action.CREATE) {
        out.add(
            new Impact.Channel(
                appKeys.getOrDefault(l.appId(), l.appId()), l.key(), sorted(s.after())));
      }
    }
    return out;
  }

  /** The downstream group before and after: people pushed there follow the group's members. */
  private static List<Impact.Push> pushes(
      String group, List<Change> changes, DesiredState desired, Membership.Sides s) {
    Optional<DesiredState.Push> after =
        Membership.deleted(changes)
            ? Optional.empty()
            : Optional.ofNullable(desired.groups().get(group)).flatMap(DesiredState.Group::push);
    Optional<PushMappingChange.Values> removed = Optional.empty();
    boolean targetDeleted = false;
    Optional<PushMappingChange.Values> created = Optional.empty();
    for (Change c : changes) {
      for (Change step : c.steps()) {
        if (step instanceof PushMappingChange m) {
          if (m.before().isPresent() && m.after().isEmpty()) {
            removed = m.before();
            targetDeleted = m.deleteTargetGroup();
          } else if (m.before().isEmpty() && m.after().isPresent()) {
            created = m.after();
          }
        }
      }
    }
    List<Impact.Push> out = new ArrayList<>();
    if (removed.isPresent()) {
      // A downstream group that is kept keeps its members; it only stops following the group.
      out.add(
          new Impact.Push(
              removed.get().app(),
              removed.get().target(),
              List.of(),
              targetDeleted ? sorted(s.before()) : List.of()));
    }
    if (created.isPresent()) {
      out.add(
          new Impact.Push(
              created.get().app(), created.get().target(), sorted(s.after()), List.of()));
    }
    if (removed.isEmpty() && created.isEmpty() && after.isPresent()) {
      out.add(
          new Impact.Push(
              after.get().appKey(),
              after.get().targetName(),
              logins(s.after(), s.before().keySet()),
              logins(s.before(), s.after().keySet())));
    }
    return out;
  }

  private static List<String> sorted(Map<String, String> members) {
    return List.copyOf(new TreeSet<>(members.values()));
  }
}
