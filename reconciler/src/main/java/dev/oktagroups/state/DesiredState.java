package dev.oktagroups.state;

import dev.oktagroups.manifest.Kind;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;

/**
 * The Okta objects the manifests imply, keyed by group name.
 *
 * @param groups every managed group, by name
 * @param marker the ownership marker every owned group carries
 * @param protectedGroups names okta-groups never changes
 * @param keepDownstreamOnDelete whether deleting a push group keeps the downstream group
 * @param catalogApps the app catalog's ids by key, for reading assignments and mappings
 */
public record DesiredState(
    SortedMap<String, Group> groups,
    Marker marker,
    List<String> protectedGroups,
    boolean keepDownstreamOnDelete,
    Map<String, CatalogApp> catalogApps) {

  /** The custom group-profile attribute and value that mark a group as okta-groups' own. */
  public record Marker(String attribute, String value) {}

  /** An app of the catalog. */
  public record CatalogApp(String key, String id, boolean push) {}

  /**
   * One group.
   *
   * @param kind managed, hybrid or manual
   * @param path the manifest's path, for messages
   * @param adopt whether an existing unowned group of this name may be taken over
   * @param rule the group rule, for managed and hybrid groups
   * @param selector the rule's selector as a predicate over profiles, to tell which current members
   *     the rule would keep
   * @param members named members still in force (expired ones are not here)
   * @param expired named members whose access has ended
   * @param grandfathered whether the name is on okta-groups.yaml's grandfathering list, which only
   *     a group Okta already has may use
   */
  public record Group(
      String name,
      Kind kind,
      String description,
      String path,
      boolean adopt,
      Optional<Rule> rule,
      Optional<ProfileMatcher> selector,
      List<Member> members,
      List<Member> expired,
      List<Assignment> assignments,
      Optional<Push> push,
      boolean grandfathered) {

    /** A group whose name is not grandfathered. */
    public Group(
        String name,
        Kind kind,
        String description,
        String path,
        boolean adopt,
        Optional<Rule> rule,
        Optional<ProfileMatcher> selector,
        List<Member> members,
        List<Member> expired,
        List<Assignment> assignments,
        Optional<Push> push) {
      this(
          name,
          kind,
          description,
          path,
          adopt,
          rule,
          selector,
          members,
          expired,
          assignments,
          push,
          false);
    }
  }

  /**
   * A group rule: named after the group (or kept from the import), with the compiled expression.
   *
   * @param excluded logins or emails of the people the rule must not add, as the manifest lists
   * @param retires names of the Okta rules this one was merged from at import: each is deleted once
   *     this rule is active, without removing the people it added
   */
  public record Rule(String name, String expression, List<String> excluded, List<String> retires) {
    public Rule {
      excluded = List.copyOf(excluded);
      retires = List.copyOf(retires);
    }

    /** A rule that retires no other. */
    public Rule(String name, String expression, List<String> excluded) {
      this(name, expression, excluded, List.of());
    }

    /** A rule with no exclusions. */
    public Rule(String name, String expression) {
      this(name, expression, List.of());
    }
  }

  /** A named member: login or email as written, and when access ends. */
  public record Member(String user, Optional<LocalDate> expires) {}

  /** An app assignment. {@code priority} empty leaves Okta's value alone. */
  public record Assignment(
      String appKey, String appId, OptionalInt priority, Map<String, Object> profile) {}

  /**
   * A push mapping: the app and the downstream group's name (a Slack handle, a Google address).
   *
   * @param channels Slack: the channels the user group must be linked to, exactly; empty when the
   *     manifest leaves the links alone
   */
  public record Push(
      String appKey, String appId, String targetName, Optional<List<Channel>> channels) {
    public Push {
      channels = channels.map(List::copyOf);
    }

    /** A push whose downstream channels okta-groups leaves alone. */
    public Push(String appKey, String appId, String targetName) {
      this(appKey, appId, targetName, Optional.empty());
    }
  }

  /**
   * A channel a Slack push group is linked to.
   *
   * @param ref the channel's name without {@code #}, or its id, as the manifest writes it
   * @param line the manifest line that names it, for plan errors
   */
  public record Channel(String ref, int line) {}

  /** Evaluates a selector against a user profile, the way the compiled expression would. */
  public interface ProfileMatcher {
    boolean matches(Map<String, Object> profile);

    /**
     * A SCIM filter for Okta's user search that every profile this matcher accepts satisfies. It
     * may accept more people than the selector (search ignores case and cannot say "not"), so the
     * matcher still decides; empty when no narrowing filter can be written and only a full list
     * will do.
     */
    default Optional<String> search() {
      return Optional.empty();
    }

    /**
     * Why a matching profile matches: each clause of the rule expression with the attribute values
     * it read, such as {@code user.division == "Security" (division: Security)}. Empty when the
     * profile does not match.
     */
    default List<String> explain(Map<String, Object> profile) {
      return List.of();
    }
  }
}
