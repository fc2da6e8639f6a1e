package dev.oktagroups.okta;

import dev.oktagroups.state.ActualState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app assignment details (priority, profile) and push mappings of the last full read of one
 * connection, and what the System Log has said since, so that a scoped read may take them from here
 * instead of the small {@code /api/v1/apps*} bucket. At a 0.3 share one token may send 15 requests
 * a minute there, and a merge that only changes members needs none of them.
 *
 * <p>Trust is earned, never assumed. A group's details are vouched for only when all of these hold:
 *
 * <ul>
 *   <li>a full read, or an earlier scoped read of that group, read them, with the group's {@code
 *       _embedded.stats};
 *   <li>a System Log poll has run without a gap from before that read began (a refused cursor is a
 *       gap), and ran within {@link #FRESH};
 *   <li>no assignment event (or, for push mappings, no push-mapping event) that names the group, or
 *       that names no group at all, was seen later than {@link #MARGIN} before that read began
 *       (okta-groups' own writes included: their events make the next scoped read read again);
 *   <li>the group's {@code appsCount} (or {@code groupPushMappingsCount}) is what it was.
 * </ul>
 *
 * An event seen before the read began describes a change the read already saw; the margin covers
 * Okta's list index, which lags writes by "typically under a second". Anything else costs the reads
 * a scoped read always made. Thread-safe: the log is polled on its own thread.
 */
final class DetailCache {
  /** How far before a read began an event must have been seen for the read to include it. */
  static final Duration MARGIN = Duration.ofSeconds(5);

  /** A log poll older than this no longer vouches for anything. */
  static final Duration FRESH = Duration.ofSeconds(15);

  /** Which of a group's details an event speaks of. */
  enum Kind {
    ASSIGNMENTS,
    PUSH
  }

  /** One detail as read at {@code readAt}, with the group's count of its kind then. */
  private record Entry(Instant readAt, int count, Object value) {}

  private record Key(Kind kind, String groupId, String appId) {}

  private final Map<Key, Entry> entries = new HashMap<>(); // guarded by this
  private Optional<Instant> coveredFrom = Optional.empty(); // guarded by this
  private Instant polledAt = Instant.MIN; // guarded by this
  private final Map<Kind, Map<String, Instant>> seen = new HashMap<>(); // guarded by this
  private final Map<Kind, Instant> seenUnnamed = new HashMap<>(); // guarded by this

  /** A full read that began at {@code readAt}, with each group's stamps. */
  synchronized void remember(
      ActualState state, Map<String, ReadCache.Stamp> stamps, Instant readAt) {
    entries.clear();
    stamps.forEach(
        (gid, stamp) -> {
          state
              .assignments()
              .forEach(
                  (app, of) ->
                      entries.put(
                          new Key(Kind.ASSIGNMENTS, gid, app),
                          new Entry(readAt, stamp.appsCount(), Optional.ofNullable(of.get(gid)))));
          state
              .mappings()
              .forEach(
                  (app, ms) ->
                      entries.put(
                          new Key(Kind.PUSH, gid, app),
                          new Entry(
                              readAt,
                              stamp.pushMappingsCount(),
                              ms.stream().filter(m -> m.sourceGroupId().equals(gid)).toList())));
        });
  }

  /** A scoped read's read, begun at {@code readAt}, of one group's assignment to one app. */
  synchronized void rememberAssignment(
      String groupId,
      String appId,
      int appsCount,
      Optional<ActualState.Assignment> a,
      Instant readAt) {
    entries.put(new Key(Kind.ASSIGNMENTS, groupId, appId), new Entry(readAt, appsCount, a));
  }

  /** A scoped read's read, begun at {@code readAt}, of one group's push mappings on one app. */
  synchronized void rememberMappings(
      String groupId,
      String appId,
      int pushMappingsCount,
      List<ActualState.Mapping> ms,
      Instant readAt) {
    entries.put(
        new Key(Kind.PUSH, groupId, appId), new Entry(readAt, pushMappingsCount, List.copyOf(ms)));
  }

  /**
   * A poller took a new cursor with a request sent at {@code sent}, and saw the {@code events}
   * stored since {@code from}: from here on, every event stored after {@code from} is seen. These
   * backlog events count as seen when Okta says they happened ({@code published}), not when this
   * poll returned: a read that began after them saw them. Okta's clock against this machine's is
   * covered by {@link #MARGIN}; an event without a readable time counts as just seen.
   */
  synchronized void began(
      Instant from, Instant sent, Instant seenAt, List<LogPoller.Event> events) {
    coveredFrom = Optional.of(from);
    polledAt = sent;
    for (LogPoller.Event e : events) {
      note(e, e.published().isBefore(seenAt) ? e.published() : seenAt);
    }
  }

  /**
   * A poll sent at {@code sent} (so every event stored before then is seen) returned {@code events}
   * at {@code seenAt}.
   */
  synchronized void polled(Instant sent, Instant seenAt, List<LogPoller.Event> events) {
    polledAt = sent;
    for (LogPoller.Event e : events) {
      note(e, seenAt);
    }
  }

  private void note(LogPoller.Event e, Instant at) {
    Optional<Kind> kind = kind(e.eventType());
    if (kind.isEmpty()) {
      return;
    }
    List<String> groups = e.ids("UserGroup");
    if (groups.isEmpty()) {
      seenUnnamed.merge(kind.get(), at, (a, b) -> a.isAfter(b) ? a : b);
    }
    for (String g : groups) {
      seen.computeIfAbsent(kind.get(), k -> new HashMap<>())
          .merge(g, at, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /** The cursor was refused: events may have been missed, so nothing is vouched for until anew. */
  synchronized void lost() {
    coveredFrom = Optional.empty();
  }

  /** The remembered assignment of {@code groupId} to {@code appId}, when it may be trusted. */
  @SuppressWarnings("unchecked")
  synchronized Optional<Optional<ActualState.Assignment>> assignment(
      String groupId, String appId, int appsCount, Instant now) {
    return vouched(new Key(Kind.ASSIGNMENTS, groupId, appId), appsCount, now)
        .map(v -> (Optional<ActualState.Assignment>) v);
  }

  /**
   * The remembered push mappings from {@code groupId} on {@code appId}, when they may be trusted.
   */
  @SuppressWarnings("unchecked")
  synchronized Optional<List<ActualState.Mapping>> mappings(
      String groupId, String appId, int pushMappingsCount, Instant now) {
    return vouched(new Key(Kind.PUSH, groupId, appId), pushMappingsCount, now)
        .map(v -> (List<ActualState.Mapping>) v);
  }

  private Optional<Object> vouched(Key key, int count, Instant now) {
    Entry e = entries.get(key);
    if (e == null || e.count() != count || coveredFrom.isEmpty()) {
      return Optional.empty();
    }
    Instant edge = e.readAt().minus(MARGIN);
    boolean covered = !coveredFrom.get().isAfter(edge);
    boolean fresh = !polledAt.isBefore(now.minus(FRESH));
    Instant named =
        seen.getOrDefault(key.kind(), Map.of()).getOrDefault(key.groupId(), Instant.MIN);
    Instant unnamed = seenUnnamed.getOrDefault(key.kind(), Instant.MIN);
    boolean quiet = !named.isAfter(edge) && !unnamed.isAfter(edge);
    return covered && fresh && quiet ? Optional.of(e.value()) : Optional.empty();
  }

  private static Optional<Kind> kind(String eventType) {
    if (eventType.startsWith("group.application_assignment.")) {
      return Optional.of(Kind.ASSIGNMENTS);
    }
    if (eventType.startsWith("application.provision.group_push.")) {
      return Optional.of(Kind.PUSH);
    }
    return Optional.empty();
  }
}
