package dev.oktagroups.sandbox.org;

import dev.oktagroups.sandbox.expr.Filter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Groups, their name index, the group profile schema and memberships. Called by {@link Org} under
 * its lock; pushing and rule evaluation after a change are the caller's part.
 */
final class GroupStore {
  private static final Set<String> FILTERABLE =
      Set.of("id", "type", "lastUpdated", "lastMembershipUpdated");

  private final SandboxClock clock;
  private final Settings settings;
  private final Ids ids;
  private final UserStore users;
  private final SystemLog log;
  private final TreeMap<String, Group> groups = new TreeMap<>();
  private final HashMap<String, Group> oktaGroupsByName = new HashMap<>();
  private final LinkedHashMap<String, LinkedHashMap<String, Object>> customAttributes =
      new LinkedHashMap<>();
  private final Group everyone;

  GroupStore(SandboxClock clock, Settings settings, Ids ids, UserStore users, SystemLog log) {
    this.log = log;
    this.clock = clock;
    this.settings = settings;
    this.ids = ids;
    this.users = users;
    LinkedHashMap<String, Object> p = new LinkedHashMap<>();
    p.put("name", "Everyone");
    p.put("description", "All users in your organization");
    this.everyone = new Group(ids.next("00g"), Group.Type.BUILT_IN, clock.now(), p, null);
    groups.put(everyone.id, everyone);
  }

  Group everyone() {
    return everyone;
  }

  // ---- schema

