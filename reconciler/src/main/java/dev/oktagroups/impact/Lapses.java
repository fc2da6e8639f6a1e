package dev.oktagroups.impact;

import dev.oktagroups.plan.Impact;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Named entries whose access ends within {@link Impact#EXPIRY_WINDOW_DAYS}: who will lose a group
 * on their last day, once this plan is applied, and the apps and downstream groups they lose with
 * it.
 *
 * <p>An entry's lapse removes only what the planner would remove: a direct member whom the group's
 * selector does not match. A rule-managed member, or one the selector matches, keeps the group, so
 * is not listed. An app is lost only if no other group gives it to the person after the plan,
 * leaving aside groups whose entry for them lapses on the same day or earlier.
 */
final class Lapses {
  /** One entry that lapses within the window, for a person who is a member after the plan. */
  private record Lapse(String group, String userId, String login, LocalDate expires) {}

  private Lapses() {}

  /**
   * By group, the members whose entry lapses within the window, soonest first.
   *
   * @param sides the members before and after of each group the plan changes; the others keep the
   *     members Okta has
   * @param ruleAdds for each group whose rule the plan creates or edits, the ids its rule adds
   */
  static Map<String, List<Impact.Expiring>> of(
      Plan plan,
      DesiredState desired,
      ActualState actual,
      Map<String, Membership.Sides> sides,
      Map<String, Set<String>> ruleAdds,
      Access access,
      LocalDate today) {
    List<Lapse> lapses = new ArrayList<>();
    for (DesiredState.Group g : desired.groups().values()) {
      Map<String, ActualState.Member> current =
          Membership.groupId(plan, actual, g.name())
              .map(id -> actual.members().getOrDefault(id, Map.of()))
              .orElse(Map.of());
      Map<String, String> after =
          sides.containsKey(g.name()) ? sides.get(g.name()).after() : logins(current);
      lapses.addAll(lapses(g, actual, current, after, ruleAdds.get(g.name()), today));
    }
    lapses.sort(Comparator.comparing(Lapse::expires).thenComparing(Lapse::login));
    Map<String, Map<String, LocalDate>> byPerson = new HashMap<>();
    lapses.forEach(
        l ->
            byPerson.computeIfAbsent(l.userId(), k -> new HashMap<>()).put(l.group(), l.expires()));
    Map<String, List<Impact.Expiring>> out = new TreeMap<>();
    for (Lapse l : lapses) {
      out.computeIfAbsent(l.group(), k -> new ArrayList<>())
          .add(expiring(l, desired.groups().get(l.group()), byPerson.get(l.userId()), access));
    }
    return out;
  }

  /** The group's entries that lapse within the window, for people who are members after. */
  private static List<Lapse> lapses(
      DesiredState.Group g,
      ActualState actual,
      Map<String, ActualState.Member> current,
      Map<String, String> after,
      Set<String> ruleAdds,
      LocalDate today) {
    List<Lapse> out = new ArrayList<>();
    for (DesiredState.Member m : g.members()) {
      Optional<LocalDate> ends = m.expires();
      ActualState.User u = actual.users().get(m.user().toLowerCase(Locale.ROOT));
      if (ends.isEmpty()
          || ChronoUnit.DAYS.between(today, ends.get()) > Impact.EXPIRY_WINDOW_DAYS
          || u == null
          || !after.containsKey(u.id())
          || keptByRule(g, current.get(u.id()), ruleAdds, u.id())) {
        continue;
      }
      out.add(new Lapse(g.name(), u.id(), after.get(u.id()), ends.get()));
    }
    return out;
  }

  private static Map<String, String> logins(Map<String, ActualState.Member> members) {
    Map<String, String> out = new HashMap<>();
    members.forEach((id, m) -> out.put(id, m.login()));
    return out;
  }

  /** Whether the person stays after their entry lapses, because the group's rule holds them. */
  private static boolean keptByRule(
      DesiredState.Group g, ActualState.Member now, Set<String> ruleAdds, String userId) {
    if (ruleAdds != null && ruleAdds.contains(userId)) {
      return true;
    }
    if (now == null) {
      return false;
    }
    return now.via() == ActualState.Via.RULE
        || g.selector().map(s -> s.matches(now.profile())).orElse(false);
  }

  private static Impact.Expiring expiring(
      Lapse l, DesiredState.Group g, Map<String, LocalDate> lapsing, Access access) {
    List<String> lost = new ArrayList<>();
    Map<String, List<String>> kept = new TreeMap<>();
    for (String app : access.appsAfter(l.group())) {
      List<String> via =
          access.othersGiving(app, l.userId(), l.group()).stream()
              .filter(o -> !lapsing.containsKey(o) || lapsing.get(o).isAfter(l.expires()))
              .toList();
      if (via.isEmpty()) {
        lost.add(app);
      } else {
        kept.put(app, via);
      }
    }
    List<String> pushes =
        g.push().map(p -> List.of(p.appKey() + " " + p.targetName())).orElse(List.of());
    return new Impact.Expiring(l.login(), l.expires(), lost, kept, pushes);
  }
}
