package dev.oktagroups.sandbox.org;

import dev.oktagroups.sandbox.expr.ExprException;
import dev.oktagroups.sandbox.expr.Expression;
import dev.oktagroups.sandbox.expr.Filter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The emulated org and Okta's rules for changing it. Every public method holds the org lock, so
 * each call is atomic, as a single Okta API call is.
 *
 * <p>Sources for the behaviour are in ../shared/reference/okta-api.md; where live Okta and the
 * spec differ, this follows live Okta. docs/sandbox.md lists every known difference.
 */
public final class Org {
  /** One page of a list and the cursor of the next, if any. */
  public record Page<T>(List<T> items, Optional<String> after) {}

  /** Okta's limits that the sandbox enforces. */
  public static final int MAX_RULES = 2000;
  public static final int MAX_RULE_NAME = 50;
  public static final int MAX_RULE_TARGETS = 100;
  public static final int MAX_RULE_EXCLUSIONS = 100;

  /** Okta's base user profile: the standard attributes every org has. */
  public static final Set<String> STANDARD_USER_ATTRIBUTES = Set.of(
      "login", "email", "secondEmail", "firstName", "lastName", "middleName", "honorificPrefix",
      "honorificSuffix", "title", "displayName", "nickName", "profileUrl", "primaryPhone",
      "mobilePhone", "streetAddress", "city", "state", "zipCode", "countryCode", "postalAddress",
      "preferredLanguage", "locale", "timezone", "userType", "employeeNumber", "costCenter",
      "organization", "division", "department", "managerId", "manager");

  private final SandboxClock clock;
  private final Settings settings;
  private final Ids ids;
  private final TreeMap<String, User> users = new TreeMap<>();
  private final HashMap<String, User> byLogin = new HashMap<>();
  private final TreeMap<String, Group> groups = new TreeMap<>();
  private final HashMap<String, Group> oktaGroupsByName = new HashMap<>();
  private final TreeMap<String, Rule> rules = new TreeMap<>();
  private final TreeMap<String, App> apps = new TreeMap<>();
  private final HashMap<String, TreeMap<String, Assignment>> assignments = new HashMap<>();
  private final TreeMap<String, PushMapping> mappings = new TreeMap<>();
  private final HashMap<String, TreeMap<String, DownstreamGroupState>> downstream = new HashMap<>();
  private final LinkedHashSet<String> customUserAttributes = new LinkedHashSet<>();
  private final LinkedHashMap<String, LinkedHashMap<String, Object>> customGroupAttributes = new LinkedHashMap<>();
  private final Group everyone;
  private ScheduledExecutorService scheduler;

  /** Mutable state of one downstream group. */
  private static final class DownstreamGroupState {
    final String name;
    final String email;
    final TreeSet<String> members = new TreeSet<>();

    DownstreamGroupState(String name, String email) {
      this.name = name;
      this.email = email;
    }
  }

  public Org(SandboxClock clock, Settings settings, long seed) {
    this.clock = clock;
    this.settings = settings;
    this.ids = new Ids(seed);
    LinkedHashMap<String, Object> p = new LinkedHashMap<>();
    p.put("name", "Everyone");
    p.put("description", "All users in your organization");
    this.everyone = new Group(ids.next("00g"), Group.Type.BUILT_IN, clock.now(), p, null);
    groups.put(everyone.id, everyone);
  }

  public SandboxClock clock() {
    return clock;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Runs {@code work} under the org lock, so that what it reads and renders belongs to one state
   * of the org. Entities are live: outside the lock only their profiles, which are replaced and
   * never changed, are safe to read.
   */
  public <T> T locked(Supplier<T> work) {
    synchronized (this) {
      return work.get();
    }
  }

  /** A fresh opaque id for error bodies and request ids. */
  public synchronized String opaqueId(String prefix) {
    return ids.opaque(prefix, 19);
  }

  // ================================================================ schemas

  /** Adds a custom user profile attribute (as Okta's Profile Editor would). */
  public synchronized void addUserAttribute(String name) {
    if (!STANDARD_USER_ATTRIBUTES.contains(name)) {
      customUserAttributes.add(name);
    }
  }

  public synchronized boolean isUserAttribute(String name) {
    return STANDARD_USER_ATTRIBUTES.contains(name) || customUserAttributes.contains(name);
  }

  public synchronized Set<String> customUserAttributes() {
    return Set.copyOf(customUserAttributes);
  }

  /** Custom group profile attributes: name → definition (title, type, maxLength…). */
  public synchronized Map<String, Map<String, Object>> customGroupAttributes() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    customGroupAttributes.forEach((k, v) -> out.put(k, Map.copyOf(v)));
    return out;
  }

