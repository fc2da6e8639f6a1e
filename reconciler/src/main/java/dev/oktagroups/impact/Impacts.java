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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
   * @param today the date expiries are judged against: entries ending within {@link
   *     Impact#EXPIRY_WINDOW_DAYS} of it are listed as {@link Impact.Group#expiring}
   */
  public static Impact compute(
      Plan plan,
      DesiredState desired,
      ActualState actual,
      Map<String, List<Person>> found,
      LocalDate today) {
    Map<String, List<Change>> byGroup = PlanText.byGroup(plan.changes());
    Map<String, Set<String>> ruleAdds = new HashMap<>();
    Map<String, Membership.Sides> sides = new LinkedHashMap<>();
    for (Map.Entry<String, List<Change>> e : byGroup.entrySet()) {
      String name = e.getKey();
      Optional<String> gid = Membership.groupId(plan, actual, name);
      Optional<DesiredState.Group> d = Optional.ofNullable(desired.groups().get(name));
      Optional<List<Person>> matched =
          Optional.ofNullable(found.get(name))
              .map(ps -> ps.stream().filter(p -> rulePicks(d, p)).toList());
      matched.ifPresent(ps -> ruleAdds.put(name, ids(ps)));
      Map<String, ActualState.Member> current =
          gid.map(id -> actual.members().getOrDefault(id, Map.of())).orElse(Map.of());
      sides.put(name, Membership.of(e.getValue(), d, current, matched));
    }
    Map<String, String> appKeys = appKeys(desired);
    Access access = Access.of(desired, actual, appKeys, byGroup, sides);
    Map<String, List<Impact.Expiring>> expiring =
        Lapses.of(plan, desired, actual, sides, ruleAdds, access, today);
    List<Impact.Group> out = new ArrayList<>();
    sides.forEach(
        (name, s) ->
            entry(
                    name,
                    s,
                    byGroup.get(name),
                    desired,
                    access,
                    appKeys,
                    expiring.getOrDefault(name, List.of()))
                .ifPresent(out::add));
    expiring.forEach(
        (name, list) -> {
          if (!sides.containsKey(name)) {
            int members =
                Membership.groupId(plan, actual, name)
                    .map(id -> actual.members().getOrDefault(id, Map.of()).size())
                    .orElse(0);
            out.add(
                new Impact.Group(
                    name, List.of(), List.of(), List.of(), List.of(), members, false, List.of(),
                    list));
          }
        });
    return new Impact.Known(out);
  }

  /**
   * One group's entry, when its people, apps, push target or channels change or entries lapse soon.
   */
  private static Optional<Impact.Group> entry(
      String name,
      Membership.Sides s,
      List<Change> changes,
      DesiredState desired,
      Access access,
      Map<String, String> appKeys,
      List<Impact.Expiring> expiring) {
    List<Impact.App> apps = access.apps(name, s);
    List<Impact.Push> pushes = pushes(name, changes, desired, s);
    List<Impact.Channel> channels = channels(changes, appKeys, s);
    List<String> gains = logins(s.after(), s.before().keySet());
    List<String> losses = logins(s.before(), s.after().keySet());
    boolean any =
        !gains.isEmpty()
            || !losses.isEmpty()
            || !expiring.isEmpty()
            || apps.stream().anyMatch(a -> !a.gains().isEmpty() || !a.losses().isEmpty())
            || pushes.stream().anyMatch(p -> !p.gains().isEmpty() || !p.losses().isEmpty())
            || !channels.isEmpty();
    if (!any) {
      return Optional.empty();
    }
    return Optional.of(
        new Impact.Group(
            name,
            gains,
            losses,
            apps,
            pushes,
            s.before().size(),
            Membership.deleted(changes),
            channels,
            expiring));
  }

  private static Map<String, String> appKeys(DesiredState desired) {
    Map<String, String> out = new HashMap<>();
    desired.catalogApps().values().forEach(a -> out.put(a.id(), a.key()));
    return out;
  }

  private static Set<String> ids(List<Person> people) {
    Set<String> out = new HashSet<>();
    people.forEach(p -> out.add(p.id()));
    return out;
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
