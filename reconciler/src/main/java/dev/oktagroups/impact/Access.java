package dev.oktagroups.impact;

import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.Impact;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who holds each catalog app through groups, before and after a plan, so that a person leaving one
 * group but keeping the app through another is not counted as losing it.
 */
final class Access {
  /** A group's apps and members on one side of the plan. */
  private record Side(Map<String, Set<String>> apps, Map<String, Map<String, String>> members) {}

  private final Side before;
  private final Side after;
  private final Set<String> unread;

  private Access(Side before, Side after, Set<String> unread) {
    this.before = before;
    this.after = after;
    this.unread = unread;
  }

  static Access of(
      DesiredState desired,
      ActualState actual,
      Map<String, String> appKeys,
      Map<String, List<Change>> byGroup,
      Map<String, Membership.Sides> sides) {
    Map<String, String> names = new HashMap<>();
    actual.groups().values().forEach(g -> names.put(g.id(), g.name()));
    Map<String, Set<String>> appsBefore = new HashMap<>();
    actual
        .assignments()
        .forEach(
            (appId, byGid) ->
                byGid.keySet().stream()
                    .map(names::get)
                    .filter(n -> n != null && appKeys.containsKey(appId))
                    .forEach(
                        n ->
                            appsBefore
                                .computeIfAbsent(n, k -> new TreeSet<>())
                                .add(appKeys.get(appId))));
    Map<String, Map<String, String>> membersBefore = new HashMap<>();
    actual
        .members()
        .forEach(
            (gid, ms) -> {
              Map<String, String> logins = new HashMap<>();
              ms.forEach((id, m) -> logins.put(id, m.login()));
              membersBefore.put(names.getOrDefault(gid, gid), logins);
            });
    Map<String, Set<String>> appsAfter = new HashMap<>(appsBefore);
    Map<String, Map<String, String>> membersAfter = new HashMap<>(membersBefore);
    for (Map.Entry<String, Membership.Sides> e : sides.entrySet()) {
      String g = e.getKey();
      membersAfter.put(g, e.getValue().after());
      DesiredState.Group d = desired.groups().get(g);
      if (Membership.deleted(byGroup.get(g))) {
        appsAfter.put(g, Set.of());
      } else if (d != null) {
        Set<String> keys = new TreeSet<>();
        d.assignments().forEach(a -> keys.add(a.appKey()));
        appsAfter.put(g, keys);
      }
    }
    Set<String> unread = new HashSet<>();
    for (String g : union(appsBefore.keySet(), appsAfter.keySet())) {
      if (!membersBefore.containsKey(g) && !sides.containsKey(g)) {
        unread.add(g);
      }
    }
    return new Access(
        new Side(appsBefore, membersBefore), new Side(appsAfter, membersAfter), unread);
  }

  /** What the members of {@code group} gain and lose through its app assignments. */
  List<Impact.App> apps(String group, Membership.Sides s) {
    Set<String> keys =
        new TreeSet<>(
            union(
                before.apps.getOrDefault(group, Set.of()),
                after.apps.getOrDefault(group, Set.of())));
    List<Impact.App> out = new ArrayList<>();
    for (String app : keys) {
      Map<String, String> hadHere =
          before.apps.getOrDefault(group, Set.of()).contains(app) ? s.before() : Map.of();
      Map<String, String> hasHere =
          after.apps.getOrDefault(group, Set.of()).contains(app) ? s.after() : Map.of();
      Set<String> heldBefore = holders(before, app);
      Map<String, List<String>> heldAfter = holdersWithGroups(after, app);
      List<String> gains = new ArrayList<>();
      hasHere.forEach(
          (id, login) -> {
            if (!heldBefore.contains(id)) {
              gains.add(login);
            }
          });
      List<String> losses = new ArrayList<>();
      Map<String, List<String>> kept = new TreeMap<>();
      hadHere.forEach(
          (id, login) -> {
            if (hasHere.containsKey(id)) {
              return;
            }
            List<String> via = heldAfter.get(id);
            if (via == null) {
              losses.add(login);
            } else {
              kept.put(login, via);
            }
          });
      List<String> others = new ArrayList<>();
      for (String g : new TreeSet<>(unread)) {
        if (before.apps.getOrDefault(g, Set.of()).contains(app)
            || after.apps.getOrDefault(g, Set.of()).contains(app)) {
          others.add(g);
        }
      }
      out.add(new Impact.App(app, sort(gains), sort(losses), kept, others));
    }
    return out;
  }

  /** The catalog apps {@code group} gives once the plan is applied. */
  Set<String> appsAfter(String group) {
    return after.apps.getOrDefault(group, Set.of());
  }

  /**
   * The groups other than {@code group} that give the person {@code app} after the plan, sorted.
   */
  List<String> othersGiving(String app, String userId, String group) {
    List<String> out = new ArrayList<>();
    new TreeMap<>(after.apps)
        .forEach(
            (g, apps) -> {
              if (!g.equals(group)
                  && apps.contains(app)
                  && after.members.getOrDefault(g, Map.of()).containsKey(userId)) {
                out.add(g);
              }
            });
    return out;
  }

  private static Set<String> holders(Side side, String app) {
    Set<String> out = new HashSet<>();
    side.apps.forEach(
        (g, apps) -> {
          if (apps.contains(app)) {
            out.addAll(side.members.getOrDefault(g, Map.of()).keySet());
          }
        });
    return out;
  }

  private static Map<String, List<String>> holdersWithGroups(Side side, String app) {
    Map<String, List<String>> out = new HashMap<>();
    new TreeMap<>(side.apps)
        .forEach(
            (g, apps) -> {
              if (apps.contains(app)) {
                side.members
                    .getOrDefault(g, Map.of())
                    .keySet()
                    .forEach(id -> out.computeIfAbsent(id, k -> new ArrayList<>()).add(g));
              }
            });
    return out;
  }

  private static List<String> sort(List<String> l) {
    return List.copyOf(new TreeSet<>(l));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return out;
  }
}
