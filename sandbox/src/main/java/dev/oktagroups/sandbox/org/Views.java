package dev.oktagroups.sandbox.org;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders org objects in the shapes Okta's API returns. Built from the spec and from responses
 * recorded from live orgs (../shared/okta/README.md); the contract test checks every response
 * against the spec.
 */
public final class Views {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The default user type every user of a fresh org has. */
  public static final String DEFAULT_USER_TYPE = "oty1defaultusertype";

  /**
   * The org's default realm. Identity Engine orgs recorded live put every user in one, and say so
   * in {@code realmId}, even without the Realms feature.
   */
  public static final String DEFAULT_REALM = "guo1defaultrealm0000";

  private final String base;
  private final Org org;

  /**
   * @param base the org URL, e.g. {@code http://127.0.0.1:8080}, for {@code _links}
   */
  public Views(String base, Org org) {
    this.base = base;
    this.org = org;
  }

  /** Okta's timestamp format: {@code 2014-06-24T15:28:14.000Z}. */
  public static String ts(Instant i) {
    return TS.format(i);
  }

  private ObjectNode href(String path) {
    return F.objectNode().put("href", base + path);
  }

  private static void putTs(ObjectNode o, String field, Optional<Instant> i) {
    if (i.isPresent()) {
      o.put(field, ts(i.get()));
    } else {
      o.putNull(field);
    }
  }

  /** Copies a profile map into JSON, keeping lists as arrays. */
  static ObjectNode profile(Map<String, Object> p) {
    ObjectNode o = F.objectNode();
    p.forEach((k, v) -> o.set(k, value(v)));
    return o;
  }

