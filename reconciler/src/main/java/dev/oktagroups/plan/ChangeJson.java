package dev.oktagroups.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.state.ActualState.MappingStatus;
import dev.oktagroups.state.ActualState.RuleStatus;
import dev.oktagroups.state.ActualState.Via;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A change's values and ids as the plan file spells them: flat maps under their JSON names (name,
 * description, the marker attribute, expression, status, priority, ...; groupId, ruleId, userId,
 * appId, mappingId, deleteTargetGroup). The text renderers show the same maps, so what reviewers
 * read and what apply loads cannot disagree.
 */
final class ChangeJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChangeJson() {}

  /** The fields before the change, sorted by name; empty for a create. */
  static Map<String, Object> before(Change c, String markerAttribute) {
    return fields(c, markerAttribute, true);
  }

  /** The fields after the change, sorted by name; empty for a delete. */
  static Map<String, Object> after(Change c, String markerAttribute) {
    return fields(c, markerAttribute, false);
  }

  private static Map<String, Object> fields(Change c, String attr, boolean before) {
    Map<String, Object> m = new TreeMap<>();
    if (c instanceof GroupChange g) {
      pick(g.before(), g.after(), before)
          .ifPresent(
              v -> {
                m.put("name", v.name());
                m.put("description", v.description());
                v.marker().ifPresent(x -> m.put(attr, x));
                v.members().ifPresent(n -> m.put("members", n));
              });
    } else if (c instanceof RuleChange r) {
      pick(r.before(), r.after(), before)
          .ifPresent(
              v -> {
                m.put("name", v.name());
                m.put("expression", v.expression());
                m.put("status", v.status().name());
                m.put("excludedUsers", v.excludedUsers());
              });
    } else if (c instanceof MembershipChange x) {
      pick(x.before(), x.after(), before)
          .ifPresent(
              v -> {
                m.put("user", v.user());
                v.expires().ifPresent(e -> m.put("expires", e.toString()));
                v.via().ifPresent(e -> m.put("via", e.name()));
              });
    } else if (c instanceof AssignmentChange a) {
      pick(a.before(), a.after(), before)
          .ifPresent(
              v -> {
                v.priority().ifPresent(p -> m.put("priority", p));
                m.put("profile", v.profile());
              });
    } else if (c instanceof PushMappingChange p) {
      pick(p.before(), p.after(), before)
          .ifPresent(
              v -> {
                m.put("app", v.app());
                m.put("target", v.target());
                m.put("status", v.status().name());
              });
    } else if (c instanceof ChannelLinkChange l && before == (l.action() == Action.DELETE)) {
      // A link has no fields beyond what it joins: the side it exists on names them.
      m.put("channel", l.key());
      m.put("userGroup", "@" + l.handle());
    }
    return m;
  }

  private static <V> Optional<V> pick(Optional<V> before, Optional<V> after, boolean wantBefore) {
    return wantBefore ? before : after;
  }

  /** The Okta ids, sorted by name. */
  static Map<String, String> ids(Change c) {
    Map<String, String> m = new TreeMap<>();
    c.groupId().ifPresent(id -> m.put("groupId", id));
    if (c instanceof RuleChange r) {
      r.ruleId().ifPresent(id -> m.put("ruleId", id));
    } else if (c instanceof MembershipChange x) {
      m.put("userId", x.userId());
    } else if (c instanceof AssignmentChange a) {
      m.put("appId", a.appId());
    } else if (c instanceof PushMappingChange p) {
      m.put("appId", p.appId());
      p.mappingId()
          .ifPresent(
              id -> {
                m.put("mappingId", id);
                m.put("deleteTargetGroup", Boolean.toString(p.deleteTargetGroup()));
              });
    } else if (c instanceof ChannelLinkChange l) {
      m.put("appId", l.appId());
      m.put("channelId", l.channelId());
      l.userGroupId().ifPresent(id -> m.put("userGroupId", id));
    }
    return m;
  }

  /** What a saved change says, before it is typed. */
  record Saved(
      Action action,
      Resource resource,
      String group,
      String key,
      JsonNode before,
      JsonNode after,
      String reason,
      Optional<String> replacementReason,
      JsonNode ids) {}

  /**
   * Types a saved change.
   *
   * @param marker the plan's marker attribute and value: a group update whose group did not carry
   *     this value before is an adoption
   * @throws IllegalArgumentException when a field apply needs is missing
   */
  static Change read(Saved s, String markerAttribute, String markerValue) {
    Optional<String> groupId = text(s.ids(), "groupId");
    return switch (s.resource()) {
      case GROUP -> group(s, groupId, markerAttribute, markerValue);
      case RULE ->
          new RuleChange(
              s.action(),
              s.group(),
              values(s.before()).map(ChangeJson::rule),
              values(s.after()).map(ChangeJson::rule),
              s.reason(),
              s.replacementReason(),
              groupId,
              text(s.ids(), "ruleId"));
      case MEMBERSHIP ->
          new MembershipChange(
              s.action(),
              s.group(),
              s.key(),
              values(s.before()).map(ChangeJson::member),
              values(s.after()).map(ChangeJson::member),
              s.reason(),
              groupId,
              required(s.ids(), "userId"));
      case APP_ASSIGNMENT ->
          new AssignmentChange(
              s.action(),
              s.group(),
              s.key(),
              values(s.before()).map(ChangeJson::assignment),
              values(s.after()).map(ChangeJson::assignment),
              s.reason(),
              groupId,
              required(s.ids(), "appId"));
      case PUSH_MAPPING ->
          new PushMappingChange(
              s.action(),
              s.group(),
              s.key(),
              values(s.before()).map(ChangeJson::push),
              values(s.after()).map(ChangeJson::push),
              s.reason(),
              s.replacementReason(),
              groupId,
              required(s.ids(), "appId"),
              text(s.ids(), "mappingId"),
              Boolean.parseBoolean(s.ids().path("deleteTargetGroup").asText("false")));
      case CHANNEL_LINK -> link(s, groupId);
    };
  }

  private static ChannelLinkChange link(Saved s, Optional<String> groupId) {
    JsonNode v = s.action() == Action.DELETE ? s.before() : s.after();
    String handle = v.path("userGroup").asText().replaceFirst("^@", "");
    if (handle.isEmpty()) {
      throw new IllegalArgumentException("a saved channel link has no userGroup");
    }
    return new ChannelLinkChange(
        s.action(),
        s.group(),
        s.key(),
        s.reason(),
        groupId,
        required(s.ids(), "appId"),
        handle,
        text(s.ids(), "userGroupId"),
        required(s.ids(), "channelId"));
  }

  /**
   * A saved group change. The file has no adopt flag: an update of a group that did not carry this
   * repository's marker before is the adoption, which is what the planner decided it on.
   */
  private static GroupChange group(
      Saved s, Optional<String> groupId, String markerAttribute, String markerValue) {
    Optional<GroupChange.Values> before = values(s.before()).map(n -> group(n, markerAttribute));
    boolean adopt =
        s.action() == Action.UPDATE
            && !before.flatMap(GroupChange.Values::marker).equals(Optional.of(markerValue));
    return new GroupChange(
        s.action(),
        s.group(),
        before,
        values(s.after()).map(n -> group(n, markerAttribute)),
        s.reason(),
        adopt,
        groupId);
  }

  private static Optional<JsonNode> values(JsonNode n) {
    return n.isObject() && n.size() > 0 ? Optional.of(n) : Optional.empty();
  }

  private static GroupChange.Values group(JsonNode n, String markerAttribute) {
    return new GroupChange.Values(
        n.path("name").asText(),
        n.path("description").asText(),
        text(n, markerAttribute),
        n.path("members").isInt() ? OptionalInt.of(n.get("members").asInt()) : OptionalInt.empty());
  }

  private static RuleChange.Values rule(JsonNode n) {
    List<String> excluded = new ArrayList<>();
    n.path("excludedUsers").forEach(u -> excluded.add(u.asText()));
    return new RuleChange.Values(
        n.path("name").asText(),
        n.path("expression").asText(),
        RuleStatus.parse(n.path("status").asText()),
        excluded);
  }

  private static MembershipChange.Values member(JsonNode n) {
    try {
      return new MembershipChange.Values(
          n.path("user").asText(),
          text(n, "expires").map(LocalDate::parse),
          text(n, "via").map(Via::valueOf));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "a saved membership's expiry is not a date: " + e.getParsedString());
    }
  }

  private static AssignmentChange.Values assignment(JsonNode n) {
    Map<String, Object> profile = JSON.convertValue(n.path("profile"), ChangeJson.PROFILE);
    return new AssignmentChange.Values(
        n.path("priority").isInt()
            ? OptionalInt.of(n.get("priority").asInt())
            : OptionalInt.empty(),
        profile == null ? Map.of() : profile);
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>
      PROFILE = new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private static PushMappingChange.Values push(JsonNode n) {
    return new PushMappingChange.Values(
        n.path("app").asText(),
        n.path("target").asText(),
        MappingStatus.parse(n.path("status").asText()));
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  private static String required(JsonNode ids, String field) {
    return text(ids, field)
        .orElseThrow(() -> new IllegalArgumentException("a saved change has no " + field));
  }
}