  /**
   * Adds or replaces custom group attributes, as {@code POST /api/v1/meta/schemas/group/default}
   * does. Only string attributes are supported.
   */
  public synchronized void defineGroupAttributes(Map<String, Map<String, Object>> defs) {
    defs.forEach((name, def) -> {
      if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
        throw OktaError.validation("definitions.custom.properties", "Invalid property name: " + name);
      }
      if (name.equals("name") || name.equals("description")) {
        throw OktaError.validation("definitions.custom.properties", name + " is a base property");
      }
      Object type = def.getOrDefault("type", "string");
      if (!"string".equals(type)) {
        throw OktaError.validation("definitions.custom.properties", "The sandbox supports string attributes only");
      }
      LinkedHashMap<String, Object> d = new LinkedHashMap<>(def);
      d.putIfAbsent("title", name);
      d.put("type", "string");
      customGroupAttributes.put(name, d);
    });
  }

  // ================================================================ users

  /**
   * Creates a user. {@code activate} true gives ACTIVE (Okta's default), false STAGED.
   *
   * @throws OktaError 400 when login, email, firstName or lastName is missing, the login is
   *     taken, or an attribute is not in the profile schema
   */
  public synchronized User createUser(Map<String, Object> profile, boolean activate) {
    LinkedHashMap<String, Object> p = new LinkedHashMap<>(profile);
    List<String> causes = new ArrayList<>();
    for (String required : List.of("login", "email", "firstName", "lastName")) {
      Object v = p.get(required);
      if (!(v instanceof String s) || s.isBlank()) {
        causes.add(required + ": The field cannot be left blank");
      }
    }
    checkUserAttributes(p, causes);
    if (!causes.isEmpty()) {
      throw OktaError.validation("login", causes.toArray(String[]::new));
    }
    String login = (String) p.get("login");
    if (byLogin.containsKey(login.toLowerCase(Locale.ROOT))) {
      throw OktaError.validation("login", "login: An object with this field already exists in the current organization");
    }
    Instant now = clock.now();
    User u = new User(ids.next("00u"), activate ? User.Status.ACTIVE : User.Status.STAGED, now, p);
    u.searchableAt = now.plus(settings.searchLag);
    users.put(u.id, u);
    byLogin.put(login.toLowerCase(Locale.ROOT), u);
    if (activate) {
      changed(u);
    }
    return u;
  }

  private void checkUserAttributes(Map<String, Object> p, List<String> causes) {
    for (Map.Entry<String, Object> e : p.entrySet()) {
      if (!isUserAttribute(e.getKey())) {
        causes.add(e.getKey() + ": Property not found in user profile schema");
      } else if (e.getValue() != null && !(e.getValue() instanceof String) && !(e.getValue() instanceof List)
          && !(e.getValue() instanceof Number) && !(e.getValue() instanceof Boolean)) {
        causes.add(e.getKey() + ": Unsupported value type");
      }
    }
  }

  /** A user by id or login. */
  public synchronized User user(String idOrLogin) {
    User u = users.get(idOrLogin);
    if (u == null) {
      u = byLogin.get(idOrLogin.toLowerCase(Locale.ROOT));
    }
    if (u == null) {
      throw OktaError.notFound("User", idOrLogin);
    }
    return u;
  }

  public synchronized Optional<User> findUser(String idOrLogin) {
    try {
      return Optional.of(user(idOrLogin));
    } catch (OktaError e) {
      return Optional.empty();
    }
  }

  /** Every user, in id order. */
  public synchronized List<User> allUsers() {
    return List.copyOf(users.values());
  }

  /** Number of users in the org. */
  public synchronized int userCount() {
    return users.size();
  }

  /**
   * Lists users. {@code q} matches the start of first name, last name or email; {@code filter}
   * and {@code search} are SCIM-style expressions. DEPROVISIONED users appear only when a
   * filter or search asks for a status, as in Okta.
   */
  public synchronized Page<User> listUsers(String q, String filter, String search, String after, int limit) {
    Predicate<User> p = u -> true;
    boolean indexed = q != null || filter != null || search != null;
    boolean statusAsked = false;
    if (q != null) {
      String qq = q.toLowerCase(Locale.ROOT);
      p = u -> startsWith(u.profile.get("firstName"), qq) || startsWith(u.profile.get("lastName"), qq)
          || startsWith(u.profile.get("email"), qq);
    }
    for (String expr : new String[] {filter, search}) {
      if (expr == null) {
        continue;
      }
      Filter f = parseFilter(expr);
      if (expr == filter) {
        for (Filter.Condition c : f.conditions()) {
          if (!Set.of("status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName",
              "profile.lastName", "created").contains(c.path())) {
            throw OktaError.badSearch("filter does not support " + c.path() + "; use search");
          }
        }
      }
      statusAsked |= f.conditions().stream().anyMatch(c -> c.path().equals("status"));
      Predicate<User> prev = p;
      p = u -> prev.test(u) && f.test(path -> userPath(u, path));
    }
    Instant now = clock.now();
    boolean showDeprovisioned = statusAsked;
    Predicate<User> keep = p;
    Predicate<User> all = u -> (showDeprovisioned || u.status != User.Status.DEPROVISIONED)
        && (!indexed || !u.searchableAt.isAfter(now)) && keep.test(u);
    return page(users, after, limit, all);
  }

  private static boolean startsWith(Object v, String prefix) {
    return v instanceof String s && s.toLowerCase(Locale.ROOT).startsWith(prefix);
  }

  private static Object userPath(User u, String path) {
    if (path.startsWith("profile.")) {
      return u.profile.get(path.substring(8));
    }
    return switch (path) {
      case "id" -> u.id;
      case "status" -> u.status.name();
      case "created" -> Views.ts(u.created);
      case "lastUpdated" -> Views.ts(u.lastUpdated);
      case "type.id" -> "oty0000000000000000";
      default -> null;
    };
  }

  /**
   * Updates a profile: {@code replace} true replaces it whole (PUT), false merges (POST). The
   * user's rules are re-evaluated, as a Workday import would trigger.
   */
  public synchronized User updateUser(String idOrLogin, Map<String, Object> profile, boolean replace) {
    User u = user(idOrLogin);
    LinkedHashMap<String, Object> next = replace ? new LinkedHashMap<>() : new LinkedHashMap<>(u.profile);
    if (replace) {
      for (String keep : List.of("login", "email", "firstName", "lastName")) {
        next.put(keep, u.profile.get(keep));
      }
    }
    next.putAll(profile);
    List<String> causes = new ArrayList<>();
    checkUserAttributes(profile, causes);
    for (String required : List.of("login", "email", "firstName", "lastName")) {
      if (!(next.get(required) instanceof String s) || s.isBlank()) {
        causes.add(required + ": The field cannot be left blank");
      }
    }
    if (!causes.isEmpty()) {
      throw OktaError.validation("profile", causes.toArray(String[]::new));
    }
    String oldLogin = u.login().toLowerCase(Locale.ROOT);
    String newLogin = String.valueOf(next.get("login")).toLowerCase(Locale.ROOT);
    if (!oldLogin.equals(newLogin)) {
      if (byLogin.containsKey(newLogin)) {
        throw OktaError.validation("login", "login: An object with this field already exists in the current organization");
      }
      byLogin.remove(oldLogin);
      byLogin.put(newLogin, u);
    }
    u.profile = Profiles.frozen(next);
    u.lastUpdated = clock.now();
    changed(u);
    return u;
  }

  /** Activates a STAGED, PROVISIONED or DEPROVISIONED user. */
  public synchronized User activateUser(String id) {
    User u = user(id);
    if (u.status == User.Status.ACTIVE) {
      throw new OktaError(403, "E0000016", "Activation failed because the user is already active", List.of());
    }
    setStatus(u, User.Status.ACTIVE);
    if (u.activated == null) {
      u.activated = u.statusChanged;
    }
    changed(u);
    return u;
  }

  /** Deactivates (DEPROVISIONED). Memberships stay; rules stop evaluating the user. */
  public synchronized User deactivateUser(String id) {
    User u = user(id);
    setStatus(u, User.Status.DEPROVISIONED);
    pushGroupsOf(u);
    return u;
  }

  public synchronized User suspendUser(String id) {
    User u = user(id);
    if (u.status != User.Status.ACTIVE) {
      throw new OktaError(400, "E0000001", "Api validation failed: status", List.of("Only ACTIVE users can be suspended"));
    }
    setStatus(u, User.Status.SUSPENDED);
    pushGroupsOf(u);
    return u;
  }

  public synchronized User unsuspendUser(String id) {
    User u = user(id);
    if (u.status != User.Status.SUSPENDED) {
      throw new OktaError(400, "E0000001", "Api validation failed: status", List.of("Only SUSPENDED users can be unsuspended"));
    }
    setStatus(u, User.Status.ACTIVE);
    changed(u);
    return u;
  }

  private void setStatus(User u, User.Status s) {
    u.status = s;
    u.statusChanged = clock.now();
    u.lastUpdated = u.statusChanged;
  }

  /**
   * Deletes a user. As in Okta, the first delete of a user who is not DEPROVISIONED only
   * deactivates; deleting a DEPROVISIONED user removes them and their memberships.
   */
  public synchronized void deleteUser(String id) {
    User u = user(id);
    if (u.status != User.Status.DEPROVISIONED) {
      deactivateUser(u.id);
      return;
    }
    for (String gid : new ArrayList<>(u.groups)) {
      Group g = groups.get(gid);
      if (g != null) {
        g.members.remove(u.id);
        g.lastMembershipUpdated = clock.now();
        pushGroup(g);
      }
    }
    for (Rule r : rules.values()) {
      r.excludedUsers.remove(u.id);
    }
    users.remove(u.id);
    byLogin.remove(u.login().toLowerCase(Locale.ROOT));
  }

  /** The groups a user is in, Everyone first. */
  public synchronized List<Group> groupsOfUser(String idOrLogin) {
    User u = user(idOrLogin);
    List<Group> out = new ArrayList<>();
    out.add(everyone);
    for (String gid : new TreeSet<>(u.groups)) {
      out.add(groups.get(gid));
    }
    return out;
  }

  // ================================================================ groups

  public synchronized Group everyone() {
    return everyone;
  }

  /**
   * Creates an OKTA_GROUP.
   *
   * @throws OktaError 400 E0000001 when the name is blank, too long, or taken by another
   *     OKTA_GROUP (case-insensitively), or a profile attribute is not in the group schema
   */
  public synchronized Group createGroup(Map<String, Object> profile) {
    LinkedHashMap<String, Object> p = checkGroupProfile(profile, null);
    Group g = new Group(ids.next("00g"), Group.Type.OKTA_GROUP, clock.now(), p, null);
    g.searchableAt = g.created.plus(settings.searchLag);
    groups.put(g.id, g);
    oktaGroupsByName.put(g.name().toLowerCase(Locale.ROOT), g);
    return g;
  }

  private LinkedHashMap<String, Object> checkGroupProfile(Map<String, Object> profile, Group self) {
    List<String> causes = new ArrayList<>();
    Object name = profile.get("name");
    if (!(name instanceof String n) || n.isBlank()) {
      causes.add("name: The field cannot be left blank");
    } else if (n.length() > 255) {
      causes.add("name: The field is too long");
    } else {
      Group other = oktaGroupsByName.get(n.toLowerCase(Locale.ROOT));
      if (other != null && other != self) {
        causes.add("name: An object with this field already exists in the current organization");
      }
    }
    Object desc = profile.get("description");
    if (desc != null && !(desc instanceof String)) {
      causes.add("description: The field must be a string");
    } else if (desc instanceof String d && d.length() > 1024) {
      causes.add("description: The field is too long");
    }
    for (Map.Entry<String, Object> e : profile.entrySet()) {
      String k = e.getKey();
      if (k.equals("name") || k.equals("description")) {
        continue;
      }
      if (!customGroupAttributes.containsKey(k)) {
        causes.add(k + ": Property not found in group profile schema");
      } else if (e.getValue() != null && !(e.getValue() instanceof String)) {
        causes.add(k + ": The field must be a string");
      }
    }
    if (!causes.isEmpty()) {
      throw OktaError.validation(causes.get(0).substring(0, causes.get(0).indexOf(':')), causes.toArray(String[]::new));
    }
    LinkedHashMap<String, Object> p = new LinkedHashMap<>();
    p.put("name", profile.get("name"));
    p.put("description", profile.get("description"));
    profile.forEach((k, v) -> {
      if (!k.equals("name") && !k.equals("description") && v != null) {
        p.put(k, v);
      }
    });
    return p;
  }

  public synchronized Group group(String id) {
    Group g = groups.get(id);
    if (g == null) {
      throw OktaError.notFound("UserGroup", id);
    }
    return g;
  }

  public synchronized Optional<Group> findGroup(String id) {
    return Optional.ofNullable(groups.get(id));
  }

  /** How many push mappings feed from a group. */
  public synchronized int pushMappingsFrom(String groupId) {
    return (int) mappings.values().stream().filter(m -> m.sourceGroupId.equals(groupId)).count();
  }

  /**
   * Lists groups. {@code q} is a case-insensitive name prefix and is not pageable; {@code filter}
   * accepts id, type, lastUpdated and lastMembershipUpdated; {@code search} also profile
   * attributes, with {@code co} only on profile.name and profile.description.
   */
  public synchronized Page<Group> listGroups(String q, String filter, String search, String after, int limit) {
    Predicate<Group> p = g -> true;
    if (q != null) {
      String qq = q.toLowerCase(Locale.ROOT);
      p = g -> g.name().toLowerCase(Locale.ROOT).startsWith(qq);
    }
    if (filter != null) {
      Filter f = parseFilter(filter);
      for (Filter.Condition c : f.conditions()) {
        if (!Set.of("id", "type", "lastUpdated", "lastMembershipUpdated").contains(c.path())) {
          throw OktaError.badSearch("filter supports id, type, lastUpdated and lastMembershipUpdated; use search for " + c.path());
        }
      }
      Predicate<Group> prev = p;
      p = g -> prev.test(g) && f.test(path -> groupPath(g, path));
    }
    if (search != null) {
      Filter f = parseFilter(search);
      for (Filter.Condition c : f.conditions()) {
        if (c.op().equals("co") && !Set.of("profile.name", "profile.description").contains(c.path())) {
          throw OktaError.badSearch("co is supported on profile.name and profile.description only");
        }
      }
      Predicate<Group> prev = p;
      p = g -> prev.test(g) && f.test(path -> groupPath(g, path));
    }
    boolean indexed = q != null || filter != null || search != null;
    Instant now = clock.now();
    Predicate<Group> keep = p;
    Page<Group> page = page(groups, after, limit, g -> (!indexed || !g.searchableAt.isAfter(now)) && keep.test(g));
    // q is not pageable: one page, no next link
    return q != null ? new Page<>(page.items(), Optional.empty()) : page;
  }

  private static Object groupPath(Group g, String path) {
    if (path.startsWith("profile.")) {
      return g.profile.get(path.substring(8));
    }
    return switch (path) {
      case "id" -> g.id;
      case "type" -> g.type.name();
      case "created" -> Views.ts(g.created);
      case "lastUpdated" -> Views.ts(g.lastUpdated);
      case "lastMembershipUpdated" -> Views.ts(g.lastMembershipUpdated);
      case "source.id" -> g.sourceAppId;
      default -> null;
    };
  }

  private Filter parseFilter(String expr) {
    try {
      return Filter.parse(expr);
    } catch (ExprException e) {
      throw OktaError.badSearch(e.getMessage());
    }
  }

  /** Replaces an OKTA_GROUP's profile. */
  public synchronized Group replaceGroup(String id, Map<String, Object> profile) {
    Group g = group(id);
    requireOktaGroup(g, "update");
    LinkedHashMap<String, Object> p = checkGroupProfile(profile, g);
    oktaGroupsByName.remove(g.name().toLowerCase(Locale.ROOT));
    g.profile = Profiles.frozen(p);
    oktaGroupsByName.put(g.name().toLowerCase(Locale.ROOT), g);
    g.lastUpdated = clock.now();
    return g;
  }

  private static void requireOktaGroup(Group g, String what) {
    if (g.type != Group.Type.OKTA_GROUP) {
      throw OktaError.forbidden("Cannot " + what + " a group of type " + g.type + "; only OKTA_GROUP groups can be modified");
    }
  }

  /**
   * Deletes a group. Rules targeting it turn INVALID; its assignments and the push mappings it
   * feeds go; downstream groups stay. An APP_GROUP that is a push target cannot be deleted.
   */
  public synchronized void deleteGroup(String id) {
    Group g = group(id);
    if (g.type == Group.Type.BUILT_IN) {
      throw OktaError.forbidden("The Everyone group cannot be deleted");
    }
    if (g.type == Group.Type.APP_GROUP && mappings.values().stream().anyMatch(m -> m.targetGroupId.equals(id))) {
      throw OktaError.validation("id", "Cannot delete a group that is the target of a group push mapping");
    }
    Instant now = clock.now();
    for (Rule r : rules.values()) {
      if (r.groupIds.contains(id) && r.status != Rule.Status.INVALID) {
        r.status = Rule.Status.INVALID;
        r.allGroupsValid = false;
        r.lastUpdated = now;
      }
    }
    for (TreeMap<String, Assignment> byGroup : assignments.values()) {
      byGroup.remove(id);
    }
    mappings.values().removeIf(m -> m.sourceGroupId.equals(id));
    Set<User> affected = new LinkedHashSet<>();
    for (String uid : g.members.keySet()) {
      User u = users.get(uid);
      if (u != null) {
        u.groups.remove(id);
        affected.add(u);
      }
    }
    groups.remove(id);
    if (g.type == Group.Type.OKTA_GROUP) {
      oktaGroupsByName.remove(g.name().toLowerCase(Locale.ROOT));
    }
    affected.forEach(this::changed); // membership-based rules may no longer match
  }

  /**
   * Lists a group's members in user-id order. Members of any status are listed, as live Okta
   * does. Everyone lists every user.
   */
  public synchronized Page<Map.Entry<User, Membership>> members(String groupId, String after, int limit) {
    Group g = group(groupId);
    List<Map.Entry<User, Membership>> items = new ArrayList<>();
    String next = null;
    if (g == everyone) {
      NavigableMap<String, User> tail = after == null ? users : users.tailMap(after, false);
      Membership implicit = new Membership();
      implicit.direct = true;
      for (User u : tail.values()) {
        if (items.size() == limit) {
          next = items.get(items.size() - 1).getKey().id;
          break;
        }
        items.add(Map.entry(u, implicit));
      }
    } else {
      NavigableMap<String, Membership> tail = after == null ? g.members : g.members.tailMap(after, false);
      for (Map.Entry<String, Membership> e : tail.entrySet()) {
        if (items.size() == limit) {
          next = items.get(items.size() - 1).getKey().id;
          break;
        }
        items.add(Map.entry(users.get(e.getKey()), e.getValue()));
      }
    }
    return new Page<>(items, Optional.ofNullable(next));
  }

  /** The membership of a user in a group. */
  public synchronized Optional<Membership> membership(String groupId, String userId) {
    Group g = group(groupId);
    User u = user(userId);
    if (g == everyone) {
      Membership m = new Membership();
      m.direct = true;
      return Optional.of(m);
    }
    return Optional.ofNullable(g.members.get(u.id));
  }

  /** Adds a user directly to an OKTA_GROUP. Idempotent. */
  public synchronized void addMember(String groupId, String userId) {
    Group g = group(groupId);
    requireOktaGroup(g, "add members to");
    User u = user(userId);
    Membership m = g.members.get(u.id);
    if (m == null) {
      m = new Membership();
      g.members.put(u.id, m);
      u.groups.add(g.id);
      g.lastMembershipUpdated = clock.now();
    }
    m.direct = true;
    pushGroup(g);
    membershipChanged(u);
  }

  /**
   * Removes a user from an OKTA_GROUP. Removing a rule-managed member puts the user on each
   * managing rule's exclusion list, so the rule does not add them back. Idempotent.
   */
  public synchronized void removeMember(String groupId, String userId) {
    Group g = group(groupId);
    requireOktaGroup(g, "remove members from");
    User u = user(userId);
    Membership m = g.members.remove(u.id);
    if (m == null) {
      return;
    }
    Instant now = clock.now();
    for (String rid : m.rules) {
      Rule r = rules.get(rid);
      if (r != null && !r.excludedUsers.contains(u.id)) {
        r.excludedUsers.add(u.id);
        r.lastUpdated = now;
      }
    }
    u.groups.remove(g.id);
    g.lastMembershipUpdated = now;
    pushGroup(g);
    membershipChanged(u);
  }

  // ================================================================ group rules

  /** A rule as requested: name, expression, targets, excluded users. */
  public record RuleSpec(String name, String expressionType, String expression, List<String> groupIds, List<String> excludedUsers) {}

  /**
   * Creates a rule, always INACTIVE.
   *
   * @throws OktaError 400 E0000001 on a bad name, an expression Okta would reject, unknown or
   *     non-OKTA_GROUP targets, or the org's 2,000-rule limit
   */
  public synchronized Rule createRule(RuleSpec spec) {
    if (rules.size() >= MAX_RULES) {
      throw OktaError.validation("rule", "The org has reached the limit of " + MAX_RULES + " group rules");
    }
    Expression e = checkRule(spec);
    Instant now = clock.now();
    Rule r = new Rule(ids.next("0pr"), spec.name(), now, e);
    r.groupIds.addAll(spec.groupIds());
    r.excludedUsers.addAll(spec.excludedUsers());
    rules.put(r.id, r);
    return r;
  }

  private Expression checkRule(RuleSpec spec) {
    String name = spec.name();
    if (name == null || name.isBlank()) {
      throw OktaError.validation("name", "name: The field cannot be left blank");
    }
    if (name.length() > MAX_RULE_NAME) {
      throw OktaError.validation("name", "name: The field cannot exceed " + MAX_RULE_NAME + " characters");
    }
    if (spec.expressionType() != null && !spec.expressionType().equals("urn:okta:expression:1.0")) {
      throw OktaError.validation("conditions.expression.type", "Invalid expression type: " + spec.expressionType());
    }
    if (spec.expression() == null || spec.expression().isBlank()) {
      throw OktaError.validation("conditions.expression.value", "conditions.expression.value: The field cannot be left blank");
    }
    Expression e;
    try {
      e = Expression.parse(spec.expression(), this::isUserAttribute);
    } catch (ExprException x) {
      throw OktaError.validation("conditions.expression.value", "Invalid condition expression: " + x.getMessage());
    }
    List<String> targets = spec.groupIds();
    if (targets.isEmpty()) {
      throw OktaError.validation("actions.assignUserToGroups.groupIds", "A group rule must assign users to at least one group");
    }
    if (targets.size() > MAX_RULE_TARGETS) {
      throw OktaError.validation("actions.assignUserToGroups.groupIds", "A group rule can target at most " + MAX_RULE_TARGETS + " groups");
    }
    for (String gid : targets) {
      Group g = groups.get(gid);
      if (g == null) {
        throw OktaError.validation("actions.assignUserToGroups.groupIds", "Group not found: " + gid);
      }
      if (g.type != Group.Type.OKTA_GROUP) {
        throw OktaError.validation("actions.assignUserToGroups.groupIds", "Group rules can only assign users to OKTA_GROUP groups: " + gid);
      }
    }
    if (spec.excludedUsers().size() > MAX_RULE_EXCLUSIONS) {
      throw OktaError.validation("conditions.people.users.exclude", "A group rule can exclude at most " + MAX_RULE_EXCLUSIONS + " users");
    }
    for (String uid : spec.excludedUsers()) {
      if (!users.containsKey(uid)) {
        throw OktaError.validation("conditions.people.users.exclude", "User not found: " + uid);
      }
    }
    return e;
  }

  public synchronized Rule rule(String id) {
    Rule r = rules.get(id);
    if (r == null) {
      throw OktaError.notFound("GroupRule", id);
    }
    return r;
  }

  public synchronized List<Rule> allRules() {
    return List.copyOf(rules.values());
  }

  public synchronized List<Group> allGroups() {
    return List.copyOf(groups.values());
  }

  public synchronized List<App> allApps() {
    return List.copyOf(apps.values());
  }

  public synchronized List<Assignment> allAssignments() {
    List<Assignment> out = new ArrayList<>();
    assignments.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  public synchronized List<PushMapping> allMappings() {
    return List.copyOf(mappings.values());
  }

  /** Lists rules; {@code search} matches a name substring, case-insensitively. */
  public synchronized Page<Rule> listRules(String search, String after, int limit) {
    String s = search == null ? null : search.toLowerCase(Locale.ROOT);
    return page(rules, after, limit, r -> s == null || r.name.toLowerCase(Locale.ROOT).contains(s));
  }

  /**
   * Replaces a rule. Only INACTIVE rules can be replaced; status is not settable; the targets
   * may change only when editable targets are on.
   */
  public synchronized Rule replaceRule(String id, RuleSpec spec) {
    Rule r = rule(id);
    if (r.status == Rule.Status.ACTIVE) {
      throw OktaError.validation("status", "Cannot update an ACTIVE group rule; deactivate it first");
    }
    if (r.status == Rule.Status.INVALID) {
      throw OktaError.validation("status", "Cannot update a group rule with the status INVALID");
    }
    Expression e = checkRule(spec);
    if (!new LinkedHashSet<>(spec.groupIds()).equals(new LinkedHashSet<>(r.groupIds)) && !settings.editableRuleTargets) {
      throw OktaError.validation("actions", "actions.assignUserToGroups.groupIds: The group rule action cannot be updated");
    }
    Instant now = clock.now();
    for (String dropped : r.groupIds) {
      if (spec.groupIds().contains(dropped)) {
        continue;
      }
      // The rule no longer feeds this group: release what it alone was holding there.
      Group g = groups.get(dropped);
      if (g == null) {
        continue;
      }
      for (var it = g.members.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Membership> en = it.next();
        if (en.getValue().rules.remove(r.id) && en.getValue().isEmpty()) {
          it.remove();
          User u = users.get(en.getKey());
          if (u != null) {
            u.groups.remove(g.id);
          }
          g.lastMembershipUpdated = now;
        }
      }
      pushGroup(g);
    }
    r.name = spec.name();
    r.expression = e;
    r.groupIds.clear();
    r.groupIds.addAll(spec.groupIds());
    r.excludedUsers.clear();
    r.excludedUsers.addAll(spec.excludedUsers());
    r.lastUpdated = now;
    return r;
  }

  /** Activates a rule and evaluates it over every ACTIVE user (after the evaluation delay). */
  public synchronized void activateRule(String id) {
    Rule r = rule(id);
    if (r.status == Rule.Status.INVALID) {
      throw OktaError.validation("status", "Cannot activate or deactivate a Group Rule with the status INVALID");
    }
    if (r.status == Rule.Status.ACTIVE) {
      return;
    }
    r.status = Rule.Status.ACTIVE;
    r.lastUpdated = clock.now();
    evaluateLater(() -> {
      if (r.status == Rule.Status.ACTIVE && rules.get(r.id) == r) {
        List<Rule> only = List.of(r);
        for (User u : new ArrayList<>(users.values())) {
          evaluate(u, only);
        }
      }
    });
  }

  /** Deactivates a rule; its members stay. */
  public synchronized void deactivateRule(String id) {
    Rule r = rule(id);
    if (r.status == Rule.Status.INVALID) {
      throw OktaError.validation("status", "Cannot activate or deactivate a Group Rule with the status INVALID");
    }
    r.status = Rule.Status.INACTIVE;
    r.lastUpdated = clock.now();
  }

  /**
   * Deletes a rule (Okta answers 202). With {@code removeUsers} the members it alone added
   * leave their groups; without, they stay as direct members. An ACTIVE rule must be
   * deactivated first.
   */
  public synchronized void deleteRule(String id, boolean removeUsers) {
    Rule r = rule(id);
    if (r.status == Rule.Status.ACTIVE) {
      throw OktaError.validation("status", "Cannot delete an ACTIVE group rule; deactivate it first");
    }
    rules.remove(id);
    Instant now = clock.now();
    for (Group g : groups.values()) {
      boolean touched = false;
      for (var it = g.members.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Membership> e = it.next();
        Membership m = e.getValue();
        if (!m.rules.remove(id)) {
          continue;
        }
        touched = true;
        if (m.rules.isEmpty() && !m.direct) {
          if (removeUsers) {
            it.remove();
            User u = users.get(e.getKey());
            if (u != null) {
              u.groups.remove(g.id);
            }
          } else {
            m.direct = true;
          }
        }
      }
      if (touched) {
        g.lastMembershipUpdated = now;
        pushGroup(g);
      }
    }
  }

  /** The rules that manage a user's membership in a group. */
  public synchronized List<Rule> rulesManaging(String groupId, String userId) {
    Membership m = membership(groupId, userId).orElseThrow(() -> OktaError.notFound("GroupMembership", userId));
    List<Rule> out = new ArrayList<>();
    for (String rid : m.rules) {
      Rule r = rules.get(rid);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ evaluation

  /** A user's profile, status or memberships changed: re-evaluate their rules. */
  private void changed(User u) {
    evaluateLater(() -> {
      if (users.get(u.id) == u) {
        evaluate(u);
      }
    });
  }

  private void membershipChanged(User u) {
    // Only rules reading group membership can change; evaluating all of the user's rules is
    // simpler and, per user, cheap.
    changed(u);
  }

  private void evaluateLater(Runnable task) {
    Duration delay = settings.ruleEvaluationDelay;
    if (delay.isZero() || delay.isNegative()) {
      task.run();
      return;
    }
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-rule-evaluation");
        t.setDaemon(true);
        return t;
      });
    }
    long nanos = clock.real(delay).toNanos();
    scheduler.schedule(() -> {
      synchronized (this) {
        task.run();
      }
    }, nanos, TimeUnit.NANOSECONDS);
  }

  /** Applies every ACTIVE rule to one user, then any cascade. */
  private void evaluate(User u) {
    evaluate(u, rules.values());
  }

  /**
   * Applies {@code candidates} to one user; when that changes a membership, re-applies the rules
   * that read memberships ({@code isMemberOfAnyGroup}) until nothing changes. Only ACTIVE users
   * are evaluated: deactivated users keep their groups.
   */
  private void evaluate(User u, Collection<Rule> candidates) {
    boolean changed = apply(u, candidates);
    for (int round = 0; changed && round < 10; round++) {
      List<Rule> readers = new ArrayList<>();
      for (Rule r : rules.values()) {
        if (r.status == Rule.Status.ACTIVE && !r.expression.groupIds().isEmpty()) {
          readers.add(r);
        }
      }
      changed = !readers.isEmpty() && apply(u, readers);
    }
  }

  private boolean apply(User u, Collection<Rule> candidates) {
    if (u.status != User.Status.ACTIVE) {
      return false;
    }
    boolean changed = false;
    Expression.Subject subject = subject(u);
    for (Rule r : candidates) {
      if (r.status != Rule.Status.ACTIVE) {
        continue;
      }
      boolean match = !r.excludedUsers.contains(u.id) && r.expression.matches(subject);
      for (String gid : r.groupIds) {
        Group g = groups.get(gid);
        if (g == null) {
          continue;
        }
        Membership m = g.members.get(u.id);
        if (match) {
          if (m == null) {
            m = new Membership();
            g.members.put(u.id, m);
            u.groups.add(g.id);
            g.lastMembershipUpdated = clock.now();
            m.rules.add(r.id);
            pushGroup(g);
            changed = true;
          } else if (!m.rules.contains(r.id)) {
            m.rules.add(r.id);
            m.direct = false; // a direct member a rule matches becomes rule-managed
          }
        } else if (m != null && m.rules.remove(r.id) && m.isEmpty()) {
          g.members.remove(u.id);
          u.groups.remove(g.id);
          g.lastMembershipUpdated = clock.now();
          pushGroup(g);
          changed = true;
        }
      }
    }
    return changed;
  }

  private Expression.Subject subject(User u) {
    return new Expression.Subject() {
      @Override
      public Object attribute(String name) {
        return u.profile.get(name);
      }

      @Override
      public boolean isMemberOf(String groupId) {
        return groupId.equals(everyone.id) || u.groups.contains(groupId);
      }
    };
  }

  // ================================================================ apps

  /** Adds an app (seeding and the control API; Okta's app creation is out of scope). */
  public synchronized App addApp(String id, String name, String label, boolean pushCapable, App.PushType pushType, String emailDomain) {
    String appId = id == null || id.isBlank() ? ids.next("0oa") : id;
    if (apps.containsKey(appId)) {
      throw OktaError.validation("id", "An app with id " + appId + " already exists");
    }
    App a = new App(appId, name, label, pushCapable, pushType, emailDomain, clock.now());
    apps.put(appId, a);
    return a;
  }

  public synchronized App app(String id) {
    App a = apps.get(id);
    if (a == null) {
      throw OktaError.notFound("AppInstance", id);
    }
    return a;
  }

  /** Lists apps; {@code q} matches the start of the label or name. */
  public synchronized Page<App> listApps(String q, String after, int limit) {
    String qq = q == null ? null : q.toLowerCase(Locale.ROOT);
    return page(apps, after, limit, a -> qq == null || a.label.toLowerCase(Locale.ROOT).startsWith(qq)
        || a.name.toLowerCase(Locale.ROOT).startsWith(qq));
  }

  /** The apps a group is assigned to. */
  public synchronized Page<App> appsOfGroup(String groupId, String after, int limit) {
    Group g = group(groupId);
    return page(apps, after, limit, a -> assignments.getOrDefault(a.id, new TreeMap<>()).containsKey(g.id));
  }

  // ================================================================ app group assignments

  /**
   * Assigns a group to an app, or updates the assignment (PUT). A missing priority is the next
   * one after the app's highest for a new assignment, and unchanged for an existing one.
   */
  public synchronized Assignment assign(String appId, String groupId, Integer priority, Map<String, Object> profile) {
    App a = app(appId);
    Group g = group(groupId);
    TreeMap<String, Assignment> byGroup = assignments.computeIfAbsent(a.id, k -> new TreeMap<>());
    Instant now = clock.now();
    Assignment existing = byGroup.get(g.id);
    if (priority != null && (priority < 0 || priority > 100)) {
      throw OktaError.validation("priority", "priority: must be between 0 and 100");
    }
    if (existing != null) {
      if (priority != null) {
        existing.priority = priority;
      }
      if (profile != null) {
        existing.profile = Profiles.frozen(profile);
      }
      existing.lastUpdated = now;
      pushApp(a);
      return existing;
    }
    int p = priority != null ? priority : byGroup.values().stream().mapToInt(x -> x.priority + 1).max().orElse(0);
    Assignment as = new Assignment(a.id, g.id, p, profile == null ? new LinkedHashMap<>() : new LinkedHashMap<>(profile), now);
    byGroup.put(g.id, as);
    pushApp(a);
    return as;
  }

  public synchronized Assignment assignment(String appId, String groupId) {
    app(appId);
    Assignment as = assignments.getOrDefault(appId, new TreeMap<>()).get(groupId);
    if (as == null) {
      throw OktaError.notFound("ApplicationGroupAssignment", groupId);
    }
    return as;
  }

  /** Lists an app's group assignments; {@code q} matches the start of the group name. */
  public synchronized Page<Assignment> listAssignments(String appId, String q, String after, int limit) {
    app(appId);
    String qq = q == null ? null : q.toLowerCase(Locale.ROOT);
    TreeMap<String, Assignment> byGroup = assignments.getOrDefault(appId, new TreeMap<>());
    return page(byGroup, after, limit, as -> qq == null || group(as.groupId).name().toLowerCase(Locale.ROOT).startsWith(qq));
  }

  /** One JSON Patch operation on an assignment. */
  public record PatchOp(String op, String path, Object value) {}

  /** Applies JSON Patch operations to {@code /priority} and {@code /profile/…}. */
  public synchronized Assignment patchAssignment(String appId, String groupId, List<PatchOp> ops) {
    Assignment as = assignment(appId, groupId);
    for (PatchOp op : ops) {
      if (!Set.of("add", "replace", "remove").contains(op.op())) {
        throw OktaError.validation("op", "Unsupported patch operation: " + op.op());
      }
      if ("/priority".equals(op.path())) {
        if (!(op.value() instanceof Number n)) {
          throw OktaError.validation("priority", "priority: must be a number");
        }
        as.priority = n.intValue();
      } else if ("/profile".equals(op.path())) {
        if (!(op.value() instanceof Map<?, ?> m)) {
          throw OktaError.validation("profile", "profile: must be an object");
        }
        LinkedHashMap<String, Object> next = new LinkedHashMap<>(op.op().equals("remove") ? Map.of() : as.profile);
        if (!op.op().equals("remove")) {
          if (op.op().equals("replace")) {
            next.clear();
          }
          m.forEach((k, v) -> next.put(String.valueOf(k), v));
        }
        as.profile = Profiles.frozen(next);
      } else if (op.path() != null && op.path().startsWith("/profile/")) {
        String key = op.path().substring("/profile/".length());
        LinkedHashMap<String, Object> next = new LinkedHashMap<>(as.profile);
        if (op.op().equals("remove")) {
          next.remove(key);
        } else {
          next.put(key, op.value());
        }
        as.profile = Profiles.frozen(next);
      } else {
        throw OktaError.validation("path", "Unsupported patch path: " + op.path());
      }
    }
    as.lastUpdated = clock.now();
    return as;
  }

  public synchronized void unassign(String appId, String groupId) {
    App a = app(appId);
    TreeMap<String, Assignment> byGroup = assignments.getOrDefault(appId, new TreeMap<>());
    if (byGroup.remove(groupId) == null) {
      throw OktaError.notFound("ApplicationGroupAssignment", groupId);
    }
    pushApp(a);
  }

  // ================================================================ push mappings

  /**
   * Creates a push mapping. Exactly one of {@code targetGroupId} (an APP_GROUP of the app) and
   * {@code targetGroupName} (created, or linked when the app already has a group of that name).
   * When the app cannot push, the mapping is created in ERROR.
   */
  public synchronized PushMapping createMapping(String appId, String sourceGroupId, String targetGroupId,
      String targetGroupName, String status) {
    App a = app(appId);
    if (sourceGroupId == null) {
      throw OktaError.validation("sourceGroupId", "sourceGroupId: The field cannot be left blank");
    }
    if ((targetGroupId == null) == (targetGroupName == null)) {
      throw OktaError.validation("targetGroupId", "Exactly one of targetGroupId and targetGroupName is required");
    }
    Group source = groups.get(sourceGroupId);
    if (source == null) {
      throw OktaError.validation("sourceGroupId", "Group not found: " + sourceGroupId);
    }
    if (source.type != Group.Type.OKTA_GROUP) {
      throw OktaError.push("Only OKTA_GROUP groups can be pushed");
    }
    for (PushMapping m : mappings.values()) {
      if (m.appId.equals(appId) && m.sourceGroupId.equals(sourceGroupId)) {
        throw OktaError.push("Group " + sourceGroupId + " is already pushed to this app by mapping " + m.id);
      }
    }
    PushMapping.Status st;
    if (status == null || status.equals("ACTIVE")) {
      st = PushMapping.Status.ACTIVE;
    } else if (status.equals("INACTIVE")) {
      st = PushMapping.Status.INACTIVE;
    } else {
      throw OktaError.validation("status", "status: must be ACTIVE or INACTIVE");
    }
    Instant now = clock.now();
    Group target;
    if (targetGroupId != null) {
      target = groups.get(targetGroupId);
      if (target == null || target.type != Group.Type.APP_GROUP || !appId.equals(target.sourceAppId)) {
        throw OktaError.push("targetGroupId must be a group of this app: " + targetGroupId);
      }
      for (PushMapping m : mappings.values()) {
        if (m.targetGroupId.equals(targetGroupId)) {
          throw OktaError.push("Group " + targetGroupId + " is already the target of mapping " + m.id);
        }
      }
    } else {
      if (targetGroupName.isBlank() || targetGroupName.length() > 255) {
        throw OktaError.validation("targetGroupName", "targetGroupName: must be 1 to 255 characters");
      }
      target = groups.values().stream()
          .filter(g -> g.type == Group.Type.APP_GROUP && appId.equals(g.sourceAppId) && g.name().equalsIgnoreCase(targetGroupName))
          .findFirst()
          .orElse(null);
      if (target != null && mappings.values().stream().anyMatch(m -> m.targetGroupId.equals(target.id))) {
        throw OktaError.push("A group named " + targetGroupName + " is already the target of another mapping");
      }
      if (target == null) {
        LinkedHashMap<String, Object> p = new LinkedHashMap<>();
        p.put("name", targetGroupName);
        p.put("description", "Pushed by Okta");
        Group created = new Group(ids.next("00g"), Group.Type.APP_GROUP, now, p, appId);
        groups.put(created.id, created);
        return finishMapping(a, source, created, st, now);
      }
    }
    return finishMapping(a, source, target, st, now);
  }

  private PushMapping finishMapping(App a, Group source, Group target, PushMapping.Status st, Instant now) {
    PushMapping m = new PushMapping(ids.next("gPm"), a.id, source.id, target.id, st, now);
    if (!a.pushCapable) {
      m.status = PushMapping.Status.ERROR;
      m.errorSummary = "Group push is not supported by the app " + a.label;
    }
    mappings.put(m.id, m);
    downstream.computeIfAbsent(a.id, k -> new TreeMap<>())
        .computeIfAbsent(target.id, k -> new DownstreamGroupState(target.name(), email(a, target.name())));
    sync(m);
    return m;
  }

  private static String email(App a, String name) {
    if (a.pushType != App.PushType.GOOGLE) {
      return null;
    }
    return name.contains("@") ? name : name + "@" + (a.emailDomain == null ? "example.com" : a.emailDomain);
  }

  public synchronized PushMapping mapping(String appId, String mappingId) {
    app(appId);
    PushMapping m = mappings.get(mappingId);
    if (m == null || !m.appId.equals(appId)) {
      throw OktaError.notFound("GroupPushMapping", mappingId);
    }
    return m;
  }

  /** Lists an app's mappings, optionally only one source group's or one status's. */
  public synchronized Page<PushMapping> listMappings(String appId, String sourceGroupId, String status, String after, int limit) {
    app(appId);
    return page(mappings, after, limit, m -> m.appId.equals(appId)
        && (sourceGroupId == null || m.sourceGroupId.equals(sourceGroupId))
        && (status == null || m.status.name().equals(status)));
  }

  /** Changes a mapping's status, the only thing PATCH may change; ACTIVE pushes in full. */
  public synchronized PushMapping setMappingStatus(String appId, String mappingId, String status) {
    PushMapping m = mapping(appId, mappingId);
    PushMapping.Status s;
    try {
      s = PushMapping.Status.valueOf(String.valueOf(status));
    } catch (IllegalArgumentException e) {
      throw OktaError.validation("status", "status: must be ACTIVE or INACTIVE");
    }
    if (s == PushMapping.Status.ERROR) {
      throw OktaError.validation("status", "status: must be ACTIVE or INACTIVE");
    }
    App a = app(appId);
    if (!a.pushCapable) {
      m.status = PushMapping.Status.ERROR;
    } else {
      m.status = s;
      m.errorSummary = null;
    }
    m.lastUpdated = clock.now();
    sync(m);
    return m;
  }

  /**
   * Deletes a mapping: only INACTIVE ones (and ERROR ones, since 2026.07.0). With
   * {@code deleteTargetGroup} the APP_GROUP and the downstream group go too.
   */
  public synchronized void deleteMapping(String appId, String mappingId, boolean deleteTargetGroup) {
    PushMapping m = mapping(appId, mappingId);
    boolean deletable = m.status == PushMapping.Status.INACTIVE
        || (m.status == PushMapping.Status.ERROR && settings.deletePushMappingInError);
    if (!deletable) {
      throw OktaError.push("Only " + (settings.deletePushMappingInError ? "INACTIVE or ERROR" : "INACTIVE")
          + " group push mappings can be deleted; this one is " + m.status);
    }
    mappings.remove(m.id);
    if (deleteTargetGroup) {
      groups.remove(m.targetGroupId);
      TreeMap<String, DownstreamGroupState> d = downstream.get(appId);
      if (d != null) {
        d.remove(m.targetGroupId);
      }
    }
  }

  /** What the app's directory holds: one entry per pushed group. */
  public synchronized List<DownstreamGroup> downstream(String appId) {
    app(appId);
    List<DownstreamGroup> out = new ArrayList<>();
    downstream.getOrDefault(appId, new TreeMap<>()).forEach((tid, d) -> out.add(new DownstreamGroup(
        appId, tid, d.name, Optional.ofNullable(d.email), java.util.Collections.unmodifiableSortedSet(new TreeSet<>(d.members)))));
    return out;
  }

  private void pushGroup(Group g) {
    for (PushMapping m : mappings.values()) {
      if (m.sourceGroupId.equals(g.id)) {
        sync(m);
      }
    }
  }

  private void pushGroupsOf(User u) {
    for (String gid : u.groups) {
      Group g = groups.get(gid);
      if (g != null) {
        pushGroup(g);
      }
    }
  }

  private void pushApp(App a) {
    for (PushMapping m : mappings.values()) {
      if (m.appId.equals(a.id)) {
        sync(m);
      }
    }
  }

  /**
   * Brings the downstream group in step with the source group, when the mapping is ACTIVE: its
   * ACTIVE members who are assigned to the app (through any group the app is assigned to).
   */
  private void sync(PushMapping m) {
    if (m.status != PushMapping.Status.ACTIVE) {
      return;
    }
    Group source = groups.get(m.sourceGroupId);
    DownstreamGroupState d = downstream.getOrDefault(m.appId, new TreeMap<>()).get(m.targetGroupId);
    if (source == null || d == null) {
      return;
    }
    Collection<Assignment> assigned = assignments.getOrDefault(m.appId, new TreeMap<>()).values();
    boolean everyoneAssigned = assigned.stream().anyMatch(a -> a.groupId.equals(everyone.id));
    Set<String> assignedGroups = new HashSet<>();
    assigned.forEach(a -> assignedGroups.add(a.groupId));
    SortedSet<String> want = new TreeSet<>();
    for (String uid : source.members.keySet()) {
      User u = users.get(uid);
      if (u == null || u.status != User.Status.ACTIVE) {
        continue;
      }
      if (everyoneAssigned || u.groups.stream().anyMatch(assignedGroups::contains)) {
        want.add(u.login().toLowerCase(Locale.ROOT));
      }
    }
    d.members.clear();
    d.members.addAll(want);
    m.lastPush = clock.now();
  }

  // ================================================================ paging

  private static <T> Page<T> page(NavigableMap<String, T> all, String after, int limit, Predicate<T> keep) {
    NavigableMap<String, T> tail = after == null ? all : all.tailMap(after, false);
    List<T> items = new ArrayList<>(Math.min(limit, 256));
    String lastKey = null;
    for (Map.Entry<String, T> e : tail.entrySet()) {
      if (!keep.test(e.getValue())) {
        continue;
      }
      if (items.size() == limit) {
        return new Page<>(items, Optional.of(lastKey));
      }
      items.add(e.getValue());
      lastKey = e.getKey();
    }
    return new Page<>(items, Optional.empty());
  }
}
