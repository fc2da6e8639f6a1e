package dev.oktagroups.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An Okta state made up rather than read: the one an org would have if {@code applied} had been
 * applied to it exactly. Planning {@code head} against it shows what a change to the manifests
 * would do without reading Okta, for merge-request pipelines that have no Okta credentials.
 *
 * <p>What it cannot know, it assumes away: everyone named is an ACTIVE user, rules have no members
 * of their own, and nothing has drifted. The offline plan says so.
 */
public final class Assumed {
  private Assumed() {}

  /**
   * The state after applying {@code applied}.
   *
   * @param people every login or email the plan will look up; all are taken to be ACTIVE users
   */
  public static ActualState after(DesiredState applied, Set<String> people) {
    Org org = new Org(applied.marker());
    for (String p : new TreeSet<>(people)) {
      org.user(p);
    }
    for (DesiredState.CatalogApp app : applied.catalogApps().values()) {
      org.assignments.put(app.id(), new LinkedHashMap<>());
      if (app.push()) {
        org.mappings.put(app.id(), new ArrayList<>());
      }
    }
    applied.groups().values().forEach(org::group);
    return new ActualState(
        true,
        org.groups,
        org.rules,
        org.members,
        org.assignments,
        org.mappings,
        org.users,
        Set.of());
  }

  /** The made-up org, filled one applied group at a time. */
  private static final class Org {
    final DesiredState.Marker marker;
    final Map<String, ActualState.Group> groups = new LinkedHashMap<>();
    final Map<String, ActualState.Rule> rules = new LinkedHashMap<>();
    final Map<String, Map<String, ActualState.Member>> members = new LinkedHashMap<>();
    final Map<String, Map<String, ActualState.Assignment>> assignments = new LinkedHashMap<>();
    final Map<String, List<ActualState.Mapping>> mappings = new LinkedHashMap<>();
    final Map<String, ActualState.User> users = new LinkedHashMap<>();

    Org(DesiredState.Marker marker) {
      this.marker = marker;
    }

    ActualState.User user(String loginOrEmail) {
      String key = loginOrEmail.toLowerCase(Locale.ROOT);
      return users.computeIfAbsent(
          key, k -> new ActualState.User(userId(k), k, k.contains("@") ? k : "", "ACTIVE"));
    }

    void group(DesiredState.Group g) {
      String gid = groupId(g.name());
      Map<String, Object> profile = new LinkedHashMap<>();
      profile.put("name", g.name());
      profile.put("description", g.description());
      profile.put(marker.attribute(), marker.value());
      groups.put(
          gid,
          new ActualState.Group(
              gid, ActualState.GroupType.OKTA_GROUP, g.name(), g.description(), profile));
      g.rule()
          .ifPresent(
              r ->
                  rules.put(
                      "offline-rule:" + g.name(),
                      new ActualState.Rule(
                          "offline-rule:" + g.name(),
                          r.name(),
                          ActualState.RuleStatus.ACTIVE,
                          r.expression(),
                          List.of(gid),
                          List.of())));
      Map<String, ActualState.Member> ms = new LinkedHashMap<>();
      for (DesiredState.Member m : g.members()) {
        ActualState.User u = user(m.user());
        ms.put(
            u.id(),
            new ActualState.Member(
                u.id(), u.login(), u.email(), "ACTIVE", ActualState.Via.DIRECT, Map.of()));
      }
      members.put(gid, ms);
      for (DesiredState.Assignment a : g.assignments()) {
        assignments
            .computeIfAbsent(a.appId(), k -> new LinkedHashMap<>())
            .put(
                gid,
                new ActualState.Assignment(a.appId(), gid, a.priority().orElse(0), a.profile()));
      }
      g.push().ifPresent(p -> push(g.name(), gid, p));
    }

    void push(String group, String gid, DesiredState.Push p) {
      String target = "offline-target:" + p.appId() + ":" + p.targetName();
      groups.put(
          target,
          new ActualState.Group(
              target,
              ActualState.GroupType.APP_GROUP,
              p.targetName(),
              "",
              Map.of("name", p.targetName())));
      mappings
          .computeIfAbsent(p.appId(), k -> new ArrayList<>())
          .add(
              new ActualState.Mapping(
                  "offline-mapping:" + group,
                  p.appId(),
                  gid,
                  target,
                  ActualState.MappingStatus.ACTIVE,
                  null));
    }
  }

  private static String groupId(String name) {
    return "offline-group:" + name;
  }

  private static String userId(String login) {
    return "offline-user:" + login;
  }
}