  Map<String, Map<String, Object>> customAttributes() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    customAttributes.forEach((k, v) -> out.put(k, Map.copyOf(v)));
    return out;
  }

  /** See {@link Org#defineGroupAttributes}. */
  void defineAttributes(Map<String, Map<String, Object>> defs) {
    defs.forEach(
        (name, def) -> {
          if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw OktaError.validation(
                "definitions.custom.properties", "Invalid property name: " + name);
          }
          if (name.equals("name") || name.equals("description")) {
            throw OktaError.validation(
                "definitions.custom.properties", name + " is a base property");
          }
          Object type = def.getOrDefault("type", "string");
          if (!"string".equals(type)) {
            throw OktaError.validation(
                "definitions.custom.properties", "The sandbox supports string attributes only");
          }
          LinkedHashMap<String, Object> d = new LinkedHashMap<>(def);
          d.putIfAbsent("title", name);
          d.put("type", "string");
          customAttributes.put(name, d);
        });
  }

  // ---- reads

  Group get(String id) {
    return find(id).orElseThrow(() -> OktaError.notFound("UserGroup", id));
  }

  Optional<Group> find(String id) {
    return Optional.ofNullable(groups.get(id));
  }

  Collection<Group> all() {
    return groups.values();
  }

  /** See {@link Org#listGroups}. */
  Org.Page<Group> list(String q, String filter, String search, String after, int limit) {
    Predicate<Group> p = g -> true;
    if (q != null) {
      String qq = q.toLowerCase(Locale.ROOT);
      p = g -> g.name().toLowerCase(Locale.ROOT).startsWith(qq);
    }
    if (filter != null) {
      Filter f = Pages.parseFilter(filter);
      for (Filter.Condition c : f.conditions()) {
        if (!FILTERABLE.contains(c.path())) {
          throw OktaError.badSearch(
              "filter supports id, type, lastUpdated and lastMembershipUpdated; use search for "
                  + c.path());
        }
      }
      Predicate<Group> prev = p;
      p = g -> prev.test(g) && f.test(path -> path(g, path));
    }
    if (search != null) {
      Filter f = Pages.parseFilter(search);
      for (Filter.Condition c : f.conditions()) {
        if (c.op().equals("co")
            && !Set.of("profile.name", "profile.description").contains(c.path())) {
          throw OktaError.badSearch("co is supported on profile.name and profile.description only");
        }
      }
      Predicate<Group> prev = p;
      p = g -> prev.test(g) && f.test(path -> path(g, path));
    }
    boolean indexed = q != null || filter != null || search != null;
    Instant now = clock.now();
    Predicate<Group> keep = p;
    Org.Page<Group> page =
        Pages.page(
            groups, after, limit, g -> (!indexed || !g.searchableAt.isAfter(now)) && keep.test(g));
    // q is not pageable: one page, no next link
    return q != null ? new Org.Page<>(page.items(), Optional.empty()) : page;
  }

  private static Object path(Group g, String path) {
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

  // ---- writes

  /** See {@link Org#createGroup}. */
  Group create(Map<String, Object> profile) {
    LinkedHashMap<String, Object> p = checkProfile(profile, null);
    Group g = new Group(ids.next("00g"), Group.Type.OKTA_GROUP, clock.now(), p, null);
    g.searchableAt = g.created.plus(settings.searchLag);
    groups.put(g.id, g);
    oktaGroupsByName.put(g.name().toLowerCase(Locale.ROOT), g);
    log.admin("group.lifecycle.create", "Create Okta group", SystemLog.group(g));
    return g;
  }

  /** An APP_GROUP of {@code appId}, as group push creates one for a new target name. */
  Group createAppGroup(String appId, String name, Instant now) {
    LinkedHashMap<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("description", "Pushed by Okta");
    Group created = new Group(ids.next("00g"), Group.Type.APP_GROUP, now, p, appId);
    groups.put(created.id, created);
    log.system("group.lifecycle.create", "Create app group", SystemLog.group(created));
    return created;
  }

  /** See {@link Org#replaceGroup}. */
  void replace(Group g, Map<String, Object> profile) {
    requireOktaGroup(g, "update");
    LinkedHashMap<String, Object> p = checkProfile(profile, g);
    oktaGroupsByName.remove(g.name().toLowerCase(Locale.ROOT));
    g.profile = Profiles.frozen(p);
    oktaGroupsByName.put(g.name().toLowerCase(Locale.ROOT), g);
    g.lastUpdated = clock.now();
    log.admin("group.profile.update", "Update group profile", SystemLog.group(g));
  }

  private LinkedHashMap<String, Object> checkProfile(Map<String, Object> profile, Group self) {
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
      if (!customAttributes.containsKey(k)) {
        causes.add(k + ": Property not found in group profile schema");
      } else if (e.getValue() != null && !(e.getValue() instanceof String)) {
        causes.add(k + ": The field must be a string");
      }
    }
    if (!causes.isEmpty()) {
      throw OktaError.validation(
          causes.get(0).substring(0, causes.get(0).indexOf(':')), causes.toArray(String[]::new));
    }
    LinkedHashMap<String, Object> p = new LinkedHashMap<>();
    p.put("name", profile.get("name"));
    p.put("description", profile.get("description"));
    profile.forEach(
        (k, v) -> {
          if (!k.equals("name") && !k.equals("description") && v != null) {
            p.put(k, v);
          }
        });
    return p;
  }

  static void requireOktaGroup(Group g, String what) {
    if (g.type != Group.Type.OKTA_GROUP) {
      throw OktaError.forbidden(
          "Cannot "
              + what
              + " a group of type "
              + g.type
              + "; only OKTA_GROUP groups can be modified");
    }
  }

  /** Removes a group and its name; its members' group sets are the caller's part. */
  void remove(Group g) {
    groups.remove(g.id);
    if (g.type == Group.Type.OKTA_GROUP) {
      oktaGroupsByName.remove(g.name().toLowerCase(Locale.ROOT));
    }
  }

  // ---- memberships

  /** See {@link Org#members}. */
  Org.Page<Map.Entry<User, Membership>> members(Group g, String after, int limit) {
    List<Map.Entry<User, Membership>> items = new ArrayList<>();
    String next = null;
    if (g == everyone) {
      NavigableMap<String, User> all = users.byIdView();
      NavigableMap<String, User> tail = after == null ? all : all.tailMap(after, false);
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
      NavigableMap<String, Membership> tail =
          after == null ? g.members : g.members.tailMap(after, false);
      for (Map.Entry<String, Membership> e : tail.entrySet()) {
        if (items.size() == limit) {
          next = items.get(items.size() - 1).getKey().id;
          break;
        }
        items.add(Map.entry(users.byId(e.getKey()).orElseThrow(), e.getValue()));
      }
    }
    return new Org.Page<>(items, Optional.ofNullable(next));
  }

  /** The user's membership in a group; Everyone's is implicit and direct. */
  Optional<Membership> membership(Group g, User u) {
    if (g == everyone) {
      Membership m = new Membership();
      m.direct = true;
      return Optional.of(m);
    }
    return Optional.ofNullable(g.members.get(u.id));
  }

  /** Puts the user in the group with an empty membership, or returns the one they have. */
  Membership join(Group g, User u) {
    Membership m = g.members.get(u.id);
    if (m == null) {
      m = new Membership();
      g.members.put(u.id, m);
      u.groups.add(g.id);
      g.lastMembershipUpdated = clock.now();
    }
    return m;
  }

  /** Takes the user out of the group, whatever their membership; returns what it was. */
  Optional<Membership> leave(Group g, User u, Instant now) {
    Membership m = g.members.remove(u.id);
    if (m != null) {
      u.groups.remove(g.id);
      g.lastMembershipUpdated = now;
    }
    return Optional.ofNullable(m);
  }

  /**
   * Drops a member who is being deleted. Their own group set stays as it was: whoever still holds
   * the deleted user sees the groups they were in.
   */
  void evict(Group g, User u, Instant now) {
    g.members.remove(u.id);
    g.lastMembershipUpdated = now;
  }
}
