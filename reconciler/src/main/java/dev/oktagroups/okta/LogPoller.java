package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.common.PagedList;
import dev.oktagroups.port.OktaFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Polls the System Log the way Okta asks pollers to: follow the {@code next} link of the last page,
 * never page by time. Okta returns a polling page's events in the order it stored them, so an event
 * that arrives late still comes after the cursor. The SDK has the log API, but its list drops the
 * Link header, so the log is read raw, as {@link Lists} reads groups.
 */
final class LogPoller {
  private static final TypeReference<List<JsonNode>> LIST = new TypeReference<>() {};
  private static final int LIMIT = 1000;

  /**
   * How far back the probe of a new cursor reaches: a clock on this machine that runs ahead of
   * Okta's by up to this much still starts the cursor before the read.
   */
  static final Duration START_MARGIN = Duration.ofMinutes(15);

  /** Once Okta's own clock is known, how far before it a new cursor starts. */
  static final Duration OKTA_MARGIN = Duration.ofSeconds(2);

  /** The events that tell an incremental read what to re-read. */
  static final List<String> TYPES =
      List.of(
          "group.user_membership.add",
          "group.user_membership.remove",
          "group.application_assignment.add",
          "group.application_assignment.remove",
          "group.application_assignment.update",
          "user.lifecycle.activate",
          "user.lifecycle.deactivate",
          "user.lifecycle.suspend",
          "user.lifecycle.unsuspend",
          "user.lifecycle.delete.completed",
          "user.account.update_profile",
          // A mapping's state, for the scoped read's cached push mappings (DetailCache). Not
          // .pushed nor .push_memberships: they report syncs, and a busy org logs many.
          "application.provision.group_push.mapping.created",
          "application.provision.group_push.activate_mapping",
          "application.provision.group_push.deactivate_mapping",
          "application.provision.group_push.updated",
          "application.provision.group_push.removed",
          "application.provision.group_push.delete_appgroup",
          "application.provision.group_push.mapping.update.or.delete.failed.with.error");

  /**
   * One event: its uuid, type, target ids by target type, and when Okta says it happened ({@code
   * published}; {@link Instant#MAX} when absent or unreadable, so that it is never taken as old).
   */
  record Event(String uuid, String eventType, List<Target> targets, Instant published) {
    /** The ids of the targets of one type. */
    List<String> ids(String type) {
      return targets.stream().filter(t -> t.type().equals(type)).map(Target::id).toList();
    }
  }

  /** An event's target. */
  record Target(String id, String type) {}

  /** What a poll found, deduplicated on uuid, and the cursor to follow next time. */
  record Polled(List<Event> events, String after) {}

  private final Lists lists;

  LogPoller(Lists lists) {
    this.lists = lists;
  }

  /**
   * A fresh cursor, at the end of the log: taken before a full read, which reads everything the
   * events before it could say. A one-event probe from well before this machine's now learns Okta's
   * clock from its Date header; only when events followed the probe does a second poll start two
   * seconds before Okta's now, so a full read after a large apply need not page through that
   * apply's events.
   */
  String start(Instant now) {
    Polled probe = drain(Optional.empty(), Optional.of(now.minus(START_MARGIN)), 1);
    if (probe.events().isEmpty()) {
      return probe.after();
    }
    Instant okta = lists.calls().oktaNow().orElse(now);
    return drain(Optional.empty(), Optional.of(okta.minus(OKTA_MARGIN)), LIMIT).after();
  }

  /**
   * A fresh cursor, with the events from {@link #START_MARGIN} before {@code now} to the end: for a
   * poller that wants the recent backlog as well as the cursor.
   */
  Polled begin(Instant now) {
    return drain(Optional.empty(), Optional.of(now.minus(START_MARGIN)), LIMIT);
  }

  /**
   * The events after {@code after}; empty when Okta refuses the cursor (expired, or from another
   * org) or the credentials may not read the log, which {@code notice} hears.
   */
  Optional<Polled> poll(String after, Consumer<String> notice) {
    try {
      return Optional.of(drain(Optional.of(after), Optional.empty(), LIMIT));
    } catch (OktaFailure f) {
      if (f.status() == 400 || f.status() == 403 || f.status() == 404) {
        notice.accept("the System Log refused the cache's cursor (" + f.detail() + ")");
        return Optional.empty();
      }
      throw f;
    }
  }

  private Polled drain(Optional<String> after, Optional<Instant> since, int limit) {
    String filter =
        TYPES.stream().map(t -> "eventType eq \"" + t + "\"").collect(Collectors.joining(" or "));
    Set<String> seen = new LinkedHashSet<>();
    List<Event> events = new ArrayList<>();
    String cursor = after.orElse(null);
    while (true) {
      String c = cursor;
      List<JsonNode> page =
          lists
              .calls()
              .run(
                  "GET /api/v1/logs",
                  Calls.Retry.IDEMPOTENT,
                  () ->
                      lists.invoke(
                          "/api/v1/logs",
                          "GET",
                          Lists.query(
                              "since",
                              c == null ? since.map(Instant::toString).orElse(null) : null,
                              "after",
                              c,
                              "filter",
                              filter,
                              "limit",
                              limit),
                          null,
                          LIST));
      for (JsonNode e : page) {
        if (seen.add(e.path("uuid").asText())) {
          events.add(event(e));
        }
      }
      String next = page instanceof PagedList<?> pl ? pl.getAfter() : null;
      if (next == null) {
        // Okta always links a polling page to the next; without one, poll from here again.
        next = cursor;
      }
      cursor = next;
      if (page.size() < limit || limit == 1 || cursor == null) {
        return new Polled(events, cursor == null ? "" : cursor);
      }
    }
  }

  private static Event event(JsonNode e) {
    List<Target> targets = new ArrayList<>();
    for (JsonNode t : e.path("target")) {
      targets.add(new Target(t.path("id").asText(), t.path("type").asText()));
    }
    Instant published;
    try {
      published = Instant.parse(e.path("published").asText());
    } catch (RuntimeException unreadable) {
      published = Instant.MAX;
    }
    return new Event(e.path("uuid").asText(), e.path("eventType").asText(), targets, published);
  }
}
