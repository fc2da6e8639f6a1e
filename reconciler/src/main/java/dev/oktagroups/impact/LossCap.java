package dev.oktagroups.impact;

import dev.oktagroups.plan.Impact;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.state.ActualState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rail for people: refuses a plan that takes membership from more people than okta-groups.yaml
 * allows, per group and in total, as a count and as a fraction. A rule typo that empties a
 * 2,000-person group is the case it exists for; the deletion cap already governs deleted groups, so
 * fractions count only groups that stay.
 */
public final class LossCap {
  /**
   * The caps for one run.
   *
   * @param perGroup people one group may lose
   * @param perGroupFraction people a group that stays may lose, as a fraction of its members
   * @param total distinct people who may lose some membership
   * @param totalFraction people losing membership of groups that stay, as a fraction of everyone in
   *     the groups read
   * @param override whether the caps come from {@code --max-losses} (then the message says so)
   */
  public record Limits(
      int perGroup, double perGroupFraction, int total, double totalFraction, boolean override) {}

  /** Below this many losses, fraction caps do not apply: a ten-person group may lose six. */
  public static final int FRACTION_FLOOR = 10;

  private LossCap() {}

  /** The refusals; none when the impact is unknown (an offline plan is never applied). */
  public static List<Safety.Refusal> check(Impact impact, ActualState actual, Limits limits) {
    List<Safety.Refusal> out = new ArrayList<>();
    Set<String> lost = new TreeSet<>();
    Set<String> lostFromKept = new HashSet<>();
    for (Impact.Group g : impact.groups()) {
      lost.addAll(g.losses());
      if (!g.deleted()) {
        lostFromKept.addAll(g.losses());
      }
      perGroup(g, limits).ifPresent(out::add);
    }
    total(lost, lostFromKept, actual, limits).ifPresent(out::add);
    return out;
  }

  /** One group over its count cap, or, when it stays, over its fraction cap. */
  private static Optional<Safety.Refusal> perGroup(Impact.Group g, Limits limits) {
    int n = g.losses().size();
    if (n > limits.perGroup()) {
      return Optional.of(
          refusal(
              g.group() + " loses " + n + " people, over the cap of " + limits.perGroup(),
              n,
              limits));
    }
    if (!g.deleted()
        && n > FRACTION_FLOOR
        && g.membersBefore() > 0
        && (double) n / g.membersBefore() > limits.perGroupFraction()) {
      return Optional.of(
          refusal(
              g.group()
                  + " loses "
                  + n
                  + " of its "
                  + g.membersBefore()
                  + " members ("
                  + percent((double) n / g.membersBefore())
                  + "), over the cap of "
                  + percent(limits.perGroupFraction()),
              n,
              limits));
    }
    return Optional.empty();
  }

  /**
   * The plan over the total count cap, or over the total fraction cap, which counts only people
   * losing groups that stay, against everyone in the groups read.
   */
  private static Optional<Safety.Refusal> total(
      Set<String> lost, Set<String> lostFromKept, ActualState actual, Limits limits) {
    if (lost.size() > limits.total()) {
      return Optional.of(
          refusal(
              lost.size() + " people lose some membership, over the cap of " + limits.total(),
              lost.size(),
              limits));
    }
    Set<String> everyone = new HashSet<>();
    actual.members().values().forEach(ms -> everyone.addAll(ms.keySet()));
    int k = lostFromKept.size();
    if (k > FRACTION_FLOOR
        && !everyone.isEmpty()
        && (double) k / everyone.size() > limits.totalFraction()) {
      return Optional.of(
          refusal(
              k
                  + " people lose membership of groups that stay, "
                  + percent((double) k / everyone.size())
                  + " of the "
                  + everyone.size()
                  + " people in the groups okta-groups reads, over the cap of "
                  + percent(limits.totalFraction()),
              k,
              limits));
    }
    return Optional.empty();
  }

  private static Safety.Refusal refusal(String message, int n, Limits limits) {
    String how =
        (limits.override() ? "--max-losses is set for this run, but " : "")
            + "check the plan's impact on people: a selector typo empties groups. If the losses"
            + " are intended, apply with --max-losses "
            + n
            + ", or raise safety.losses in okta-groups.yaml";
    return new Safety.Refusal("max-losses", message, how);
  }

  private static String percent(double f) {
    return Math.round(f * 100) + "%";
  }
}
