package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.sandbox.org.OktaError;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.SystemLog;
import dev.oktagroups.sandbox.org.Views;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code /api/v1/logs}: the System Log. Without {@code until} a request is a polling request: the
 * events in the order Okta stored them, and always a {@code next} link, even on an empty page, to
 * follow next time. With {@code until} (or {@code sortOrder=DESCENDING}) it is bounded: the events
 * published in [since, until), sorted by {@code published}, and a {@code next} link only while more
 * remain. The {@code after} cursor is opaque; a forged or expired one is refused.
 */
final class LogRoutes {
  private static final String PATH = "/api/v1/logs";

  private final Org org;
  private final String base;

  LogRoutes(Org org, String base) {
    this.org = org;
    this.base = base;
  }

  void register(Router router) {
    router.on("GET", PATH, this::list);
  }

  private Response list(Request r) {
    int limit = r.limit(100, 1000, 1);
    Instant now = org.clock().now();
    Optional<Instant> until = r.q("until").map(v -> instant("until", v));
    Instant since = r.q("since").map(v -> instant("since", v)).orElse(now.minus(7, DAYS));
    if (since.isBefore(now.minus(SystemLog.MAX_SINCE))) {
      throw OktaError.validation(
          "since", "since: The since parameter can be at most 180 days in the past");
    }
    Predicate<SystemLog.Event> match = SystemLog.matcher(r.q("filter"));
    Optional<String> q = r.q("q");
    if (q.isPresent()) {
      List<String> words = List.of(q.get().toLowerCase(java.util.Locale.ROOT).split("\\s+"));
      match = match.and(e -> words.stream().allMatch(w -> text(e).contains(w)));
    }
    boolean descending = r.q("sortOrder").map("DESCENDING"::equalsIgnoreCase).orElse(false);
    SystemLog log = org.systemLog();
    if (until.isEmpty() && !descending) {
      Optional<Integer> from = r.q("after").map(a -> position(log, a));
      SystemLog.Slice slice = log.poll(from, since, match, limit);
      return page(r, slice.events(), Optional.of(slice.next()), limit);
    }
    List<SystemLog.Event> all = log.bounded(since, until.orElse(now.plusMillis(1)), match);
    if (descending) {
      all = new ArrayList<>(all);
      java.util.Collections.reverse(all);
    }
    int start = r.q("after").map(a -> position(log, a)).orElse(0);
    int end = Math.min(all.size(), start + limit);
    List<SystemLog.Event> items = start >= all.size() ? List.of() : all.subList(start, end);
    return page(r, items, end < all.size() ? Optional.of(end) : Optional.empty(), limit);
  }

  private static final java.time.temporal.ChronoUnit DAYS = java.time.temporal.ChronoUnit.DAYS;

  private static String text(SystemLog.Event e) {
    StringBuilder sb = new StringBuilder(e.eventType()).append(' ').append(e.displayMessage());
    e.targets().forEach(t -> sb.append(' ').append(t.displayName()).append(' ').append(t.id()));
    return sb.toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw OktaError.validation(
          name, name + ": must be an ISO 8601 time such as 2026-11-30T00:00:00.000Z");
    }
  }

  /** The position an opaque cursor stands for; refused when forged or past retention. */
  private static int position(SystemLog log, String after) {
    int p;
    try {
      String s = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
      if (!s.startsWith("sl1:")) {
        throw new IllegalArgumentException(s);
      }
      p = Integer.parseInt(s.substring(4));
    } catch (IllegalArgumentException e) {
      throw OktaError.validation("after", "after: The cursor is not valid");
    }
    if (!log.validPosition(p)) {
      throw OktaError.validation("after", "after: The cursor has expired");
    }
    return p;
  }

  private static String cursor(int position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("sl1:" + position).getBytes(StandardCharsets.UTF_8));
  }

  private Response page(
      Request r, List<SystemLog.Event> events, Optional<Integer> next, int limit) {
    ArrayNode arr = Json.F.arrayNode();
    events.forEach(e -> arr.add(view(e)));
    List<String> links = new ArrayList<>();
    links.add("<" + url(r, r.q("after"), limit) + ">; rel=\"self\"");
    next.ifPresent(n -> links.add("<" + url(r, Optional.of(cursor(n)), limit) + ">; rel=\"next\""));
    return new Response(200, arr, links);
  }

  private String url(Request r, Optional<String> after, int limit) {
    List<String> parts = new ArrayList<>();
    r.query()
        .forEach(
            (k, vs) -> {
              if (!k.equals("after") && !k.equals("limit")) {
                vs.forEach(v -> parts.add(enc(k) + "=" + enc(v)));
              }
            });
    after.ifPresent(a -> parts.add("after=" + enc(a)));
    parts.add("limit=" + limit);
    return base + PATH + "?" + String.join("&", parts);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An event in Okta's LogEvent shape. */
  static ObjectNode view(SystemLog.Event e) {
    ObjectNode o = Json.F.objectNode();
    ObjectNode actor = o.putObject("actor");
    actor.put("id", e.actor().id());
    actor.put("type", e.actor().type());
    actor.put("alternateId", e.actor().alternateId());
    actor.put("displayName", e.actor().displayName());
    o.putObject("client").put("ipAddress", "127.0.0.1");
    o.putObject("outcome").put("result", "SUCCESS");
    o.put("published", Views.ts(e.published()));
    o.put("eventType", e.eventType());
    o.put("displayMessage", e.displayMessage());
    o.put("severity", "INFO");
    o.put("uuid", e.uuid());
    o.put("version", "0");
    ArrayNode targets = o.putArray("target");
    for (SystemLog.Target t : e.targets()) {
      ObjectNode x = targets.addObject();
      x.put("id", t.id());
      x.put("type", t.type());
      x.put("alternateId", t.alternateId());
      x.put("displayName", t.displayName());
    }
    o.putObject("transaction").put("type", "WEB").put("id", e.uuid()).putObject("detail");
    o.putObject("debugContext").putObject("debugData");
    return o;
  }
}
