package dev.oktagroups.reconcile;

import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.Member;
import dev.oktagroups.plan.Impact;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.state.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Answers for access reviews: why a person is in each group ({@link #explain}) and who has an app
 * through groups ({@link #access}), from the manifests and, when Okta was read, its members and the
 * pending plan's impact. Offline answers carry what the manifests alone say and mark the rest
 * unknown.
 */
public final class Review {
  private Review() {}

  /** What a review knows: the manifests, and the plan against Okta when Okta was read. */
  record Known(Preparation.Prepared prepared, Optional<Planned> planned) {}

  /**
   * Why a person holds their groups.
   *
   * @param person the Okta user, when Okta was read and has them
   * @param online whether Okta was read; offline, rule memberships are unknown
   */
  public record Explanation(
      String user, Optional<Person> person, boolean online, List<Membership> groups) {
    public Explanation {
      groups = List.copyOf(groups);
    }
  }

  /**
   * One group of a person's.
   *
   * @param status {@code member}, {@code joins} or {@code leaves} (by the pending plan), or {@code
   *     named} offline
   * @param why one line per reason: selector clauses with the values read, the manifest entry with
   *     its reason, request and expiry, or drift
   * @param apps the catalog apps the group is assigned to
   * @param push where the group is pushed, as {@code app target}
   */
  public record Membership(
      String group, String status, List<String> why, List<String> apps, Optional<String> push) {
    public Membership {
      why = List.copyOf(why);
      apps = List.copyOf(apps);
    }
  }

  /** Who has an app through groups. */
  public record Access(String app, boolean online, List<Holder> holders) {
    public Access {
      holders = List.copyOf(holders);
    }
  }

  /**
   * One person's path to an app.
   *
   * @param login the person's login; offline, a rule's unknown members read {@code (rule members)}
   * @param status as in {@link Membership#status}, or {@code unknown} offline
   */
  public record Holder(String login, String group, String status, String why) {}

  static Explanation explain(Known k, String user, Optional<Person> person) {
    DesiredState desired = k.prepared().desired();
    Map<String, GroupManifest> manifests = manifests(k.prepared());
    if (k.planned().isEmpty()) {
      List<Membership> out = new ArrayList<>();
      for (GroupManifest m : manifests.values()) {
        List<String> why = entries(m, user, person);
        if (!why.isEmpty()) {
          out.add(membership(desired, m.name(), "named", why, List.of()));
        }
      }
      return new Explanation(user, person, false, out);
    }
    if (person.isEmpty()) {
      return new Explanation(user, person, true, List.of());
    }
    Planned planned = k.planned().get();
    ActualState actual = planned.actual();
    Person p = person.get();
    Map<String, String> status = new TreeMap<>();
    actual
        .members()
        .forEach(
            (gid, ms) -> {
              if (ms.containsKey(p.id()) && actual.groups().containsKey(gid)) {
                status.put(actual.groups().get(gid).name(), "member");
              }
            });
    for (Impact.Group g : planned.plan().impact().groups()) {
      if (g.gains().stream().anyMatch(l -> l.equalsIgnoreCase(p.login()))) {
        status.put(g.group(), "joins");
      } else if (g.losses().stream().anyMatch(l -> l.equalsIgnoreCase(p.login()))) {
        status.put(g.group(), "leaves");
      }
    }
    List<Membership> out = new ArrayList<>();
    status.forEach(
        (group, s) -> {
          List<String> why = why(desired, manifests.get(group), group, s, user, p);
          out.add(membership(desired, group, s, why, actualApps(k, actual, group)));
        });
    return new Explanation(user, person, true, out);
  }

  /** The reasons a person is (or will be, or was) in a group. */
  private static List<String> why(
      DesiredState desired,
      GroupManifest manifest,
      String group,
      String status,
      String user,
      Person p) {
    DesiredState.Group d = desired.groups().get(group);
    if (d == null) {
      return List.of("direct member not in any manifest (drift)");
    }
    List<String> why = new ArrayList<>();
    d.selector()
        .ifPresent(
            s -> s.explain(p.profile()).forEach(c -> why.add("selector of " + group + ": " + c)));
    why.addAll(entries(manifest, user, Optional.of(p)));
    if (why.isEmpty()) {
      String not =
          (d.selector().isPresent()
                  ? "neither matched by the selector nor named in "
                  : "not named in ")
              + d.path()
              + ": no longer named there, or added outside the manifests (drift)";
      why.add(status.equals("leaves") ? not + "; the plan removes them" : not);
    }
    return why;
  }

  /** The manifest entries naming the person, with reason, request and expiry. */
  private static List<String> entries(GroupManifest m, String user, Optional<Person> p) {
    List<String> out = new ArrayList<>();
    if (m == null) {
      return out;
    }
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.add(user);
    p.ifPresent(
        x -> {
          names.add(x.login());
          names.add(x.email());
        });
    for (Member mem : m.members()) {
      if (names.contains(mem.user())) {
        out.add(
            (m.kind().map(Enum::name).orElse("").equals("HYBRID") ? "exception" : "named member")
                + " in "
                + m.path()
                + ": "
                + (mem.reason().isEmpty() ? "(no reason given)" : mem.reason())
                + (mem.request().isEmpty() ? "" : ", request " + mem.request())
                + mem.expires().map(e -> ", expires " + e).orElse(", no expiry"));
      }
    }
    return out;
  }

  private static Membership membership(
      DesiredState desired, String group, String status, List<String> why, List<String> fallback) {
    DesiredState.Group d = desired.groups().get(group);
    if (d == null) {
      return new Membership(group, status, why, fallback, Optional.empty());
    }
    List<String> apps = d.assignments().stream().map(DesiredState.Assignment::appKey).toList();
    Optional<String> push = d.push().map(x -> x.appKey() + " " + x.targetName());
    return new Membership(group, status, why, apps, push);
  }

  /** The catalog apps Okta has assigned to a group, for groups no manifest declares. */
  private static List<String> actualApps(Known k, ActualState actual, String group) {
    List<String> out = new ArrayList<>();
    for (DesiredState.CatalogApp app : k.prepared().desired().catalogApps().values()) {
      for (String gid : actual.assignments().getOrDefault(app.id(), Map.of()).keySet()) {
        ActualState.Group g = actual.groups().get(gid);
        if (g != null && g.name().equals(group)) {
          out.add(app.key());
        }
      }
    }
    return out;
  }

  static Access access(Known k, String appKey) {
    if (k.planned().isEmpty()) {
      return new Access(appKey, false, namedHolders(k.prepared(), appKey));
    }
    Planned planned = k.planned().get();
    Map<String, Map<String, String>> pending = pendingApp(planned, appKey);
    List<Holder> out = currentHolders(k.prepared(), planned.actual(), appKey, pending);
    pending.forEach(
        (group, byLogin) ->
            byLogin.forEach(
                (login, s) -> {
                  if (s.equals("joins")) {
                    out.add(new Holder(login, group, s, "joins " + group + " by the pending plan"));
                  }
                }));
    out.sort(
        java.util.Comparator.comparing(Holder::login, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Holder::group));
    return new Access(appKey, true, out);
  }

  /** Offline: each group's named members, and its rule's members as one unknown row. */
  private static List<Holder> namedHolders(Preparation.Prepared p, String appKey) {
    Map<String, GroupManifest> manifests = manifests(p);
    List<Holder> out = new ArrayList<>();
    for (DesiredState.Group g : p.desired().groups().values()) {
      if (g.assignments().stream().noneMatch(a -> a.appKey().equals(appKey))) {
        continue;
      }
      g.rule()
          .ifPresent(
              r ->
                  out.add(
                      new Holder(
                          "(rule members)",
                          g.name(),
                          "unknown",
                          "who matches " + r.expression() + " needs Okta access")));
      for (DesiredState.Member m : g.members()) {
        List<String> why = entries(manifests.get(g.name()), m.user(), Optional.empty());
        out.add(new Holder(m.user(), g.name(), "named", String.join("; ", why)));
      }
    }
    return out;
  }

  /**
   * The members of every group Okta assigns the app to, marked when the pending plan removes them.
   */
  private static List<Holder> currentHolders(
      Preparation.Prepared p,
      ActualState actual,
      String appKey,
      Map<String, Map<String, String>> pending) {
    DesiredState desired = p.desired();
    Map<String, GroupManifest> manifests = manifests(p);
    String appId = desired.catalogApps().get(appKey).id();
    Map<String, String> names = new HashMap<>();
    actual.groups().values().forEach(g -> names.put(g.id(), g.name()));
    List<Holder> out = new ArrayList<>();
    for (String gid : new TreeSet<>(actual.assignments().getOrDefault(appId, Map.of()).keySet())) {
      String group = names.getOrDefault(gid, gid);
      for (ActualState.Member m : actual.members().getOrDefault(gid, Map.of()).values()) {
        Person person = new Person(m.userId(), m.login(), m.email(), m.status(), m.profile());
        String status =
            pending
                .getOrDefault(group, Map.of())
                .getOrDefault(m.login().toLowerCase(Locale.ROOT), "member");
        List<String> why = why(desired, manifests.get(group), group, status, m.login(), person);
        out.add(new Holder(m.login(), group, status, String.join("; ", why)));
      }
    }
    return out;
  }

  /** By group, the lower-case logins the pending plan gives the app ("joins") or takes it from. */
  private static Map<String, Map<String, String>> pendingApp(Planned planned, String appKey) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (Impact.Group g : planned.plan().impact().groups()) {
      for (Impact.App a : g.apps()) {
        if (a.app().equals(appKey)) {
          Map<String, String> s = out.computeIfAbsent(g.group(), x -> new HashMap<>());
          a.losses().forEach(l -> s.put(l.toLowerCase(Locale.ROOT), "leaves"));
          a.gains().forEach(l -> s.put(l.toLowerCase(Locale.ROOT), "joins"));
        }
      }
    }
    return out;
  }

  private static Map<String, GroupManifest> manifests(Preparation.Prepared p) {
    Map<String, GroupManifest> out = new TreeMap<>();
    p.manifests().forEach(m -> out.put(m.name(), m));
    return out;
  }

  /** The SCIM search for one person by login or email. */
  static String personSearch(String user) {
    String q = "\"" + user.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return "profile.login eq " + q + " or profile.email eq " + q;
  }
}
