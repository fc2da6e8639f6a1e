package dev.oktagroups.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Binds a parsed manifest to a {@link GroupManifest}, leniently: a field with the wrong shape is
 * left empty rather than failing the whole file. The schema check reports the shape problem; the
 * semantic rules still see every well-formed field, so one run reports everything.
 */
public final class ManifestBinder {
  private ManifestBinder() {}

  public static GroupManifest bind(YamlDoc doc) {
    JsonNode r = doc.root().isObject() ? doc.root() : JsonNodeFactory.instance.objectNode();
    return new GroupManifest(
        doc,
        text(r.get("name")),
        Kind.parse(text(r.get("kind"))),
        text(r.get("description")),
        strings(r.get("owners")),
        r.has("rule") ? selector(r.get("rule"), "/rule") : Optional.empty(),
        members(r.get("members")),
        apps(r.get("apps")),
        push(r.get("push")),
        r.path("adopt").asBoolean(false),
        "all".equals(text(r.get("population"))),
        exclusions(r.get("excluded")),
        imported(r.get("imported")),
        strings(r.path("imported").get("merged")));
  }

  private static List<GroupManifest.Exclusion> exclusions(JsonNode n) {
    List<GroupManifest.Exclusion> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        JsonNode e = n.get(i);
        if (e.isObject() && e.path("user").isTextual()) {
          out.add(
              new GroupManifest.Exclusion(
                  e.get("user").asText(), text(e.get("reason")), "/excluded/" + i));
        }
      }
    }
    return out;
  }

  private static Optional<GroupManifest.ImportedRule> imported(JsonNode n) {
    if (n == null || !n.path("rule").isTextual() || !n.path("expression").isTextual()) {
      return Optional.empty();
    }
    return Optional.of(
        new GroupManifest.ImportedRule(n.get("rule").asText(), n.get("expression").asText()));
  }

  static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.asText() : "";
  }

  static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      for (JsonNode e : n) {
        if (e.isTextual()) {
          out.add(e.asText());
        }
      }
    }
    return out;
  }

  /** Reads a selector; empty when the node is not a mapping. */
  static Optional<Selector> selector(JsonNode n, String ptr) {
    if (n == null || !n.isObject() || n.isEmpty()) {
      return Optional.empty();
    }
    List<Selector> parts = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String childPtr = YamlDoc.child(ptr, key);
      JsonNode v = e.getValue();
      switch (key) {
        case "all", "any" -> {
          List<Selector> items = new ArrayList<>();
          if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
              selector(v.get(i), YamlDoc.child(childPtr, i)).ifPresent(items::add);
            }
          }
          if (!items.isEmpty()) {
            parts.add(
                key.equals("all")
                    ? new Selector.All(items, childPtr)
                    : new Selector.Any(items, childPtr));
          }
        }
        case "not" ->
            selector(v, childPtr).ifPresent(s -> parts.add(new Selector.Not(s, childPtr)));
        default -> match(key, v, childPtr).ifPresent(parts::add);
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parts.size() == 1 ? parts.get(0) : new Selector.All(parts, ptr));
  }

  private static Optional<Selector> match(String attribute, JsonNode v, String ptr) {
    if (v.isTextual() || v.isArray()) {
      return Optional.of(new Selector.Match(attribute, Selector.Op.EQUALS, values(v), ptr));
    }
    if (v.isObject() && v.size() == 1) {
      String opKey = v.fieldNames().next();
      for (Selector.Op op : Selector.Op.values()) {
        if (op != Selector.Op.EQUALS && op.yamlKey().equals(opKey)) {
          JsonNode inner = v.get(opKey);
          if (inner.isTextual() || inner.isArray()) {
            return Optional.of(new Selector.Match(attribute, op, values(inner), ptr));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Scalar values are kept as written, so a YAML number such as 012 still reaches the rules. */
  private static List<String> values(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (e.isValueNode() && !e.isNull()) {
          out.add(e.asText());
        }
      }
    } else if (v.isValueNode() && !v.isNull()) {
      out.add(v.asText());
    }
    return out;
  }

  private static List<Member> members(JsonNode n) {
    List<Member> out = new ArrayList<>();
    if (n == null || !n.isArray()) {
      return out;
    }
    for (int i = 0; i < n.size(); i++) {
      JsonNode m = n.get(i);
      if (!m.isObject() || !m.path("user").isTextual()) {
        continue;
      }
      String expiresText = text(m.get("expires"));
      Optional<LocalDate> expires = Optional.empty();
      if (!expiresText.isEmpty()) {
        try {
          expires = Optional.of(LocalDate.parse(expiresText));
        } catch (DateTimeParseException e) {
          expires = Optional.empty();
        }
      }
      out.add(
          new Member(
              m.get("user").asText(),
              text(m.get("reason")),
              text(m.get("request")),
              expires,
              expiresText,
              "/members/" + i,
              m.path("imported").asBoolean(false)));
    }
    return out;
  }

  private static List<AppRef> apps(JsonNode n) {
    List<AppRef> out = new ArrayList<>();
    if (n == null || !n.isArray()) {
      return out;
    }
    for (int i = 0; i < n.size(); i++) {
      JsonNode a = n.get(i);
      String ptr = "/apps/" + i;
      if (a.isTextual()) {
        out.add(
            new AppRef(
                a.asText(), OptionalInt.empty(), JsonNodeFactory.instance.objectNode(), ptr));
      } else if (a.isObject() && a.path("app").isTextual()) {
        JsonNode pr = a.get("priority");
        OptionalInt priority =
            pr != null && pr.canConvertToInt() && pr.isIntegralNumber()
                ? OptionalInt.of(pr.asInt())
                : OptionalInt.empty();
        ObjectNode profile =
            a.path("profile").isObject()
                ? (ObjectNode) a.get("profile").deepCopy()
                : JsonNodeFactory.instance.objectNode();
        out.add(new AppRef(a.get("app").asText(), priority, profile, ptr));
      }
    }
    return out;
  }

  private static Optional<Push> push(JsonNode n) {
    if (n == null || !n.isObject() || !n.path("app").isTextual()) {
      return Optional.empty();
    }
    String email = text(n.get("email"));
    String target = text(n.get("target"));
    return Optional.of(
        new Push(
            n.get("app").asText(),
            email.isEmpty() ? Optional.empty() : Optional.of(email),
            target.isEmpty() ? Optional.empty() : Optional.of(target),
            "/push",
            channels(n.get("channels"))));
  }

  /** The channel entries that are text; the schema check reports the others. */
  private static Optional<List<Push.Channel>> channels(JsonNode n) {
    if (n == null || !n.isArray()) {
      return Optional.empty();
    }
    List<Push.Channel> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      if (n.get(i).isTextual()) {
        out.add(new Push.Channel(n.get(i).asText(), "/push/channels/" + i));
      }
    }
    return Optional.of(out);
  }
}
