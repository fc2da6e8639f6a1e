package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The Slack methods themselves, over one workspace, under the org lock: each answers Slack's JSON,
 * {@code "ok": true} with the method's fields or {@code "ok": false} with Slack's error string.
 */
final class SlackMethods {
  ObjectNode call(SlackWorkspace ws, String method, Map<String, String> p) {
    return switch (method) {
      case "auth.test" -> ok().put("team_id", ws.teamId()).put("user_id", "U0SB000001");
      case "usergroups.list" -> userGroups(ws);
      case "usergroups.update" -> update(ws, p);
      case "conversations.list" -> conversations(ws, p);
      case "conversations.info" -> info(ws, p);
      case "admin.conversations.search" -> search(ws, p);
      case "admin.usergroups.addChannels" -> addChannels(ws, p);
      case "admin.usergroups.listChannels" -> listChannels(ws, p);
      case "admin.usergroups.removeChannels" -> removeChannels(ws, p);
      default -> SlackEndpoint.error("unknown_method");
    };
  }

  private static ObjectNode ok() {
    return Json.F.objectNode().put("ok", true);
  }

  private static ObjectNode userGroups(SlackWorkspace ws) {
    ObjectNode o = ok();
    ArrayNode arr = o.putArray("usergroups");
    ws.userGroups().forEach(u -> arr.add(userGroup(ws, u)));
    return o;
  }

  static ObjectNode userGroup(SlackWorkspace ws, SlackWorkspace.UserGroup u) {
    ObjectNode g = Json.F.objectNode();
    g.put("id", u.id());
    g.put("team_id", ws.teamId());
    g.put("is_usergroup", true);
    g.put("is_external", false);
    g.put("name", u.handle());
    g.put("handle", u.handle());
    g.put("description", "");
    g.put("date_create", 0);
    g.put("date_update", 0);
    g.put("date_delete", 0);
    g.put("auto_type", (String) null);
    g.put("created_by", "U0SB000001");
    ObjectNode prefs = g.putObject("prefs");
    ArrayNode chs = prefs.putArray("channels");
    u.channelIds().forEach(chs::add);
    prefs.putArray("groups");
    g.put("user_count", u.group().members().size());
    return g;
  }

  private static ObjectNode update(SlackWorkspace ws, Map<String, String> p) {
    Optional<SlackWorkspace.UserGroup> ug = ws.userGroup(p.getOrDefault("usergroup", ""));
    if (ug.isEmpty()) {
      return SlackEndpoint.error("no_such_subteam");
    }
    if (p.containsKey("channels")) {
      Optional<List<SlackWorkspace.Channel>> chs = channels(ws, p.get("channels"));
      if (chs.isEmpty()) {
        return SlackEndpoint.error("channel_not_found");
      }
      Optional<String> err = ws.setLinks(ug.get(), chs.get());
      if (err.isPresent()) {
        return SlackEndpoint.error(err.get());
      }
    }
    return ok().set("usergroup", userGroup(ws, ws.userGroup(ug.get().id()).orElseThrow()));
  }

  /** Comma-separated channel ids, each known; empty when one is not. */
  private static Optional<List<SlackWorkspace.Channel>> channels(SlackWorkspace ws, String ids) {
    List<SlackWorkspace.Channel> out = new ArrayList<>();
    for (String id : ids.split(",")) {
      if (id.isBlank()) {
        continue;
      }
      Optional<SlackWorkspace.Channel> c = ws.channel(id.trim());
      if (c.isEmpty() || !c.get().id.equals(id.trim())) {
        return Optional.empty();
      }
      out.add(c.get());
    }
    return Optional.of(out);
  }

  private static ObjectNode conversations(SlackWorkspace ws, Map<String, String> p) {
    String types = p.getOrDefault("types", "public_channel");
    boolean pub = types.contains("public_channel");
    boolean priv = types.contains("private_channel");
    List<SlackWorkspace.Channel> all =
        ws.channels().stream().filter(c -> c.isPrivate ? priv : pub).toList();
    Optional<Page> page = page(all, p, 100, 1000);
    if (page.isEmpty()) {
      return SlackEndpoint.error("invalid_cursor");
    }
    ObjectNode o = ok();
    ArrayNode arr = o.putArray("channels");
    page.get().channels().forEach(c -> arr.add(channel(ws, c)));
    o.putObject("response_metadata").put("next_cursor", page.get().nextCursor());
    return o;
  }

  /** One channel by its id, as Slack answers it; a name is not an id here either. */
  private static ObjectNode info(SlackWorkspace ws, Map<String, String> p) {
    String id = p.getOrDefault("channel", "");
    Optional<SlackWorkspace.Channel> c = ws.channel(id).filter(x -> x.id.equals(id));
    if (c.isEmpty()) {
      return SlackEndpoint.error("channel_not_found");
    }
    ObjectNode o = ok();
    o.set("channel", channel(ws, c.get()));
    return o;
  }

