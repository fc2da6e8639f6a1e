package dev.oktagroups.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.Ownership;
import dev.oktagroups.state.SlackState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A digest of the Okta state a plan depends on. Apply reads the plan's scope again and refuses when
 * the digest changed.
 *
 * <p>It covers the groups okta-groups owns or the manifests name, the rules on them, their direct
 * members, their app assignments and push mappings, and the people the manifests name. It leaves
 * out rule-managed members on purpose: HR changes move them all day, the plan never acts on them,
 * and counting them would make every plan stale.
 */
public final class Fingerprint {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Fingerprint() {}

  public static String of(ActualState a, Plan.Scope scope) {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(scope.groups());
    Set<String> ids = new TreeSet<>();
    Map<String, Object> doc = new TreeMap<>();
    doc.put("schema", a.markerAttributeDefined());
    doc.put("groups", groups(a, scope.ownership(), ids));
    doc.put("rules", rules(a, ids, names));
    doc.put("members", directMembers(a, ids));
    doc.put("assignments", assignments(a, ids));
    doc.put("mappings", mappings(a, ids));
    doc.put("users", users(a, scope));
    if (!scope.slack().isEmpty()) {
      // Only plans that read Slack carry this key, so plans saved before it stay fresh.
      doc.put("slack", slack(a, scope));
    }
    return digest(doc);
  }

  /**
   * Per Slack workspace read: each user group asked about with its linked channels, and each
   * channel named with the id it resolved to; "missing" for what Slack did not have, and for a
   * workspace not read at all (its token gone since).
   */
  private static Map<String, Object> slack(ActualState a, Plan.Scope scope) {
    Map<String, Object> out = new TreeMap<>();
    for (SlackState.Wanted w : scope.slack()) {
      Optional<SlackState.Workspace> ws = a.slack().workspace(w.appId());
      if (ws.isEmpty()) {
        out.put(w.appId(), "missing");
        continue;
      }
      Map<String, Object> groups = new TreeMap<>();
      for (String h : w.handles()) {
        SlackState.UserGroup g = ws.get().userGroups().get(h);
        groups.put(h, g == null ? "missing" : List.of(g.id(), g.channelIds()));
      }
      Map<String, Object> channels = new TreeMap<>();
      for (String c : w.channels()) {
        channels.put(c, ws.get().find(c).map(SlackState.Channel::id).orElse("missing"));
      }
      out.put(w.appId(), List.of(groups, channels));
    }
    return out;
  }

  /** The groups in the fingerprint, by id; their ids are added to {@code ids}. */
  private static Map<String, Object> groups(ActualState a, Ownership ownership, Set<String> ids) {
    Map<String, Object> groups = new TreeMap<>();
    for (ActualState.Group g : a.groups().values()) {
      if (ownership.inFingerprint(g)) {
        ids.add(g.id());
        groups.put(
            g.id(),
            List.of(
                g.type(), g.name(), String.valueOf(g.description()), new TreeMap<>(g.profile())));
      }
    }
    return groups;
  }

  private static Map<String, Object> rules(ActualState a, Set<String> ids, Set<String> names) {
    Map<String, Object> rules = new TreeMap<>();
    for (ActualState.Rule r : a.rules().values()) {
      if (r.groupIds().stream().anyMatch(ids::contains) || names.contains(r.name())) {
        rules.put(
            r.id(), List.of(r.name(), r.status(), r.expression(), r.groupIds(), r.excludedUsers()));
      }
    }
    return rules;
  }

  private static Map<String, Object> directMembers(ActualState a, Set<String> ids) {
    Map<String, Object> members = new TreeMap<>();
    for (String gid : ids) {
      List<String> direct = new ArrayList<>();
      a.members().getOrDefault(gid, Map.of()).values().stream()
          .filter(m -> m.via() != ActualState.Via.RULE)
          .forEach(m -> direct.add(m.userId() + ":" + m.status()));
      direct.sort(null);
      members.put(gid, direct);
    }
    return members;
  }

  private static Map<String, Object> assignments(ActualState a, Set<String> ids) {
    Map<String, Object> assignments = new TreeMap<>();
    a.assignments()
        .forEach(
            (app, byGroup) ->
                byGroup.forEach(
                    (gid, as) -> {
                      if (ids.contains(gid)) {
                        assignments.put(
                            app + "/" + gid, List.of(as.priority(), new TreeMap<>(as.profile())));
                      }
                    }));
    return assignments;
  }

  private static Map<String, Object> mappings(ActualState a, Set<String> ids) {
    Map<String, Object> mappings = new TreeMap<>();
    for (List<ActualState.Mapping> ms : a.mappings().values()) {
      for (ActualState.Mapping m : ms) {
        if (ids.contains(m.sourceGroupId())) {
          mappings.put(
              m.id(), List.of(m.appId(), m.sourceGroupId(), m.targetGroupId(), m.status()));
        }
      }
    }
    return mappings;
  }

  private static Map<String, Object> users(ActualState a, Plan.Scope scope) {
    Map<String, Object> users = new TreeMap<>();
    for (String u : scope.users()) {
      ActualState.User user = a.users().get(u.toLowerCase(Locale.ROOT));
      users.put(u, user == null ? "missing" : user.id() + ":" + user.status());
    }
    return users;
  }

  private static String digest(Map<String, Object> doc) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
