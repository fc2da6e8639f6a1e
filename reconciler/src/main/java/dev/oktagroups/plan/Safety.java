package dev.oktagroups.plan;

import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The safety rails every plan passes before apply writes anything: caps on deletions and member
 * removals (absolute and as a fraction, like peribolos' maximum removal delta), protected groups,
 * and never touching a group okta-groups does not own or a BUILT_IN or APP_GROUP group.
 */
public final class Safety {
  /**
   * The caps. A fraction cap only applies above {@link #FRACTION_FLOOR} objects, so deleting one of
   * three groups in a small repository is not refused.
   */
  public record Limits(
      int maxDeletions, double maxDeletionFraction, int maxRemovals, double maxRemovalFraction) {}

  /** Below this many deletions or removals, fraction caps do not apply. */
  public static final int FRACTION_FLOOR = 3;

  /** Why a plan is refused, and how to proceed. */
  public record Refusal(String rule, String message, String howToProceed) {}

  private Safety() {}

  public static List<Refusal> check(
      Plan plan,
      ActualState actual,
      Set<String> protectedGroups,
      Set<String> adopted,
      Limits limits) {
    Ownership ownership = plan.scope().ownership();
    Set<String> prot = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    prot.addAll(protectedGroups);
    prot.add("Everyone");
    List<Refusal> out = new ArrayList<>();
    int deletions = 0;
    int removals = 0;
    // A replace is checked as the delete and the create it is: its delete counts towards the cap.
    for (Change c : PlanText.steps(plan.changes())) {
      if (c.resource() == Resource.MEMBERSHIP) {
        if (c.action() == Action.DELETE) {
          removals++;
        }
      } else if (c.action() == Action.DELETE) {
        deletions++;
      }
      touches(c, actual, ownership, prot, adopted).ifPresent(out::add);
    }
    Owned owned = Owned.count(actual, ownership);
    caps(deletions, removals, owned, limits, out);
    return dedupe(out);
  }

  /** How much okta-groups owns: the base of the fraction caps. */
  private record Owned(int objects, int directMembers) {
    static Owned count(ActualState actual, Ownership ownership) {
      int objects = 0;
      int direct = 0;
      for (ActualState.Group g : actual.groups().values()) {
        if (!ownership.owns(g)) {
          continue;
        }
        String gid = g.id();
        objects++;
        objects +=
            (int) actual.rules().values().stream().filter(r -> r.groupIds().contains(gid)).count();
        objects +=
            (int) actual.assignments().values().stream().filter(m -> m.containsKey(gid)).count();
        objects +=
            (int)
                actual.mappings().values().stream()
                    .flatMap(List::stream)
                    .filter(m -> m.sourceGroupId().equals(gid))
                    .count();
        direct +=
            (int)
                actual.members().getOrDefault(gid, Map.of()).values().stream()
                    .filter(m -> m.via() != ActualState.Via.RULE)
                    .count();
      }
      return new Owned(objects, direct);
    }
  }

  /**
   * Why one change may not touch its group, if it may not: the group is protected, not an
   * OKTA_GROUP, or not okta-groups' own and not being adopted.
   */
  private static Optional<Refusal> touches(
      Change c,
      ActualState actual,
      Ownership ownership,
      Set<String> protectedNames,
      Set<String> adopted) {
    if (protectedNames.contains(c.group())) {
      return Optional.of(
          new Refusal(
              "protected",
              "the plan would " + c.describe() + " of protected group '" + c.group() + "'",
              "Protected groups are listed in okta-groups.yaml under 'protected'; remove it there first if the change is intended."));
    }
    ActualState.Group g = c.groupId().map(actual.groups()::get).orElse(null);
    if (g != null && g.type() != ActualState.GroupType.OKTA_GROUP) {
      return Optional.of(
          new Refusal(
              "group-type",
              "the plan would change " + g.type() + " group '" + g.name() + "'",
              "okta-groups only manages OKTA_GROUP groups; this is a bug worth reporting."));
    }
    if (g != null && !ownership.owns(g) && !adopted.contains(c.group())) {
      return Optional.of(
          new Refusal(
              "unowned",
              "the plan would "
                  + c.describe()
                  + " of '"
                  + g.name()
                  + "', which okta-groups does not own",
              "Add 'adopt: true' to the group's manifest, or pass --adopt "
                  + g.name()
                  + ", to take it over deliberately."));
    }
    return Optional.empty();
  }

  private static void caps(
      int deletions, int removals, Owned owned, Limits limits, List<Refusal> out) {
    if (deletions > limits.maxDeletions()
        || (deletions > FRACTION_FLOOR
            && deletions > limits.maxDeletionFraction() * owned.objects())) {
      out.add(
          new Refusal(
              "max-deletions",
              "the plan deletes "
                  + deletions
                  + " objects (groups, rules, assignments, push mappings) of the "
                  + owned.objects()
                  + " okta-groups owns; the limits are "
                  + limits.maxDeletions()
                  + " and "
                  + pct(limits.maxDeletionFraction()),
              "Check the deletions are intended (a deleted or renamed directory?), then raise the cap for this run with"
                  + " --max-deletions "
                  + deletions
                  + ", or change 'safety' in okta-groups.yaml."));
    }
    if (removals > limits.maxRemovals()
        || (removals > FRACTION_FLOOR
            && removals > limits.maxRemovalFraction() * owned.directMembers())) {
      out.add(
          new Refusal(
              "max-removals",
              "the plan removes "
                  + removals
                  + " direct members of the "
                  + owned.directMembers()
                  + " okta-groups manages; the limits are "
                  + limits.maxRemovals()
                  + " and "
                  + pct(limits.maxRemovalFraction()),
              "Check the removals are intended, then raise the cap for this run with --max-removals "
                  + removals
                  + ", or change 'safety' in okta-groups.yaml."));
    }
  }

  private static String pct(double f) {
    return Math.round(f * 100) + "%";
  }

  private static List<Refusal> dedupe(List<Refusal> in) {
    List<Refusal> out = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (Refusal r : in) {
      if (seen.add(r.rule() + "\u0000" + r.message())) {
        out.add(r);
      }
    }
    return out;
  }
}
