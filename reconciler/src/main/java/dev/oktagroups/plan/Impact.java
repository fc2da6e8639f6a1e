package dev.oktagroups.plan;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who gains and who loses membership, apps and push targets through a plan, person by person. It
 * says what Okta will hold once the plan is applied and the rules have run, so it is known only
 * when Okta and its user directory were read.
 */
public sealed interface Impact {
  /**
   * How many days ahead the plan looks for named entries whose access ends: the window of the
   * plan's warning and of {@code okta-groups expiring}'s default.
   */
  int EXPIRY_WINDOW_DAYS = 14;

  /** The impact of a plan that could not read Okta, and why. */
  static Impact unknown(String why) {
    return new Unknown(why);
  }

  /** Impact could not be computed: an offline plan, or a plan loaded from an older format. */
  record Unknown(String reason) implements Impact {}

  /** The impact, one entry per group whose membership, apps or push target change. */
  record Known(List<Group> groups) implements Impact {
    public Known {
      groups = List.copyOf(groups);
    }
  }

  /**
   * One group's change in people.
   *
   * @param gains logins of people who become members, sorted
   * @param losses logins of people who stop being members, sorted
   * @param apps what its members gain and lose through the group's app assignments
   * @param pushes what they gain and lose in the downstream groups it is pushed to
   * @param membersBefore how many members the group has now, for the loss cap's fraction
   * @param deleted whether the plan deletes the group
   * @param channels the Slack channels the plan links its user group to, and who joins them
   * @param expiring members whose named entry ends within {@link #EXPIRY_WINDOW_DAYS}, soonest
   *     first: a later apply removes them, this one does not, so they are not {@code losses} and
   *     the loss cap does not count them
   */
  record Group(
      String group,
      List<String> gains,
      List<String> losses,
      List<App> apps,
      List<Push> pushes,
      int membersBefore,
      boolean deleted,
      List<Channel> channels,
      List<Expiring> expiring) {
    public Group {
      gains = List.copyOf(gains);
      losses = List.copyOf(losses);
      apps = List.copyOf(apps);
      pushes = List.copyOf(pushes);
      channels = List.copyOf(channels);
      expiring = List.copyOf(expiring);
    }

    /** A group whose plan links no channels and that has no upcoming expiries. */
    public Group(
        String group,
        List<String> gains,
        List<String> losses,
        List<App> apps,
        List<Push> pushes,
        int membersBefore,
        boolean deleted) {
      this(group, gains, losses, apps, pushes, membersBefore, deleted, List.of(), List.of());
    }
  }

  /**
   * A Slack channel a plan links a push group's user group to.
   *
   * @param joining the group's members once the plan is applied: Slack adds them to the channel,
   *     except those already in it (which okta-groups does not read), so this is at most who joins
   */
  record Channel(String app, String channel, List<String> joining) {
    public Channel {
      joining = List.copyOf(joining);
    }
  }

  /**
   * A member whose named entry ends soon, and what they lose with the group on that day.
   *
   * @param expires the last day of access; the first apply after it removes them
   * @param apps the group's apps they hold through no other group, so lose
   * @param kept the group's apps they keep through another group, with those groups' names
   * @param pushes the downstream groups they leave, as {@code app target}
   */
  record Expiring(
      String login,
      LocalDate expires,
      List<String> apps,
      Map<String, List<String>> kept,
      List<String> pushes) {
    public Expiring {
      apps = List.copyOf(apps);
      kept = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kept));
      pushes = List.copyOf(pushes);
    }
  }

  /**
   * An app a group gives or gave.
   *
   * @param gains people who gain the app through this group and had it through no other
   * @param losses people who lose the app altogether
   * @param kept people who leave this group (or whom it stops giving the app) but keep the app
   *     through another group, with those groups' names
   * @param unread other groups assigned to the app whose members okta-groups does not read; a loss
   *     may be kept through one of them
   */
  record App(
      String app,
      List<String> gains,
      List<String> losses,
      Map<String, List<String>> kept,
      List<String> unread) {
    public App {
      gains = List.copyOf(gains);
      losses = List.copyOf(losses);
      kept = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kept));
      unread = List.copyOf(unread);
    }
  }

  /** A downstream group (a Google group address, a Slack user group) and its change in people. */
  record Push(String app, String target, List<String> gains, List<String> losses) {
    public Push {
      gains = List.copyOf(gains);
      losses = List.copyOf(losses);
    }
  }

  /** The entries, empty when unknown. */
  default List<Group> groups() {
    return this instanceof Known k ? k.groups() : List.of();
  }

  default boolean known() {
    return this instanceof Known;
  }

  /** Distinct people who gain membership of some group. */
  default Set<String> gainers() {
    Set<String> out = new TreeSet<>();
    groups().forEach(g -> out.addAll(g.gains()));
    return out;
  }

  /** Distinct people who lose membership of some group. */
  default Set<String> losers() {
    Set<String> out = new TreeSet<>();
    groups().forEach(g -> out.addAll(g.losses()));
    return out;
  }

  /** Distinct people whose named entry in some group ends within the window. */
  default Set<String> expiringPeople() {
    Set<String> out = new TreeSet<>();
    groups().forEach(g -> g.expiring().forEach(x -> out.add(x.login())));
    return out;
  }

  /** For each app, the distinct people who lose it altogether. */
  default Map<String, Set<String>> appLosses() {
    Map<String, Set<String>> out = new java.util.TreeMap<>();
    for (Group g : groups()) {
      for (App a : g.apps()) {
        if (!a.losses().isEmpty()) {
          out.computeIfAbsent(a.app(), k -> new TreeSet<>()).addAll(a.losses());
        }
      }
    }
    return out;
  }

  /**
   * The headline: "12 people gain, 3 lose access; 3 lose figma.", or that nobody's access changes,
   * then who loses access soon as named entries expire ("2 people lose access within 14 days
   * (expiry).", not counted as losing access now), or why impact is unknown.
   */
  default String line() {
    if (this instanceof Unknown u) {
      return "Impact on people unknown: " + u.reason();
    }
    return changeLine() + expiryLine();
  }

  /** What this apply does to people. */
  private String changeLine() {
    Set<String> gain = gainers();
    Set<String> lose = losers();
    if (gain.isEmpty() && lose.isEmpty() && appLosses().isEmpty()) {
      return "No one gains or loses access.";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(people(gain.size()))
        .append(gain.size() == 1 ? " gains, " : " gain, ")
        .append(lose.size())
        .append(" lose access");
    List<String> apps = new java.util.ArrayList<>();
    appLosses()
        .forEach(
            (app, who) -> apps.add(who.size() + (who.size() == 1 ? " loses " : " lose ") + app));
    if (!apps.isEmpty()) {
      sb.append("; ").append(String.join(", ", apps));
    }
    return sb.append('.').toString();
  }

  /** Who loses access soon, as entries lapse: " 2 people lose access within 14 days (expiry)." */
  private String expiryLine() {
    int n = expiringPeople().size();
    if (n == 0) {
      return "";
    }
    return " "
        + people(n)
        + (n == 1 ? " loses" : " lose")
        + " access within "
        + EXPIRY_WINDOW_DAYS
        + " days (expiry).";
  }

  private static String people(int n) {
    return n + (n == 1 ? " person" : " people");
  }
}
