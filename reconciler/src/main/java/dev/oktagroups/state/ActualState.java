package dev.oktagroups.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What okta-groups read from Okta: the groups it owns or that manifests name, their rules, direct
 * and rule-managed members, app assignments and push mappings, and the people manifests name. Read
 * with list endpoints only.
 *
 * @param markerAttributeDefined whether Okta's group schema has the ownership attribute yet
 * @param groups every group in the org, by id
 * @param rules every group rule, by id
 * @param members members of the groups in scope, by group id then user id
 * @param assignments assignments of the catalog apps, by app id then group id
 * @param mappings push mappings of the catalog's push apps, by app id
 * @param users the people manifests name, by lower-case login and email
 * @param missingApps ids of catalog apps that do not exist in Okta
 * @param slack what was read from Slack for channel links; {@link SlackState#UNREAD} when nothing
 */
public record ActualState(
    boolean markerAttributeDefined,
    Map<String, Group> groups,
    Map<String, Rule> rules,
    Map<String, Map<String, Member>> members,
    Map<String, Map<String, Assignment>> assignments,
    Map<String, List<Mapping>> mappings,
    Map<String, User> users,
    java.util.Set<String> missingApps,
    SlackState slack) {

  /** The state of Okta alone: Slack not read. */
  public ActualState(
      boolean markerAttributeDefined,
      Map<String, Group> groups,
      Map<String, Rule> rules,
      Map<String, Map<String, Member>> members,
      Map<String, Map<String, Assignment>> assignments,
      Map<String, List<Mapping>> mappings,
      Map<String, User> users,
      java.util.Set<String> missingApps) {
    this(
        markerAttributeDefined,
        groups,
        rules,
        members,
        assignments,
        mappings,
        users,
        missingApps,
        SlackState.UNREAD);
  }

  /** This state with what was read from Slack. */
  public ActualState withSlack(SlackState s) {
    return new ActualState(
        markerAttributeDefined,
        groups,
        rules,
        members,
        assignments,
        mappings,
        users,
        missingApps,
        s);
  }

  /** A group as Okta has it; {@code profile} holds custom attributes such as the marker. */
  public record Group(
      String id, GroupType type, String name, String description, Map<String, Object> profile) {
    public Optional<String> attribute(String name) {
      Object v = profile.get(name);
      return v instanceof String s ? Optional.of(s) : Optional.empty();
    }
  }

  /** A group rule. */
  public record Rule(
      String id,
      String name,
      RuleStatus status,
      String expression,
      List<String> groupIds,
      List<String> excludedUsers) {}

  /** How a member got in, when Okta says: DIRECT, RULE, or UNKNOWN when it does not. */
  public enum Via {
    DIRECT,
    RULE,
    UNKNOWN
  }

  /** A group member and their profile (for evaluating selectors locally). */
  public record Member(
      String userId,
      String login,
      String email,
      String status,
      Via via,
      Map<String, Object> profile) {}

  /** An app assignment. */
  public record Assignment(
      String appId, String groupId, int priority, Map<String, Object> profile) {}

  /** A push mapping. */
  public record Mapping(
      String id,
      String appId,
      String sourceGroupId,
      String targetGroupId,
      MappingStatus status,
      String errorSummary) {}

  /** A person. */
  public record User(String id, String login, String email, String status) {}

  /**
   * A group's type. Okta may add types; one this build does not know reads as {@code UNKNOWN},
   * which okta-groups treats like any other type it does not manage.
   */
  public enum GroupType {
    OKTA_GROUP,
    APP_GROUP,
    BUILT_IN,
    UNKNOWN;

    /** The type Okta spells {@code s}, or {@code UNKNOWN}; never throws. */
    @JsonCreator
    public static GroupType parse(String s) {
      return parseEnum(GroupType.class, s, UNKNOWN);
    }
  }

  /** A group rule's status; a status this build does not know reads as {@code UNKNOWN}. */
  public enum RuleStatus {
    ACTIVE,
    INACTIVE,
    INVALID,
    UNKNOWN;

    /** The status Okta spells {@code s}, or {@code UNKNOWN}; never throws. */
    @JsonCreator
    public static RuleStatus parse(String s) {
      return parseEnum(RuleStatus.class, s, UNKNOWN);
    }
  }

  /** A push mapping's status; a status this build does not know reads as {@code UNKNOWN}. */
  public enum MappingStatus {
    ACTIVE,
    INACTIVE,
    ERROR,
    UNKNOWN;

    /** The status Okta spells {@code s}, or {@code UNKNOWN}; never throws. */
    @JsonCreator
    public static MappingStatus parse(String s) {
      return parseEnum(MappingStatus.class, s, UNKNOWN);
    }
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String s, E unknown) {
    if (s == null) {
      return unknown;
    }
    try {
      return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return unknown;
    }
  }
}
