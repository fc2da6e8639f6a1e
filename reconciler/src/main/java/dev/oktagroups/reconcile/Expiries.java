package dev.oktagroups.reconcile;

import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.Member;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.Ownership;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named members whose access ends soon, or has ended and is still written in a manifest. Expiry
 * dates live in Git, so listing them needs no Okta access; {@link #checked} adds, for each, what
 * Okta holds: whether the person still exists, is ACTIVE and is still in the group.
 */
public final class Expiries {
  private Expiries() {}

  /**
   * One entry whose access ends.
   *
   * @param daysLeft days until the last day of access; negative once it has passed
   * @param okta what Okta holds for the person; empty when Okta was not read
   */
  public record Expiring(
      String group,
      List<String> owners,
      String user,
      LocalDate expires,
      long daysLeft,
      String reason,
      String request,
      String path,
      Optional<InOkta> okta) {
    public Expiring {
      owners = List.copyOf(owners);
    }

    Expiring with(InOkta o) {
      return new Expiring(
          group, owners, user, expires, daysLeft, reason, request, path, Optional.of(o));
    }

    /** Whether the last day of access has passed: the next apply removes the person. */
    public boolean expired() {
      return daysLeft < 0;
    }
  }

  /**
   * What Okta holds for one entry's person.
   *
   * @param group whether the group exists in Okta (it may not be applied yet)
   * @param status the person's Okta status, such as ACTIVE or DEPROVISIONED; empty when no Okta
   *     user has the login or email
   * @param member whether the person is a member of the group now
   */
  public record InOkta(boolean group, Optional<String> status, boolean member) {
    /**
     * One phrase for a report: {@code member}, {@code already gone} (not in the group any more),
     * {@code deactivated}, {@code member, suspended} (another status), {@code not in Okta} (no such
     * user) or {@code group not in Okta}.
     */
    public String describe() {
      if (status.isEmpty()) {
        return "not in Okta";
      }
      if (status.get().equals("DEPROVISIONED")) {
        return "deactivated";
      }
      if (!group) {
        return "group not in Okta";
      }
      if (!member) {
        return "already gone";
      }
      return status.get().equals("ACTIVE")
          ? "member"
          : "member, " + status.get().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The narrowest read that answers {@link #checked}: the groups and people of the entries, and no
   * apps.
   */
  static Plan.Scope scope(Plan.Scope full, List<Expiring> entries) {
    Set<String> groups = new TreeSet<>();
    Set<String> users = new TreeSet<>();
    entries.forEach(
        e -> {
          groups.add(e.group());
          users.add(e.user().toLowerCase(Locale.ROOT));
        });
    return new Plan.Scope(
        groups, users, Map.of(), Set.of(), full.markerAttribute(), full.markerValue());
  }

  /** The entries, each with what {@code actual}, read over {@code scope}, holds for its person. */
  static List<Expiring> checked(List<Expiring> entries, ActualState actual, Plan.Scope scope) {
    Ownership ownership = scope.ownership();
    List<Expiring> out = new ArrayList<>();
    for (Expiring e : entries) {
      Optional<ActualState.Group> g =
          actual.groups().values().stream()
              .filter(x -> x.name().equalsIgnoreCase(e.group()) && ownership.inReadScope(x))
              .findFirst();
      Optional<ActualState.User> u =
          Optional.ofNullable(actual.users().get(e.user().toLowerCase(Locale.ROOT)));
      boolean member =
          g.isPresent()
              && u.isPresent()
              && actual.members().getOrDefault(g.get().id(), Map.of()).containsKey(u.get().id());
      out.add(e.with(new InOkta(g.isPresent(), u.map(ActualState.User::status), member)));
    }
    return out;
  }

  /**
   * Entries whose last day of access is within {@code days} of {@code today}, and those already
   * past, soonest first, then by group.
   */
  public static List<Expiring> within(Preparation.Prepared p, LocalDate today, long days) {
    List<Expiring> out = new ArrayList<>();
    for (GroupManifest m : p.manifests()) {
      for (Member mem : m.members()) {
        if (mem.expires().isEmpty()) {
          continue;
        }
        LocalDate e = mem.expires().get();
        long left = ChronoUnit.DAYS.between(today, e);
        if (left <= days) {
          out.add(
              new Expiring(
                  m.name(),
                  m.owners(),
                  mem.user(),
                  e,
                  left,
                  mem.reason(),
                  mem.request(),
                  m.path(),
                  Optional.empty()));
        }
      }
    }
    out.sort(
        Comparator.comparing(Expiring::expires)
            .thenComparing(Expiring::group)
            .thenComparing(Expiring::user));
    return out;
  }
}
