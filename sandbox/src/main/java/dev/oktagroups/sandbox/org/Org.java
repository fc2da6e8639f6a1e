package dev.oktagroups.sandbox.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The emulated org and Okta's rules for changing it: the façade over the stores (users, groups and
 * memberships, rules, apps and assignments, group push). Every public method holds the org lock, so
 * each call is atomic, as a single Okta API call is; the stores assume it is held. Operations that
 * span stores, such as deleting a user or a group, are composed here. The class is as long as the
 * API it serves: each method is a documented delegation or a short composition.
 *
 * <p>Sources for the behaviour are in ../shared/reference/okta-api.md; where live Okta and the spec
 * differ, this follows live Okta. docs/sandbox.md lists every known difference.
 */
public final class Org {
  /** One page of a list and the cursor of the next, if any. */
  public record Page<T>(List<T> items, Optional<String> after) {}

  // Okta's limits that the sandbox enforces.
  public static final int MAX_RULES = 2000;
  public static final int MAX_RULE_NAME = 50;
  public static final int MAX_RULE_TARGETS = 100;
  public static final int MAX_RULE_EXCLUSIONS = 100;

  /** Okta's base user profile: the standard attributes every org has. */
  public static final Set<String> STANDARD_USER_ATTRIBUTES =
      Set.of(
          ("login email secondEmail firstName lastName middleName honorificPrefix honorificSuffix"
                  + " title displayName nickName profileUrl primaryPhone mobilePhone streetAddress"
                  + " city state zipCode countryCode postalAddress preferredLanguage locale timezone"
                  + " userType employeeNumber costCenter organization division department managerId"
                  + " manager")
              .split(" "));

  /** A rule as requested: name, expression, targets, excluded users. */
  public record RuleSpec(
      String name,
      String expressionType,
      String expression,
      List<String> groupIds,
      List<String> excludedUsers) {}

  /** One JSON Patch operation on an assignment. */
  public record PatchOp(String op, String path, Object value) {}

  private final SandboxClock clock;
  private final Settings settings;
  private final Ids ids;
  private final UserStore users;
  private final GroupStore groups;
  private final AppStore apps;
  private final PushStore push;
  private final RuleEngine rules;
  private final Cascades cascades;
  private final SystemLog log;

  public Org(SandboxClock clock, Settings settings, long seed) {
    this.clock = clock;
    this.settings = settings;
    this.ids = new Ids(seed);
    this.log = new SystemLog(clock, settings);
    this.users = new UserStore(clock, settings, ids);
    this.groups = new GroupStore(clock, settings, ids, users, log);
    this.apps = new AppStore(clock, ids, groups, log);
    this.push = new PushStore(clock, settings, ids, users, groups, apps, log);
    this.rules = new RuleEngine(this, clock, settings, ids, users, groups, push, log);
    this.cascades = new Cascades(clock, users, groups, apps, push, rules, log);
  }