  @SuppressWarnings("unchecked")
  static com.fasterxml.jackson.databind.JsonNode value(Object v) {
    if (v == null) {
      return F.nullNode();
    }
    if (v instanceof String s) {
      return F.textNode(s);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (v instanceof Integer i) {
      return F.numberNode(i);
    }
    if (v instanceof Long l) {
      return F.numberNode(l);
    }
    if (v instanceof Number n) {
      return F.numberNode(n.doubleValue());
    }
    if (v instanceof List<?> l) {
      ArrayNode a = F.arrayNode();
      l.forEach(e -> a.add(value(e)));
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      return profile((Map<String, Object>) m);
    }
    return F.textNode(v.toString());
  }

  // ---- users

  public ObjectNode user(User u) {
    ObjectNode o = F.objectNode();
    o.put("id", u.id);
    o.put("status", u.status.name());
    o.put("created", ts(u.created));
    putTs(o, "activated", u.activated());
    putTs(o, "statusChanged", u.statusChanged());
    o.putNull("lastLogin");
    o.put("lastUpdated", ts(u.lastUpdated));
    o.putNull("passwordChanged");
    o.put("realmId", DEFAULT_REALM);
    o.putObject("type").put("id", DEFAULT_USER_TYPE);
    o.set("profile", profile(u.profile));
    ObjectNode provider = o.putObject("credentials").putObject("provider");
    provider.put("type", "OKTA");
    provider.put("name", "OKTA");
    ObjectNode links = o.putObject("_links");
    links.set("self", href("/api/v1/users/" + u.id));
    return o;
  }

  /**
   * A group member, with {@code expand=membership}: {@code _embedded.membership} says how the user
   * got in. Okta GA'd a membership {@code expand} in 2026.06.0 without publishing its shape, so
   * this shape is the sandbox's own; docs/sandbox.md says so.
   */
  public ObjectNode member(User u, Membership m, boolean expandMembership) {
    ObjectNode o = user(u);
    if (expandMembership) {
      ObjectNode mem = o.putObject("_embedded").putObject("membership");
      mem.put("type", m.type());
      ArrayNode rules = mem.putArray("rules");
      for (String rid : m.rules) {
        ObjectNode r = rules.addObject();
        r.put("id", rid);
      }
    }
    return o;
  }

  // ---- groups

  public ObjectNode group(Group g, boolean stats) {
    ObjectNode o = F.objectNode();
    o.put("id", g.id);
    o.put("created", ts(g.created));
    o.put("lastUpdated", ts(g.lastUpdated));
    o.put("lastMembershipUpdated", ts(g.lastMembershipUpdated));
    o.putArray("objectClass")
        .add(g.type == Group.Type.APP_GROUP ? "okta:app_group" : "okta:user_group");
    o.put("type", g.type.name());
    o.set("profile", profile(g.profile));
    ObjectNode links = o.putObject("_links");
    ArrayNode logo = links.putArray("logo");
    logo.addObject()
        .put("name", "medium")
        .put("href", base + "/assets/img/logos/groups/okta-medium.png")
        .put("type", "image/png");
    logo.addObject()
        .put("name", "large")
        .put("href", base + "/assets/img/logos/groups/okta-large.png")
        .put("type", "image/png");
    links.set("users", href("/api/v1/groups/" + g.id + "/users"));
    links.set("apps", href("/api/v1/groups/" + g.id + "/apps"));
    if (g.sourceAppId != null) {
      links.set("source", href("/api/v1/apps/" + g.sourceAppId));
    }
    if (stats) {
      ObjectNode s = o.putObject("_embedded").putObject("stats");
      s.put("usersCount", g == org.everyone() ? org.userCount() : g.members.size());
      s.put("appsCount", org.appsOfGroup(g.id, null, Integer.MAX_VALUE).items().size());
      s.put("groupPushMappingsCount", org.pushMappingsFrom(g.id));
      s.put("hasAdminPrivilege", false);
    }
    return o;
  }

  /** Okta's group profile schema, with the org's custom attributes. */
  public ObjectNode groupSchema(Instant created) {
    ObjectNode o = F.objectNode();
    o.put("id", base + "/meta/schemas/group/default");
    o.put("$schema", "http://json-schema.org/draft-04/schema#");
    o.put("name", "group");
    o.put("title", "Okta group");
    o.put("description", "Okta group profile template");
    o.put("lastUpdated", ts(created));
    o.put("created", ts(created));
    ObjectNode defs = o.putObject("definitions");
    ObjectNode b = defs.putObject("base");
    b.put("id", "#base");
    b.put("type", "object");
    ObjectNode bp = b.putObject("properties");
    bp.putObject("name")
        .put("title", "Name")
        .put("description", "Name")
        .put("type", "string")
        .put("required", true)
        .put("mutability", "READ_WRITE")
        .put("scope", "NONE")
        .put("maxLength", 255);
    bp.putObject("description")
        .put("title", "Description")
        .put("description", "Description")
        .put("type", "string")
        .put("mutability", "READ_WRITE")
        .put("scope", "NONE")
        .put("maxLength", 1024);
    b.putArray("required").add("name");
    ObjectNode c = defs.putObject("custom");
    c.put("id", "#custom");
    c.put("type", "object");
    ObjectNode cp = c.putObject("properties");
    org.customGroupAttributes()
        .forEach(
            (name, def) -> {
              ObjectNode a = cp.putObject(name);
              def.forEach((k, v) -> a.set(k, value(v)));
              a.put("mutability", "READ_WRITE");
              a.put("scope", "NONE");
            });
    c.putArray("required");
    o.put("type", "object");
    ObjectNode profile = o.putObject("properties").putObject("profile");
    ArrayNode all = profile.putArray("allOf");
    all.addObject().put("$ref", "#/definitions/custom");
    all.addObject().put("$ref", "#/definitions/base");
    return o;
  }

  // ---- rules

  public ObjectNode rule(Rule r, boolean expandNames) {
    ObjectNode o = F.objectNode();
    o.put("type", "group_rule");
    o.put("id", r.id);
    o.put("status", r.status.name());
    o.put("name", r.name);
    o.put("created", ts(r.created));
    o.put("lastUpdated", ts(r.lastUpdated));
    ObjectNode cond = o.putObject("conditions");
    ObjectNode people = cond.putObject("people");
    ArrayNode ex = people.putObject("users").putArray("exclude");
    r.excludedUsers.forEach(ex::add);
    people.putObject("groups").putArray("exclude");
    ObjectNode expr = cond.putObject("expression");
    expr.put("value", r.expression.source());
    expr.put("type", "urn:okta:expression:1.0");
    ArrayNode ids = o.putObject("actions").putObject("assignUserToGroups").putArray("groupIds");
    r.groupIds.forEach(ids::add);
    o.put("allGroupsValid", r.allGroupsValid);
    if (expandNames) {
      ObjectNode map = o.putObject("_embedded").putObject("groupIdToGroupNameMap");
      for (String gid : r.groupIds) {
        org.findGroup(gid).ifPresent(g -> map.put(gid, g.name()));
      }
    }
    return o;
  }

  // ---- apps

  public ObjectNode app(App a) {
    ObjectNode o = F.objectNode();
    o.put("id", a.id);
    o.put("orn", "orn:okta:idp:sandbox:apps:" + a.name + ":" + a.id);
    o.put("name", a.name);
    o.put("label", a.label);
    o.put("status", "ACTIVE");
    o.put("lastUpdated", ts(a.created));
    o.put("created", ts(a.created));
    ObjectNode acc = o.putObject("accessibility");
    acc.put("selfService", false);
    ObjectNode vis = o.putObject("visibility");
    vis.put("autoSubmitToolbar", false);
    ObjectNode hide = vis.putObject("hide");
    hide.put("iOS", false);
    hide.put("web", false);
    ArrayNode features = o.putArray("features");
    if (a.pushCapable) {
      features.add("GROUP_PUSH");
    }
    o.put("signOnMode", "SAML_2_0");
    ObjectNode cred = o.putObject("credentials");
    ObjectNode unt = cred.putObject("userNameTemplate");
    unt.put("template", "${source.login}");
    unt.put("type", "BUILT_IN");
    // Read-only, and what live orgs answer for a SAML app that supports Universal Logout but has
    // not turned it on.
    ObjectNode logout = o.putObject("universalLogout");
    logout.put("status", "DISABLED");
    logout.put("supportType", "FULL");
    logout.put("identityStack", "NOT_SHARED");
    logout.put("protocol", "GLOBAL_TOKEN_REVOCATION");
    ObjectNode settings = o.putObject("settings");
    settings.putObject("app");
    ObjectNode links = o.putObject("_links");
    links.set("self", href("/api/v1/apps/" + a.id));
    links.set("groups", href("/api/v1/apps/" + a.id + "/groups"));
    links.set("users", href("/api/v1/apps/" + a.id + "/users"));
    return o;
  }

  public ObjectNode assignment(Assignment as, boolean expandGroup) {
    ObjectNode o = F.objectNode();
    o.put("id", as.groupId);
    o.put("lastUpdated", ts(as.lastUpdated));
    o.put("priority", as.priority);
    o.set("profile", profile(as.profile));
    ObjectNode links = o.putObject("_links");
    links.set("app", href("/api/v1/apps/" + as.appId));
    links.set("self", href("/api/v1/apps/" + as.appId + "/groups/" + as.groupId));
    links.set("group", href("/api/v1/groups/" + as.groupId));
    if (expandGroup) {
      org.findGroup(as.groupId)
          .ifPresent(g -> o.putObject("_embedded").set("group", group(g, false)));
    }
    return o;
  }

  public ObjectNode mapping(PushMapping m) {
    ObjectNode o = F.objectNode();
    o.put("id", m.id);
    o.put("sourceGroupId", m.sourceGroupId);
    o.put("targetGroupId", m.targetGroupId);
    o.put("status", m.status.name());
    m.errorSummary().ifPresent(e -> o.put("errorSummary", e));
    m.lastPush().ifPresent(t -> o.put("lastPush", ts(t)));
    o.put("created", ts(m.created));
    o.put("lastUpdated", ts(m.lastUpdated));
    ObjectNode links = o.putObject("_links");
    links.set("app", href("/api/v1/apps/" + m.appId));
    links.set("sourceGroup", href("/api/v1/groups/" + m.sourceGroupId));
    links.set("targetGroup", href("/api/v1/groups/" + m.targetGroupId));
    return o;
  }

  public ObjectNode downstream(DownstreamGroup d) {
    ObjectNode o = F.objectNode();
    o.put("targetGroupId", d.targetGroupId());
    o.put("name", d.name());
    d.email().ifPresent(e -> o.put("email", e));
    ArrayNode m = o.putArray("members");
    d.members().forEach(m::add);
    return o;
  }

  /**
   * The whole org as one JSON document, for the control API's export: what tests and people inspect
   * after a run. Memberships carry how each member got in. The document is the sandbox's own, not
   * one of Okta's shapes, so {@code Export} builds it from the views here.
   */
  public ObjectNode export() {
    return Export.of(this, org);
  }

  /** Okta's error body. */
  public static ObjectNode error(OktaError e, String errorId) {
    ObjectNode o = F.objectNode();
    o.put("errorCode", e.code());
    o.put("errorSummary", e.summary());
    o.put("errorLink", e.code());
    o.put("errorId", errorId);
    ArrayNode causes = o.putArray("errorCauses");
    e.causes().forEach(c -> causes.addObject().put("errorSummary", c));
    return o;
  }
}
