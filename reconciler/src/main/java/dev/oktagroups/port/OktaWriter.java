package dev.oktagroups.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Single changes to Okta. Each method is one logical operation (one or a few API calls) and throws
 * {@link OktaFailure} when Okta refuses it.
 */
public interface OktaWriter {
  /** Adds a string attribute to Okta's custom group profile schema. */
  void defineGroupAttribute(String name, String title);

  /** Creates an OKTA_GROUP and returns its id. */
  String createGroup(String name, String description, Map<String, String> custom);

  void replaceGroup(String groupId, String name, String description, Map<String, String> custom);

  void deleteGroup(String groupId);

  /** Creates a rule (INACTIVE, as Okta always does) targeting one group; returns its id. */
  String createRule(String name, String expression, String groupId);

  /**
   * Replaces an INACTIVE rule's name, expression, target and exclusions (none).
   *
   * @throws OktaFailure with {@link OktaFailure#targetsNotEditable()} when the org refuses a target
   *     change
   */
  void replaceRule(String ruleId, String name, String expression, String groupId);

  /**
   * Creates a rule as {@link #createRule(String, String, String)} does, excluding {@code
   * excludedUserIds}: the people the manifest's {@code excluded:} lists. The default serves writers
   * that know no exclusions, and refuses any.
   */
  default String createRule(
      String name, String expression, String groupId, List<String> excludedUserIds) {
    requireNoExclusions(excludedUserIds);
    return createRule(name, expression, groupId);
  }

  /**
   * Replaces a rule as {@link #replaceRule(String, String, String, String)} does, with {@code
   * excludedUserIds} as its exclusions, so an edit never resets the exclusions a manifest lists.
   */
  default void replaceRule(
      String ruleId, String name, String expression, String groupId, List<String> excludedUserIds) {
    requireNoExclusions(excludedUserIds);
    replaceRule(ruleId, name, expression, groupId);
  }

  private static void requireNoExclusions(List<String> excludedUserIds) {
    if (!excludedUserIds.isEmpty()) {
      throw new UnsupportedOperationException("this writer cannot set rule exclusions");
    }
  }

  void activateRule(String ruleId);

  void deactivateRule(String ruleId);

  /** Deletes a rule; {@code removeUsers} false keeps the people it added as direct members. */
  void deleteRule(String ruleId, boolean removeUsers);

  void addMember(String groupId, String userId);

  void removeMember(String groupId, String userId);

  /** Assigns a group to an app (or updates the assignment); empty priority leaves Okta's. */
  void assign(String appId, String groupId, OptionalInt priority, Map<String, Object> profile);

  void unassign(String appId, String groupId);

  /**
   * Creates an ACTIVE push mapping to the downstream group named {@code targetName}; returns its
   * id.
   */
  String createMapping(String appId, String sourceGroupId, String targetName);

  void setMappingStatus(String appId, String mappingId, String status);

  void deleteMapping(String appId, String mappingId, boolean deleteTargetGroup);

  /**
   * The status of the app's push mapping from this group, Okta's spelling ({@code ACTIVE}, {@code
   * INACTIVE}, {@code ERROR}); empty when the group has no mapping to the app. Apply reads it
   * before it links a new push group's channels: Okta creates the Slack user group only once the
   * mapping is ACTIVE.
   */
  Optional<String> mappingStatus(String appId, String sourceGroupId);

  /** API requests made so far, retries included. */
  long requests();

  /** Requests Okta refused with 429 so far on this connection, reads included. */
  long rateLimited();
}
