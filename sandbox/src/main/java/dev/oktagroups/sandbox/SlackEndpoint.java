package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.oktagroups.sandbox.org.App;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.SandboxClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slack's Web API for the Slack apps of the org, at {@code /slack/{appId}/api/{method}}: the
 * methods okta-groups calls to link channels, with Slack's shapes. Every answer is HTTP 200 with
 * {@code "ok"}, except a rate limit: HTTP 429, {@code Retry-After} in seconds and {@code "error":
 * "ratelimited"}, as Slack does. Methods are limited per workspace and method by their tier.
 */
final class SlackEndpoint {
  /** An injected 429: how many calls of a method to refuse, and the Retry-After they carry. */
  private record Injected(String method, int seconds) {}

  private final Org org;
  private final SandboxClock clock;
  private final boolean rateLimits;
  private final SlackTokens tokens;
  private final Map<String, SlackWorkspace> workspaces = new HashMap<>();
  private final Map<String, Window> windows = new HashMap<>();
  private final Deque<Injected> injected = new ArrayDeque<>();
  private final SlackMethods methods = new SlackMethods();

  private static final class Window {
    Instant start;
    int used;
  }

  /** The bot token (plain-workspace methods) and the admin user token (Grid admin methods). */
  record SlackTokens(String bot, String admin) {}

  SlackEndpoint(Org org, boolean rateLimits, SlackTokens tokens) {
    this.org = org;
    this.clock = org.clock();
    this.rateLimits = rateLimits;
    this.tokens = tokens;
  }

  SlackTokens tokens() {
    return tokens;
  }

  /** The workspace of a Slack app; empty when the org has no such Slack app. */
  Optional<SlackWorkspace> workspace(String appId) {
    return org.locked(
        () -> {
          SlackWorkspace w = workspaces.get(appId);
          if (w != null) {
            return Optional.of(w);
          }
          Optional<App> app =
              org.allApps().stream()
                  .filter(a -> a.id().equals(appId) && a.pushType() == App.PushType.SLACK)
                  .findFirst();
          if (app.isEmpty()) {
            return Optional.empty();
          }
          SlackWorkspace made =
              new SlackWorkspace(appId, String.format("T0SB%06d", workspaces.size() + 1), org);
          workspaces.put(appId, made);
          return Optional.of(made);
        });
  }

  /** Refuses the next {@code times} calls of {@code method} with a 429. */
  void inject(String method, int times, int retryAfterSeconds) {
    synchronized (injected) {
      for (int i = 0; i < times; i++) {
        injected.add(new Injected(method, retryAfterSeconds));
      }
    }
  }

  void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String[] parts = ex.getRequestURI().getPath().split("/");
      // "", "slack", appId, "api", method
      if (parts.length != 5 || !parts[3].equals("api")) {
        send(ex, 404, error("unknown_method"), Optional.empty());
        return;
      }
      String appId = parts[2];
      String method = parts[4];
      Map<String, String> params = params(ex);
      Optional<Integer> limited = limit(appId, method);
      if (limited.isPresent()) {
        send(ex, 429, error("ratelimited"), limited);
        return;
      }
      ObjectNode body = answer(ex, appId, method, params);
      send(ex, 200, body, Optional.empty());
    }
  }

  private ObjectNode answer(
      HttpExchange ex, String appId, String method, Map<String, String> params) {
    String auth = Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")).orElse("");
    String token = auth.startsWith("Bearer ") ? auth.substring(7).trim() : params.get("token");
    if (token == null || token.isEmpty()) {
      return error("not_authed");
    }
    if (!token.equals(tokens.bot()) && !token.equals(tokens.admin())) {
      return error("invalid_auth");
    }
    Optional<SlackWorkspace> ws = workspace(appId);
    if (ws.isEmpty()) {
      return error("team_not_found");
    }
    if (method.startsWith("admin.") && !token.equals(tokens.admin())) {
      // Admin methods take a Grid admin's user token; a bot token is the wrong type.
      return error("not_allowed_token_type");
    }
    return org.locked(() -> methods.call(ws.get(), method, params));
  }

  /** The tier of each method, as Slack's method pages list them. */
  static int tier(String method) {
    return switch (method) {
      case "admin.usergroups.addChannels",
          "admin.usergroups.listChannels",
          "admin.usergroups.removeChannels" ->
          1;
      case "conversations.info" -> 3;
      default -> 2;
    };
  }

  /**
   * Calls per minute a tier allows per workspace and method. Slack publishes "1+", "20+", "50+" and
   * "100+", and tolerates bursts; the sandbox grants tier 1 a burst of five.
   */
  static int perMinute(int tier) {
    return switch (tier) {
      case 1 -> 5;
      case 2 -> 20;
      case 3 -> 50;
      default -> 100;
    };
  }

  /** A 429's Retry-After in seconds, or empty when the call may go ahead. */
  private Optional<Integer> limit(String appId, String method) {
    synchronized (injected) {
      Injected first =
          injected.stream().filter(i -> i.method.equals(method)).findFirst().orElse(null);
      if (first != null) {
        injected.remove(first);
        return Optional.of(first.seconds);
      }
    }
    if (!rateLimits) {
      return Optional.empty();
    }
    synchronized (windows) {
      Window w = windows.computeIfAbsent(appId + " " + method, k -> new Window());
      Instant now = clock.now();
      Duration minute = clock.real(Duration.ofMinutes(1));
      if (w.start == null || !now.isBefore(w.start.plus(minute))) {
        w.start = now;
        w.used = 0;
      }
      if (w.used >= perMinute(tier(method))) {
        long ms = Duration.between(now, w.start.plus(minute)).toMillis();
        return Optional.of((int) Math.max(1, (ms + 999) / 1000));
      }
      w.used++;
      return Optional.empty();
    }
  }

  static ObjectNode error(String code) {
    return Json.F.objectNode().put("ok", false).put("error", code);
  }

  /** The form body and the query string, as Slack reads both. */
  private static Map<String, String> params(HttpExchange ex) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    parse(ex.getRequestURI().getRawQuery(), out);
    byte[] body = ex.getRequestBody().readAllBytes();
    String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
    if (type.startsWith("application/json") && body.length > 0) {
      Json.MAPPER
          .readTree(body)
          .fields()
          .forEachRemaining(
              e ->
                  out.put(
                      e.getKey(),
                      e.getValue().isArray()
                          ? String.join(",", Json.strings(e.getValue()))
                          : e.getValue().asText()));
    } else {
      parse(new String(body, StandardCharsets.UTF_8), out);
    }
    return out;
  }

  private static void parse(String raw, Map<String, String> out) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange ex, int status, ObjectNode body, Optional<Integer> retry)
      throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    retry.ifPresent(s -> ex.getResponseHeaders().set("Retry-After", Integer.toString(s)));
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  /** Slack's opaque cursor for the page that starts at {@code offset}. */
  static String cursor(int offset) {
    return Base64.getEncoder()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** The offset a cursor stands for; -1 for one this sandbox did not hand out. */
  static int offset(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      return s.startsWith("offset:") ? Integer.parseInt(s.substring(7)) : -1;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  static ArrayNode array() {
    return Json.F.arrayNode();
  }
}
