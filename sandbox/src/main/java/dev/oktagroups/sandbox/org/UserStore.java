package dev.oktagroups.sandbox.org;

import dev.oktagroups.sandbox.expr.Filter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Users, their login index and the custom attributes of the user profile schema. Called by {@link
 * Org} under its lock; does not re-evaluate rules, which is the caller's part.
 */
final class UserStore {
  private static final List<String> REQUIRED = List.of("login", "email", "firstName", "lastName");
  private static final Set<String> FILTERABLE =
      Set.of(
          "status",
          "lastUpdated",
          "id",
          "profile.login",
          "profile.email",
          "profile.firstName",
          "profile.lastName",
          "created");

  private final SandboxClock clock;
  private final Settings settings;
  private final Ids ids;
  private final TreeMap<String, User> users = new TreeMap<>();
  private final HashMap<String, User> byLogin = new HashMap<>();
  private final LinkedHashSet<String> customAttributes = new LinkedHashSet<>();

  UserStore(SandboxClock clock, Settings settings, Ids ids) {
    this.clock = clock;
    this.settings = settings;
    this.ids = ids;
  }

  // ---- schema

  void addAttribute(String name) {
    if (!Org.STANDARD_USER_ATTRIBUTES.contains(name)) {
      customAttributes.add(name);
    }
  }

  boolean isAttribute(String name) {
    return Org.STANDARD_USER_ATTRIBUTES.contains(name) || customAttributes.contains(name);
  }

  // ---- reads

  /** A user by id or login. */
  User get(String idOrLogin) {
    return find(idOrLogin).orElseThrow(() -> OktaError.notFound("User", idOrLogin));
  }

  Optional<User> find(String idOrLogin) {
    User u = users.get(idOrLogin);
    if (u == null) {
      u = byLogin.get(idOrLogin.toLowerCase(Locale.ROOT));
    }
    return Optional.ofNullable(u);
  }

  /** A user by id only. */
  Optional<User> byId(String id) {
    return Optional.ofNullable(users.get(id));
  }

  /** Whether {@code u} is still the org's user of that id (not deleted meanwhile). */
  boolean isCurrent(User u) {
    return users.get(u.id) == u;
  }

  /** Every user in id order, as a read-only live view. */
  NavigableMap<String, User> byIdView() {
    return Collections.unmodifiableNavigableMap(users);
  }

  Collection<User> all() {
    return users.values();
  }

  int count() {
    return users.size();
  }

  /** See {@link Org#listUsers}. */
  Org.Page<User> list(String q, String filter, String search, String after, int limit) {
    Predicate<User> p = u -> true;
    boolean indexed = q != null || filter != null || search != null;
    boolean statusAsked = false;
    if (q != null) {
      String qq = q.toLowerCase(Locale.ROOT);
      p =
          u ->
              startsWith(u.profile.get("firstName"), qq)
                  || startsWith(u.profile.get("lastName"), qq)
                  || startsWith(u.profile.get("email"), qq);
    }
    for (String expr : new String[] {filter, search}) {
      if (expr == null) {
        continue;
      }
      Filter f = Pages.parseFilter(expr);
      if (expr == filter) {
        for (Filter.Condition c : f.conditions()) {
          if (!FILTERABLE.contains(c.path())) {
            throw OktaError.badSearch("filter does not support " + c.path() + "; use search");
          }
        }
      }
      statusAsked |= f.conditions().stream().anyMatch(c -> c.path().equals("status"));
      Predicate<User> prev = p;
      p = u -> prev.test(u) && f.test(path -> path(u, path));
    }
    Instant now = clock.now();
    boolean showDeprovisioned = statusAsked;
    Predicate<User> keep = p;
    Predicate<User> all =
        u ->
            (showDeprovisioned || u.status != User.Status.DEPROVISIONED)
                && (!indexed || !u.searchableAt.isAfter(now))
                && keep.test(u);
    return Pages.page(users, after, limit, all);
  }

  private static boolean startsWith(Object v, String prefix) {
    return v instanceof String s && s.toLowerCase(Locale.ROOT).startsWith(prefix);
  }

  private static Object path(User u, String path) {
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

  // ---- writes

  /** See {@link Org#createUser}. */
  User create(Map<String, Object> profile, boolean activate) {
    LinkedHashMap<String, Object> p = new LinkedHashMap<>(profile);
    List<String> causes = new ArrayList<>();
    for (String required : REQUIRED) {
      Object v = p.get(required);
      if (!(v instanceof String s) || s.isBlank()) {
        causes.add(required + ": The field cannot be left blank");
      }
    }
    checkAttributes(p, causes);
    if (!causes.isEmpty()) {
      throw OktaError.validation("login", causes.toArray(String[]::new));
    }
    String login = (String) p.get("login");
    if (byLogin.containsKey(login.toLowerCase(Locale.ROOT))) {
      throw loginTaken();
    }
    Instant now = clock.now();
    User u = new User(ids.next("00u"), activate ? User.Status.ACTIVE : User.Status.STAGED, now, p);
    u.searchableAt = now.plus(settings.searchLag);
    users.put(u.id, u);
    byLogin.put(login.toLowerCase(Locale.ROOT), u);
    return u;
  }

  private static OktaError loginTaken() {
    return OktaError.validation(
        "login", "login: An object with this field already exists in the current organization");
  }

  private void checkAttributes(Map<String, Object> p, List<String> causes) {
    for (Map.Entry<String, Object> e : p.entrySet()) {
      Object v = e.getValue();
      if (!isAttribute(e.getKey())) {
        causes.add(e.getKey() + ": Property not found in user profile schema");
      } else if (v != null
          && !(v instanceof String)
          && !(v instanceof List)
          && !(v instanceof Number)
          && !(v instanceof Boolean)) {
        causes.add(e.getKey() + ": Unsupported value type");
      }
    }
  }

  /** See {@link Org#updateUser}; replaces the profile, never changes it in place. */
  void update(User u, Map<String, Object> profile, boolean replace) {
    LinkedHashMap<String, Object> next =
        replace ? new LinkedHashMap<>() : new LinkedHashMap<>(u.profile);
    if (replace) {
      for (String keep : REQUIRED) {
        next.put(keep, u.profile.get(keep));
      }
    }
    next.putAll(profile);
    List<String> causes = new ArrayList<>();
    checkAttributes(profile, causes);
    for (String required : REQUIRED) {
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
        throw loginTaken();
      }
      byLogin.remove(oldLogin);
      byLogin.put(newLogin, u);
    }
    u.profile = Profiles.frozen(next);
    u.lastUpdated = clock.now();
  }

  void setStatus(User u, User.Status s) {
    u.status = s;
    u.statusChanged = clock.now();
    u.lastUpdated = u.statusChanged;
  }

  void remove(User u) {
    users.remove(u.id);
    byLogin.remove(u.login().toLowerCase(Locale.ROOT));
  }
}