  public SandboxClock clock() {
    return clock;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Runs {@code work} under the org lock, so that what it reads and renders belongs to one state of
   * the org. Entities are live: outside the lock only their profiles, which are replaced and never
   * changed, are safe to read.
   */
  public <T> T locked(Supplier<T> work) {
    synchronized (this) {
      return work.get();
    }
  }

  /** Runs {@code work} under the lock without System Log events: seeding writes history. */
  public <T> T unlogged(Supplier<T> work) {
    synchronized (this) {
      return log.muted(work);
    }
  }

  /** The System Log; read it under {@link #locked}. */
  public SystemLog systemLog() {
    return log;
  }

  /** A fresh opaque id for error bodies and request ids. */
  public synchronized String opaqueId(String prefix) {
    return ids.opaque(prefix, 19);
  }

  // ================================================================ schemas

  /** Adds a custom user profile attribute (as Okta's Profile Editor would). */
  public synchronized void addUserAttribute(String name) {
    users.addAttribute(name);
  }

  /** Custom group profile attributes: name → definition (title, type, maxLength…). */
  public synchronized Map<String, Map<String, Object>> customGroupAttributes() {
    return groups.customAttributes();
  }

  /**
   * Adds or replaces custom group attributes, as {@code POST /api/v1/meta/schemas/group/default}
   * does. Only string attributes are supported.
   */
  public synchronized void defineGroupAttributes(Map<String, Map<String, Object>> defs) {
    groups.defineAttributes(defs);
  }

  // ================================================================ users

  /**
   * Creates a user. {@code activate} true gives ACTIVE (Okta's default), false STAGED.
   *
   * @throws OktaError 400 when login, email, firstName or lastName is missing, the login is taken,
   *     or an attribute is not in the profile schema
   */
  public synchronized User createUser(Map<String, Object> profile, boolean activate) {
    User u = users.create(profile, activate);
    log.admin("user.lifecycle.create", "Create Okta user", SystemLog.user(u));
    if (activate) {
      rules.changed(u);
    }
    return u;
  }

  /** A user by id or login. */
  public synchronized User user(String idOrLogin) {
    return users.get(idOrLogin);
  }

  public synchronized Optional<User> findUser(String idOrLogin) {
    return users.find(idOrLogin);
  }

  /** Every user, in id order. */
  public synchronized List<User> allUsers() {
    return List.copyOf(users.all());
  }

  /** Number of users in the org. */
  public synchronized int userCount() {
    return users.count();
  }

  /**
   * Lists users. {@code q} matches the start of first name, last name or email; {@code filter} and
   * {@code search} are SCIM-style expressions. DEPROVISIONED users appear only when a filter or
   * search asks for a status, as in Okta.
   */
  public synchronized Page<User> listUsers(
      String q, String filter, String search, String after, int limit) {
    return users.list(q, filter, search, after, limit);
  }

  /**
   * Updates a profile: {@code replace} true replaces it whole (PUT), false merges (POST). The
   * user's rules are re-evaluated, as a Workday import would trigger.
   */
  public synchronized User updateUser(
      String idOrLogin, Map<String, Object> profile, boolean replace) {
    User u = users.get(idOrLogin);
    users.update(u, profile, replace);
    log.admin("user.account.update_profile", "Update user profile for Okta", SystemLog.user(u));
    rules.changed(u);
    return u;
  }

  /** Activates a STAGED, PROVISIONED or DEPROVISIONED user. */
  public synchronized User activateUser(String id) {
    return cascades.activateUser(id);
  }

  /** Deactivates (DEPROVISIONED). Memberships stay; rules stop evaluating the user. */
  public synchronized User deactivateUser(String id) {
    return cascades.deactivateUser(id);
  }

  public synchronized User suspendUser(String id) {
    return cascades.suspendUser(id);
  }

  public synchronized User unsuspendUser(String id) {
    return cascades.unsuspendUser(id);
  }

  /**
   * Deletes a user. As in Okta, the first delete of a user who is not DEPROVISIONED only
   * deactivates; deleting a DEPROVISIONED user removes them and their memberships.
   */
  public synchronized void deleteUser(String id) {
    cascades.deleteUser(id);
  }

  /** The groups a user is in, Everyone first. */
  public synchronized List<Group> groupsOfUser(String idOrLogin) {
    User u = users.get(idOrLogin);
    List<Group> out = new ArrayList<>();
    out.add(groups.everyone());
    for (String gid : new TreeSet<>(u.groups)) {
      groups.find(gid).ifPresent(out::add);
    }
    return out;
  }

  // ================================================================ groups

  public synchronized Group everyone() {
    return groups.everyone();
  }

  /**
   * Creates an OKTA_GROUP.
   *
   * @throws OktaError 400 E0000001 when the name is blank, too long, or taken by another OKTA_GROUP
   *     (case-insensitively), or a profile attribute is not in the group schema
   */
  public synchronized Group createGroup(Map<String, Object> profile) {
    return groups.create(profile);
  }

  public synchronized Group group(String id) {
    return groups.get(id);
  }

  public synchronized Optional<Group> findGroup(String id) {
    return groups.find(id);
  }

  /** How many push mappings feed from a group. */
  public synchronized int pushMappingsFrom(String groupId) {
    return push.from(groupId);
  }

  /**
   * Lists groups. {@code q} is a case-insensitive name prefix and is not pageable; {@code filter}
   * accepts id, type, lastUpdated and lastMembershipUpdated; {@code search} also profile
   * attributes, with {@code co} only on profile.name and profile.description.
   */
  public synchronized Page<Group> listGroups(
      String q, String filter, String search, String after, int limit) {
    return groups.list(q, filter, search, after, limit);
  }

  /** Replaces an OKTA_GROUP's profile. */
  public synchronized Group replaceGroup(String id, Map<String, Object> profile) {
    Group g = groups.get(id);
    groups.replace(g, profile);
    return g;
  }

  /**
   * Deletes a group. Rules targeting it turn INVALID; its assignments and the push mappings it
   * feeds go; downstream groups stay. An APP_GROUP that is a push target cannot be deleted.
   */
  public synchronized void deleteGroup(String id) {
    cascades.deleteGroup(id);
  }

  /**
   * Lists a group's members in user-id order. Members of any status are listed, as live Okta does.
   * Everyone lists every user.
   */
  public synchronized Page<Map.Entry<User, Membership>> members(
      String groupId, String after, int limit) {
    return groups.members(groups.get(groupId), after, limit);
  }

  /** Adds a user directly to an OKTA_GROUP. Idempotent. */
  public synchronized void addMember(String groupId, String userId) {
    cascades.addMember(groupId, userId);
  }

  /**
   * Removes a user from an OKTA_GROUP. Removing a rule-managed member puts the user on each
   * managing rule's exclusion list, so the rule does not add them back. Idempotent.
   */
  public synchronized void removeMember(String groupId, String userId) {
    cascades.removeMember(groupId, userId);
  }

  // ================================================================ group rules

  /**
   * Creates a rule, always INACTIVE.
   *
   * @throws OktaError 400 E0000001 on a bad name, an expression Okta would reject, unknown or
   *     non-OKTA_GROUP targets, or the org's 2,000-rule limit
   */
  public synchronized Rule createRule(RuleSpec spec) {
    return rules.create(spec);
  }

  public synchronized Rule rule(String id) {
    return rules.get(id);
  }

  public synchronized List<Rule> allRules() {
    return List.copyOf(rules.all());
  }

  public synchronized List<Group> allGroups() {
    return List.copyOf(groups.all());
  }

  public synchronized List<App> allApps() {
    return List.copyOf(apps.all());
  }

  public synchronized List<Assignment> allAssignments() {
    return apps.allAssignments();
  }

  public synchronized List<PushMapping> allMappings() {
    return List.copyOf(push.all());
  }

  /** Lists rules; {@code search} matches a name substring, case-insensitively. */
  public synchronized Page<Rule> listRules(String search, String after, int limit) {
    return rules.list(search, after, limit);
  }

  /**
   * Replaces a rule. Only INACTIVE rules can be replaced; status is not settable; the targets may
   * change only when editable targets are on.
   */
  public synchronized Rule replaceRule(String id, RuleSpec spec) {
    return rules.replace(id, spec);
  }

  /** Activates a rule and evaluates it over every ACTIVE user (after the evaluation delay). */
  public synchronized void activateRule(String id) {
    rules.activate(id);
  }

  /** Deactivates a rule; its members stay. */
  public synchronized void deactivateRule(String id) {
    rules.deactivate(id);
  }

  /**
   * Deletes a rule (Okta answers 202). With {@code removeUsers} the members it alone added leave
   * their groups; without, they stay as direct members. An ACTIVE rule must be deactivated first.
   */
  public synchronized void deleteRule(String id, boolean removeUsers) {
    rules.delete(id, removeUsers);
  }

  /** The rules that manage a user's membership in a group. */
  public synchronized List<Rule> rulesManaging(String groupId, String userId) {
    Membership m =
        groups
            .membership(groups.get(groupId), users.get(userId))
            .orElseThrow(() -> OktaError.notFound("GroupMembership", userId));
    return rules.managing(m);
  }

  // ================================================================ apps

  /** Adds an app (seeding and the control API; Okta's app creation is out of scope). */
  public synchronized App addApp(
      String id,
      String name,
      String label,
      boolean pushCapable,
      App.PushType pushType,
      String emailDomain) {
    return apps.add(id, name, label, pushCapable, pushType, emailDomain);
  }

  public synchronized App app(String id) {
    return apps.get(id);
  }

  /** Lists apps; {@code q} matches the start of the label or name. */
  public synchronized Page<App> listApps(String q, String after, int limit) {
    return apps.list(q, after, limit);
  }

  /** The apps a group is assigned to. */
  public synchronized Page<App> appsOfGroup(String groupId, String after, int limit) {
    return apps.ofGroup(groups.get(groupId), after, limit);
  }

  // ================================================================ app group assignments

  /**
   * Assigns a group to an app, or updates the assignment (PUT). A missing priority is the next one
   * after the app's highest for a new assignment, and unchanged for an existing one.
   */
  public synchronized Assignment assign(
      String appId, String groupId, Integer priority, Map<String, Object> profile) {
    App a = apps.get(appId);
    Group g = groups.get(groupId);
    Assignment as = apps.assign(a, g, priority, profile);
    push.app(a);
    return as;
  }

  public synchronized Assignment assignment(String appId, String groupId) {
    return apps.assignment(appId, groupId);
  }

  /** Lists an app's group assignments; {@code q} matches the start of the group name. */
  public synchronized Page<Assignment> listAssignments(
      String appId, String q, String after, int limit) {
    return apps.listAssignments(appId, q, after, limit);
  }

  /** Applies JSON Patch operations to {@code /priority} and {@code /profile/…}. */
  public synchronized Assignment patchAssignment(String appId, String groupId, List<PatchOp> ops) {
    return apps.patch(appId, groupId, ops);
  }

  public synchronized void unassign(String appId, String groupId) {
    App a = apps.get(appId);
    if (!apps.unassign(appId, groupId)) {
      throw OktaError.notFound("ApplicationGroupAssignment", groupId);
    }
    push.app(a);
  }

  // ================================================================ push mappings

  /**
   * Creates a push mapping. Exactly one of {@code targetGroupId} (an APP_GROUP of the app) and
   * {@code targetGroupName} (created, or linked when the app already has a group of that name).
   * When the app cannot push, the mapping is created in ERROR.
   */
  public synchronized PushMapping createMapping(
      String appId,
      String sourceGroupId,
      String targetGroupId,
      String targetGroupName,
      String status) {
    return push.create(appId, sourceGroupId, targetGroupId, targetGroupName, status);
  }

  public synchronized PushMapping mapping(String appId, String mappingId) {
    return push.get(appId, mappingId);
  }

  /**
   * Lists an app's mappings, optionally only one source group's, one status's, or those updated at
   * or after a time.
   */
  public synchronized Page<PushMapping> listMappings(
      String appId,
      String sourceGroupId,
      String status,
      Optional<java.time.Instant> updatedSince,
      String after,
      int limit) {
    return push.list(appId, sourceGroupId, status, updatedSince, after, limit);
  }

  /** Changes a mapping's status, the only thing PATCH may change; ACTIVE pushes in full. */
  public synchronized PushMapping setMappingStatus(String appId, String mappingId, String status) {
    return push.setStatus(appId, mappingId, status);
  }

  /**
   * Deletes a mapping: only INACTIVE ones (and ERROR ones, since 2026.07.0). With {@code
   * deleteTargetGroup} the APP_GROUP and the downstream group go too.
   */
  public synchronized void deleteMapping(
      String appId, String mappingId, boolean deleteTargetGroup) {
    PushMapping m = push.delete(appId, mappingId, deleteTargetGroup);
    if (deleteTargetGroup) {
      groups.find(m.targetGroupId).ifPresent(groups::remove);
    }
  }

  /** What the app's directory holds: one entry per pushed group. */
  public synchronized List<DownstreamGroup> downstream(String appId) {
    return push.downstream(appId);
  }
}
