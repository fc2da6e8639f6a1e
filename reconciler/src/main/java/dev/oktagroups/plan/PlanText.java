package dev.oktagroups.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Renders a plan as text in the style of {@code terraform plan}, grouped by group. */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan p) {
    StringBuilder sb = new StringBuilder();
    sb.append("okta-groups plan for ")
        .append(p.orgUrl())
        .append(" from ")
        .append(p.source().origin())
        .append(p.source().commit().map(c -> " @ " + shortSha(c)).orElse(""))
        .append('\n');
    if (!p.setup().isEmpty()) {
      sb.append('\n').append("  # setup\n");
      p.setup().forEach(s -> sb.append("  * ").append(s).append('\n'));
    }
    for (Map.Entry<String, List<Change>> e : byGroup(p.changes()).entrySet()) {
      sb.append('\n').append("  # ").append(e.getKey()).append('\n');
      for (Change c : steps(e.getValue())) {
        sb.append("  ").append(c.action().symbol()).append(' ').append(c.describe());
        if (!c.reason().isEmpty()) {
          sb.append("  (").append(c.reason()).append(')');
        }
        sb.append('\n');
        for (String line : details(c, p.scope().markerAttribute())) {
          sb.append("      ").append(line).append('\n');
        }
      }
    }
    if (!p.errors().isEmpty()) {
      sb.append('\n').append("  # errors: these groups are not planned\n");
      for (Plan.GroupError err : p.errors()) {
        sb.append("  ! ")
            .append(err.group())
            .append(err.path().isEmpty() ? "" : " (" + err.path() + ")")
            .append(": ")
            .append(err.message())
            .append('\n');
      }
    }
    sb.append(ImpactText.section(p.impact()));
    sb.append('\n').append(p.summary().line()).append('\n');
    return sb.toString();
  }

  /** The changes' steps: each replace as its delete then its create. */
  static List<Change> steps(List<Change> changes) {
    return changes.stream().flatMap(c -> c.steps().stream()).toList();
  }

  /** Changes grouped by group name, in plan order. */
  public static Map<String, List<Change>> byGroup(List<Change> changes) {
    Map<String, List<Change>> out = new LinkedHashMap<>();
    List<String> order =
        new ArrayList<>(new TreeSet<>(changes.stream().map(Change::group).toList()));
    order.forEach(g -> out.put(g, new ArrayList<>()));
    changes.forEach(c -> out.get(c.group()).add(c));
    return out;
  }

  /**
   * Field lines: the fields of a create or delete that say something (not empty ones, not the
   * ownership marker every group gets), and what changes in an update.
   */
  static List<String> details(Change c, String markerAttribute) {
    List<String> out = new ArrayList<>();
    if (c.resource() == Resource.CHANNEL_LINK) {
      // The line itself names the channel and the user group; the file keeps the ids.
      return out;
    }
    if (c.resource() == Resource.MEMBERSHIP) {
      Object expires = ChangeJson.after(c, markerAttribute).get("expires");
      if (expires != null) {
        out.add("expires: " + expires);
      }
      return out;
    }
    switch (c.action()) {
      case CREATE, DELETE -> {
        Map<String, Object> fields =
            c.action() == Action.CREATE
                ? ChangeJson.after(c, markerAttribute)
                : ChangeJson.before(c, markerAttribute);
        fields.forEach(
            (k, v) -> {
              if (!k.equals(markerAttribute)
                  && !isEmpty(v)
                  && !(k.equals("name") && c.resource() == Resource.GROUP)) {
                out.add(k + ": " + show(v));
              }
            });
      }
      case UPDATE, REPLACE -> {
        Map<String, Object> before = ChangeJson.before(c, markerAttribute);
        Map<String, Object> after = ChangeJson.after(c, markerAttribute);
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
          Object b = before.get(k);
          Object a = after.get(k);
          if (!Objects.equals(b, a)) {
            out.add(k + ": " + show(b) + " -> " + show(a));
          }
        }
      }
    }
    return out;
  }

  private static boolean isEmpty(Object v) {
    return v == null
        || (v instanceof Map<?, ?> m && m.isEmpty())
        || (v instanceof java.util.Collection<?> l && l.isEmpty())
        || (v instanceof String s && s.isEmpty());
  }

  /** Values as a reviewer reads them: text as is (quoted only when empty), the rest as JSON. */
  static String show(Object v) {
    if (v == null) {
      return "(none)";
    }
    if (v instanceof String s) {
      return s.isEmpty() ? "\"\"" : s;
    }
    if (v instanceof Map<?, ?> || v instanceof java.util.Collection<?>) {
      try {
        return JSON.writeValueAsString(v);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return String.valueOf(v);
      }
    }
    return String.valueOf(v);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** The first 8 characters of a commit SHA, as Git shows it. */
  public static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
