package dev.oktagroups.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.state.SlackState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Saves and loads plans as JSON, in the format schemas/plan.schema.json describes. Written by hand
 * rather than by reflection so the file format is a deliberate contract.
 */
public final class PlanCodec {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private PlanCodec() {}

  public static String write(Plan p) {
    try {
      return JSON.writeValueAsString(toJson(p)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ObjectNode toJson(Plan p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("version", p.version());
    o.put("createdAt", p.createdAt());
    ObjectNode src = o.putObject("source");
    src.put("origin", p.source().origin());
    if (p.source().commit().isPresent()) {
      src.put("commit", p.source().commit().get());
    } else {
      src.putNull("commit");
    }
    o.put("org", p.orgUrl());
    o.put("fingerprint", p.fingerprint());
    ObjectNode scope = o.putObject("scope");
    p.scope().groups().stream().sorted().forEach(scope.putArray("groups")::add);
    p.scope().users().stream().sorted().forEach(scope.putArray("users")::add);
    ObjectNode apps = scope.putObject("apps");
    new java.util.TreeMap<>(p.scope().apps()).forEach(apps::put);
    p.scope().pushApps().stream().sorted().forEach(scope.putArray("pushApps")::add);
    scope.put("markerAttribute", p.scope().markerAttribute());
    scope.put("markerValue", p.scope().markerValue());
    if (p.scope().scoped()) {
      scope.put("scoped", true);
    }
    if (!p.scope().slack().isEmpty()) {
      ArrayNode slack = scope.putArray("slack");
      for (SlackState.Wanted w : p.scope().slack()) {
        ObjectNode one = slack.addObject();
        one.put("appId", w.appId());
        w.handles().stream().sorted().forEach(one.putArray("userGroups")::add);
        w.channels().stream().sorted().forEach(one.putArray("channels")::add);
      }
    }
    ArrayNode setup = o.putArray("setup");
    p.setup().forEach(setup::add);
    ArrayNode changes = o.putArray("changes");
    String attr = p.scope().markerAttribute();
    for (Change c : p.changes()) {
      ObjectNode co = changes.addObject();
      co.put("action", c.action().label());
      co.put("resource", c.resource().label());
      co.put("group", c.group());
      co.put("key", c.key());
      co.set("before", JSON.valueToTree(ChangeJson.before(c, attr)));
      co.set("after", JSON.valueToTree(ChangeJson.after(c, attr)));
      co.put("reason", c.reason());
      replacementReason(c).ifPresent(r -> co.put("replacementReason", r));
      co.set("ids", JSON.valueToTree(ChangeJson.ids(c)));
    }
    ArrayNode errors = o.putArray("errors");
    for (Plan.GroupError e : p.errors()) {
      errors.addObject().put("group", e.group()).put("path", e.path()).put("message", e.message());
    }
    ImpactJson.write(p.impact(), o);
    Plan.Summary s = p.summary();
    ObjectNode so = o.putObject("summary");
    so.put("create", s.create());
    so.put("update", s.update());
    so.put("delete", s.delete());
    so.put("membersAdded", s.membersAdded());
    so.put("membersRemoved", s.membersRemoved());
    so.put("errors", s.errors());
    return o;
  }

  /**
   * Reads a saved plan of this format or of versions 1 and 2, which carry no impact.
   *
   * @throws IllegalArgumentException when the text is not a plan of a version this build reads
   */
  public static Plan read(String text) {
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON plan: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject() || !o.has("changes") || !o.has("fingerprint")) {
      throw new IllegalArgumentException("not an okta-groups plan (no 'changes' or 'fingerprint')");
    }
    int version = o.path("version").asInt(-1);
    if (version != Plan.VERSION && version != 2 && version != 1) {
      throw new IllegalArgumentException(
          "plan format version "
              + version
              + " is not "
              + Plan.VERSION
              + "; plan again with this build");
    }
    Plan.Scope scope = scope(o.path("scope"));
    List<String> setup = new ArrayList<>(strings(o.path("setup")));
    List<Change> changes = changes(o.path("changes"), scope);
    List<Plan.GroupError> errors = new ArrayList<>();
    for (JsonNode e : o.path("errors")) {
      errors.add(
          new Plan.GroupError(
              e.path("group").asText(), e.path("path").asText(), e.path("message").asText()));
    }
    // A plan loads as the current format: what apply runs does not depend on the file's age.
    return new Plan(
        Plan.VERSION,
        o.path("createdAt").asText(),
        source(o.path("source")),
        o.path("org").asText(),
        o.path("fingerprint").asText(),
        scope,
        setup,
        version == 1 ? replacesOfVersion1(changes) : changes,
        errors,
        version >= 3
            ? ImpactJson.read(o)
            : Impact.unknown(
                "the plan was saved by an older okta-groups, before plans recorded it"));
  }

  private static Plan.Source source(JsonNode src) {
    return new Plan.Source(
        src.path("origin").asText(),
        src.path("commit").isTextual()
            ? Optional.of(src.get("commit").asText())
            : Optional.empty());
  }

  private static Plan.Scope scope(JsonNode sc) {
    Map<String, String> apps = new LinkedHashMap<>();
    sc.path("apps").fields().forEachRemaining(e -> apps.put(e.getKey(), e.getValue().asText()));
    return new Plan.Scope(
        strings(sc.path("groups")),
        strings(sc.path("users")),
        apps,
        strings(sc.path("pushApps")),
        sc.path("markerAttribute").asText(),
        sc.path("markerValue").asText(),
        slackScope(sc.path("slack")),
        sc.path("scoped").asBoolean(false));
  }

  /** The Slack workspaces a plan read; none in plans saved before Slack was read. */
  private static List<SlackState.Wanted> slackScope(JsonNode saved) {
    List<SlackState.Wanted> out = new ArrayList<>();
    for (JsonNode w : saved) {
      out.add(
          new SlackState.Wanted(
              w.path("appId").asText(),
              strings(w.path("userGroups")),
              strings(w.path("channels"))));
    }
    return out;
  }

  private static List<Change> changes(JsonNode saved, Plan.Scope scope) {
    List<Change> changes = new ArrayList<>();
    for (JsonNode c : saved) {
      ChangeJson.Saved one =
          new ChangeJson.Saved(
              action(c.path("action").asText()),
              Resource.parse(c.path("resource").asText()),
              c.path("group").asText(),
              c.path("key").asText(),
              c.path("before"),
              c.path("after"),
              c.path("reason").asText(),
              c.path("replacementReason").isTextual()
                  ? Optional.of(c.get("replacementReason").asText())
                  : Optional.empty(),
              c.path("ids"));
      changes.add(ChangeJson.read(one, scope.markerAttribute(), scope.markerValue()));
    }
    return changes;
  }

  /**
   * Version 1 saved a replace as a delete directly followed by the create of the same group's rule
   * or push mapping, and apply recognised the pair by adjacency. Such pairs become one replace;
   * everything else stays as it is.
   */
  static List<Change> replacesOfVersion1(List<Change> changes) {
    List<Change> out = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Change c = changes.get(i);
      Change next = i + 1 < changes.size() ? changes.get(i + 1) : null;
      if (next != null
          && c.action() == Action.DELETE
          && next.action() == Action.CREATE
          && c.group().equals(next.group())) {
        if (c instanceof RuleChange d && next instanceof RuleChange n) {
          out.add(RuleChange.replace(d, n));
          i++;
          continue;
        }
        if (c instanceof PushMappingChange d
            && next instanceof PushMappingChange n
            && d.key().equals(n.key())) {
          out.add(PushMappingChange.replace(d, n));
          i++;
          continue;
        }
      }
      out.add(c);
    }
    return out;
  }

  private static Optional<String> replacementReason(Change c) {
    if (c instanceof RuleChange r) {
      return r.replacementReason();
    }
    return c instanceof PushMappingChange m ? m.replacementReason() : Optional.empty();
  }

  private static Action action(String label) {
    for (Action a : Action.values()) {
      if (a.label().equals(label)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown action " + label);
  }

  private static java.util.Set<String> strings(JsonNode n) {
    TreeSet<String> out = new TreeSet<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }
}
