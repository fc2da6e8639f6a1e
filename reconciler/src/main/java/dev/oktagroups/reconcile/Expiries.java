package dev.oktagroups.reconcile;

import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.Member;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Named members whose access ends soon, or has ended and is still written in a manifest. Expiry
 * dates live in Git, so this needs no Okta access.
 */
public final class Expiries {
  private Expiries() {}

  /**
   * One entry whose access ends.
   *
   * @param daysLeft days until the last day of access; negative once it has passed
   */
  public record Expiring(
      String group,
      List<String> owners,
      String user,
      LocalDate expires,
      long daysLeft,
      String reason,
      String request,
      String path) {
    public Expiring {
      owners = List.copyOf(owners);
    }

    /** Whether the last day of access has passed: the next apply removes the person. */
    public boolean expired() {
      return daysLeft < 0;
    }
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
                  m.path()));
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
