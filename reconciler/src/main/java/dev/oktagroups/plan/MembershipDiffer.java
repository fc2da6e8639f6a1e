package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a group's direct members. Managed groups take members only from their rule, so a direct
 * member the rule does not match is removed. Hybrid groups are the rule's matches plus the named
 * exceptions; a rule-managed member is never removed by hand, because Okta would put them on the
 * rule's exclusion list. Manual groups hold exactly the named members.
 */
final class MembershipDiffer {
  private MembershipDiffer() {}

  /**
   * The people a group names, by Okta user id, or what is wrong with the names.
   *
   * @param problems empty when every name is an ACTIVE Okta user
   */
  record People(Map<String, ActualState.User> byId, List<String> problems) {}

  static People resolve(Planning p, DesiredState.Group g) {
    Map<String, ActualState.User> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (DesiredState.Member m : g.members()) {
      ActualState.User u = p.actual.users().get(m.user().toLowerCase(Locale.ROOT));
      if (u == null) {
        problems.add(m.user() + " is not an Okta user (no login or email matches)");
      } else if (!"ACTIVE".equals(u.status())) {
        problems.add(m.user() + " is " + u.status() + ", not ACTIVE");
      } else {
        out.put(u.id(), u);
      }
    }
    return new People(out, problems);
  }

  /** The error for a group whose people did not all resolve. */
  static String refusal(People people) {
    return String.join("; ", people.problems())
        + ". Fix the entry (a typo, or a leaver to remove); this group's changes are withheld until"
        + " then.";
  }

  static List<Staged> changes(
      Planning p, DesiredState.Group g, Optional<String> gid, People people) {
    List<Staged> out = new ArrayList<>();
    Map<String, ActualState.Member> current =
        gid.map(id -> p.actual.members().getOrDefault(id, Map.of())).orElse(Map.of());
    Map<String, DesiredState.Member> byUserId = new HashMap<>();
    for (DesiredState.Member m : g.members()) {
      byUserId.put(p.actual.users().get(m.user().toLowerCase(Locale.ROOT)).id(), m);
    }
    people
        .byId()
        .forEach(
            (id, user) -> {
              if (!current.containsKey(id)) {
                MembershipChange.Values after =
                    new MembershipChange.Values(
                        user.login(), byUserId.get(id).expires(), Optional.empty());
                out.add(
                    Staged.of(
                        Phase.MEMBERS_ADDED,
                        MembershipChange.add(g.name(), after, "named in " + g.path(), gid, id)));
              }
            });
    Map<String, String> expiredOn = new HashMap<>();
    for (DesiredState.Member m : g.expired()) {
      ActualState.User u = p.actual.users().get(m.user().toLowerCase(Locale.ROOT));
      if (u != null) {
        expiredOn.put(u.id(), m.expires().map(Object::toString).orElse(""));
      }
    }
    for (ActualState.Member m : current.values()) {
      if (people.byId().containsKey(m.userId()) || m.via() == ActualState.Via.RULE) {
        continue; // named, or rule-managed: removing by hand would exclude them from the rule
      }
      if (g.selector().map(s -> s.matches(m.profile())).orElse(false)) {
        continue; // the rule matches them: they are, or are about to be, rule-managed
      }
      String why =
          expiredOn.containsKey(m.userId())
              ? "access expired on " + expiredOn.get(m.userId())
              : switch (g.kind()) {
                case MANAGED -> "managed groups never take manual additions";
                case HYBRID -> "neither named as an exception nor matched by the rule";
                case MANUAL -> "not named in " + g.path();
              };
      MembershipChange.Values before =
          new MembershipChange.Values(m.login(), Optional.empty(), Optional.of(m.via()));
      // A current member implies the group exists, so it has an id.
      out.add(
          Staged.of(
              Phase.MEMBERS_REMOVED,
              MembershipChange.remove(g.name(), before, why, gid.orElseThrow(), m.userId())));
    }
    return out;
  }
}