  private static ObjectNode search(SlackWorkspace ws, Map<String, String> p) {
    String query = p.getOrDefault("query", "").toLowerCase(Locale.ROOT);
    List<SlackWorkspace.Channel> all =
        ws.channels().stream().filter(c -> c.name.contains(query)).toList();
    Optional<Page> page = page(all, p, 10, 20);
    if (page.isEmpty()) {
      return SlackEndpoint.error("invalid_cursor");
    }
    ObjectNode o = ok();
    ArrayNode arr = o.putArray("conversations");
    page.get().channels().forEach(c -> arr.add(channel(ws, c)));
    o.put("next_cursor", page.get().nextCursor());
    return o;
  }

  /** One page of channels, and the cursor of the next ({@code ""} after the last). */
  private record Page(List<SlackWorkspace.Channel> channels, String nextCursor) {}

  /**
   * The page of {@code all} that {@code cursor} and {@code limit} ask for, as both channel listings
   * page: a limit below 1 or not a number is {@code dflt}, one above {@code max} is {@code max}.
   * Empty when the cursor is not one this workspace gave.
   */
  private static Optional<Page> page(
      List<SlackWorkspace.Channel> all, Map<String, String> p, int dflt, int max) {
    int from = SlackEndpoint.offset(p.get("cursor"));
    if (from < 0) {
      return Optional.empty();
    }
    int to = Math.min(all.size(), from + limit(p, dflt, max));
    return Optional.of(
        new Page(
            all.subList(Math.min(from, all.size()), to),
            to < all.size() ? SlackEndpoint.cursor(to) : ""));
  }

  private static int limit(Map<String, String> p, int dflt, int max) {
    try {
      int n = Integer.parseInt(p.getOrDefault("limit", Integer.toString(dflt)));
      return n < 1 ? dflt : Math.min(n, max);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  static ObjectNode channel(SlackWorkspace ws, SlackWorkspace.Channel c) {
    ObjectNode o = Json.F.objectNode();
    o.put("id", c.id);
    o.put("name", c.name);
    o.put("is_channel", !c.isPrivate);
    o.put("is_group", c.isPrivate);
    o.put("is_private", c.isPrivate);
    o.put("is_archived", false);
    o.put("is_general", c.name.equals("general"));
    o.put("context_team_id", ws.teamId());
    o.put("num_members", c.members.size());
    return o;
  }

  private static ObjectNode addChannels(SlackWorkspace ws, Map<String, String> p) {
    return changeChannels(ws, p, ws::link);
  }

  private static ObjectNode removeChannels(SlackWorkspace ws, Map<String, String> p) {
    return changeChannels(
        ws,
        p,
        (ug, chs) -> {
          ws.unlink(ug, chs);
          return Optional.empty();
        });
  }

  /**
   * The admin methods that add or remove a user group's channels: both name the user group by
   * {@code usergroup_id} and at least one known channel in {@code channel_ids}, and answer Slack's
   * error for either before {@code change} runs; then {@code change}'s error, if it has one.
   */
  private static ObjectNode changeChannels(
      SlackWorkspace ws,
      Map<String, String> p,
      BiFunction<SlackWorkspace.UserGroup, List<SlackWorkspace.Channel>, Optional<String>> change) {
    Optional<SlackWorkspace.UserGroup> ug = ws.userGroup(p.getOrDefault("usergroup_id", ""));
    if (ug.isEmpty()) {
      return SlackEndpoint.error("no_such_subteam");
    }
    Optional<List<SlackWorkspace.Channel>> chs = channels(ws, p.getOrDefault("channel_ids", ""));
    if (chs.isEmpty() || chs.get().isEmpty()) {
      return SlackEndpoint.error("channel_not_found");
    }
    return change.apply(ug.get(), chs.get()).map(SlackEndpoint::error).orElseGet(SlackMethods::ok);
  }

  private static ObjectNode listChannels(SlackWorkspace ws, Map<String, String> p) {
    Optional<SlackWorkspace.UserGroup> ug = ws.userGroup(p.getOrDefault("usergroup_id", ""));
    if (ug.isEmpty()) {
      return SlackEndpoint.error("no_such_subteam");
    }
    ObjectNode o = ok();
    ArrayNode arr = o.putArray("channels");
    for (String id : ug.get().channelIds()) {
      SlackWorkspace.Channel c = ws.channel(id).orElseThrow();
      arr.add(
          Json.F.objectNode()
              .put("id", c.id)
              .put("name", c.name)
              .put("team_id", ws.teamId())
              .put("num_members", c.members.size()));
    }
    return o;
  }
}
