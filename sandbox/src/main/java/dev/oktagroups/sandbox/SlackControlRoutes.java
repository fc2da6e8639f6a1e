package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.sandbox.org.DownstreamGroup;
import dev.oktagroups.sandbox.org.OktaError;
import java.util.List;
import java.util.Optional;

/**
 * {@code /__sandbox/slack/{appId}/...}: the Slack side of the control API. Add channels, link or
 * unlink them by hand (what a Slack admin's click does, for drift), queue 429s, and look at the
 * workspace.
 */
final class SlackControlRoutes {
  private final SlackEndpoint slack;

  SlackControlRoutes(SlackEndpoint slack) {
    this.slack = slack;
  }

  void register(Router router) {
    router.on("GET", "/__sandbox/slack/{appId}", r -> Response.ok(view(workspace(r))));
    router.on(
        "POST",
        "/__sandbox/slack/{appId}/channels",
        r -> {
          SlackWorkspace ws = workspace(r);
          String name = Optional.ofNullable(Json.text(r.object(), "name")).orElse("");
          try {
            SlackWorkspace.Channel c = ws.addChannel(name, r.object().path("private").asBoolean());
            return Response.ok(SlackMethods.channel(ws, c));
          } catch (IllegalArgumentException e) {
            throw OktaError.malformed(e.getMessage());
          }
        });
    router.on(
        "POST",
        "/__sandbox/slack/{appId}/links",
        r -> {
          SlackWorkspace ws = workspace(r);
          String ref = Optional.ofNullable(Json.text(r.object(), "userGroup")).orElse("");
          String ch = Optional.ofNullable(Json.text(r.object(), "channel")).orElse("");
          SlackWorkspace.UserGroup ug =
              ws.userGroup(ref).orElseThrow(() -> OktaError.notFound("usergroup", ref));
          SlackWorkspace.Channel c =
              ws.channel(ch).orElseThrow(() -> OktaError.notFound("channel", ch));
          if (r.object().path("linked").asBoolean(true)) {
            ws.link(ug, List.of(c));
          } else {
            ws.unlink(ug, List.of(c));
          }
          return Response.ok(view(ws));
        });
    router.on(
        "POST",
        "/__sandbox/slack/{appId}/ratelimit",
        r -> {
          workspace(r);
          slack.inject(
              Optional.ofNullable(Json.text(r.object(), "method")).orElse(""),
              r.object().path("times").asInt(1),
              r.object().path("retryAfter").asInt(1));
          return Response.status(204);
        });
  }

  private SlackWorkspace workspace(Request r) {
    String appId = r.p("appId");
    return slack.workspace(appId).orElseThrow(() -> OktaError.notFound("Slack app", appId));
  }

  /** The workspace: its team id, channels and user groups with their linked channels. */
  static ObjectNode view(SlackWorkspace ws) {
    ObjectNode o = Json.F.objectNode().put("teamId", ws.teamId());
    ArrayNode chs = o.putArray("channels");
    ws.channels().forEach(c -> chs.add(SlackMethods.channel(ws, c)));
    ArrayNode ugs = o.putArray("userGroups");
    for (SlackWorkspace.UserGroup u : ws.userGroups()) {
      ObjectNode g = ugs.addObject().put("id", u.id()).put("handle", u.handle());
      linked(ws, u, g);
    }
    return o;
  }

  /** Adds a Slack user group's id and linked channels to a downstream group's view. */
  void decorate(String appId, DownstreamGroup d, ObjectNode view) {
    slack
        .workspace(appId)
        .flatMap(
            ws ->
                ws.userGroups().stream()
                    .filter(u -> u.group().targetGroupId().equals(d.targetGroupId()))
                    .findFirst()
                    .map(u -> java.util.Map.entry(ws, u)))
        .ifPresent(
            e -> {
              view.put("userGroupId", e.getValue().id());
              linked(e.getKey(), e.getValue(), view);
            });
  }

  private static void linked(SlackWorkspace ws, SlackWorkspace.UserGroup u, ObjectNode into) {
    ArrayNode arr = into.putArray("channels");
    for (String id : u.channelIds()) {
      arr.addObject().put("id", id).put("name", ws.channel(id).map(c -> c.name).orElse(""));
    }
  }
}
