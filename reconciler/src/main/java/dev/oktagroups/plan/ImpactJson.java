package dev.oktagroups.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plan's {@code impact} list and {@code impactUnknown} note, as plan.schema.json has them. */
final class ImpactJson {
  private ImpactJson() {}

  static void write(Impact impact, ObjectNode plan) {
    ArrayNode list = plan.putArray("impact");
    if (impact instanceof Impact.Unknown u) {
      plan.put("impactUnknown", u.reason());
      return;
    }
    for (Impact.Group g : impact.groups()) {
      ObjectNode go = list.addObject();
      go.put("group", g.group());
      go.put("membersBefore", g.membersBefore());
      go.put("deleted", g.deleted());
      strings(go.putArray("gains"), g.gains());
      strings(go.putArray("losses"), g.losses());
      ArrayNode apps = go.putArray("apps");
      for (Impact.App a : g.apps()) {
        ObjectNode ao = apps.addObject();
        ao.put("app", a.app());
        strings(ao.putArray("gains"), a.gains());
        strings(ao.putArray("losses"), a.losses());
        ObjectNode kept = ao.putObject("kept");
        a.kept().forEach((login, via) -> strings(kept.putArray(login), via));
        strings(ao.putArray("unread"), a.unread());
      }
      ArrayNode pushes = go.putArray("pushes");
      for (Impact.Push p : g.pushes()) {
        ObjectNode po = pushes.addObject();
        po.put("app", p.app());
        po.put("target", p.target());
        strings(po.putArray("gains"), p.gains());
        strings(po.putArray("losses"), p.losses());
      }
      writeExpiring(g.expiring(), go.putArray("expiring"));
      if (g.channels().isEmpty()) {
        // Written only when there are some, so plans without Slack links read as they always did.
        continue;
      }
      ArrayNode channels = go.putArray("channels");
      for (Impact.Channel c : g.channels()) {
        ObjectNode co = channels.addObject();
        co.put("app", c.app());
        co.put("channel", c.channel());
        strings(co.putArray("joining"), c.joining());
      }
    }
  }

  private static void writeExpiring(List<Impact.Expiring> expiring, ArrayNode into) {
    for (Impact.Expiring x : expiring) {
      ObjectNode xo = into.addObject();
      xo.put("login", x.login());
      xo.put("expires", x.expires().toString());
      strings(xo.putArray("apps"), x.apps());
      ObjectNode kept = xo.putObject("kept");
      x.kept().forEach((app, via) -> strings(kept.putArray(app), via));
      strings(xo.putArray("pushes"), x.pushes());
    }
  }

  /** A plan's upcoming expiries; none in a version 3 plan, which did not record them. */
  private static List<Impact.Expiring> readExpiring(JsonNode list) {
    List<Impact.Expiring> out = new ArrayList<>();
    for (JsonNode x : list) {
      Map<String, List<String>> kept = new LinkedHashMap<>();
      x.path("kept").fields().forEachRemaining(e -> kept.put(e.getKey(), list(e.getValue())));
      out.add(
          new Impact.Expiring(
              x.path("login").asText(),
              date(x.path("expires").asText()),
              list(x.path("apps")),
              kept,
              list(x.path("pushes"))));
    }
    return out;
  }

  static Impact read(JsonNode plan) {
    if (plan.path("impactUnknown").isTextual()) {
      return Impact.unknown(plan.get("impactUnknown").asText());
    }
    List<Impact.Group> groups = new ArrayList<>();
    for (JsonNode g : plan.path("impact")) {
      List<Impact.App> apps = new ArrayList<>();
      for (JsonNode a : g.path("apps")) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        a.path("kept").fields().forEachRemaining(e -> kept.put(e.getKey(), list(e.getValue())));
        apps.add(
            new Impact.App(
                a.path("app").asText(),
                list(a.path("gains")),
                list(a.path("losses")),
                kept,
                list(a.path("unread"))));
      }
      List<Impact.Push> pushes = new ArrayList<>();
      for (JsonNode p : g.path("pushes")) {
        pushes.add(
            new Impact.Push(
                p.path("app").asText(),
                p.path("target").asText(),
                list(p.path("gains")),
                list(p.path("losses"))));
      }
      List<Impact.Channel> channels = new ArrayList<>();
      for (JsonNode c : g.path("channels")) {
        channels.add(
            new Impact.Channel(
                c.path("app").asText(), c.path("channel").asText(), list(c.path("joining"))));
      }
      groups.add(
          new Impact.Group(
              g.path("group").asText(),
              list(g.path("gains")),
              list(g.path("losses")),
              apps,
              pushes,
              g.path("membersBefore").asInt(),
              g.path("deleted").asBoolean(),
              channels,
              readExpiring(g.path("expiring"))));
    }
    return new Impact.Known(groups);
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "an impact entry's expires is '" + text + "', not a date such as 2027-01-31");
    }
  }

  private static void strings(ArrayNode into, List<String> values) {
    values.forEach(into::add);
  }

  private static List<String> list(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }
}
