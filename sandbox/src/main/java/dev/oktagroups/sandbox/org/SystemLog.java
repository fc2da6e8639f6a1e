package dev.oktagroups.sandbox.org;

import dev.oktagroups.sandbox.expr.Filter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The org's System Log: the events Okta writes for the changes okta-groups cares about, in the
 * order Okta stored them. An event is published when the change happens and stored after the
 * delivery delay ({@link Settings#logDeliveryDelay}), so a late event lands after events published
 * later than it, as in Okta, and a polling client that follows its cursor still sees it.
 *
 * <p>Called under the org lock. Retention is {@link #RETENTION}: older events are never returned,
 * and a cursor that points at one is refused.
 */
public final class SystemLog {
  /** How long Okta keeps events. */
  public static final Duration RETENTION = Duration.ofDays(90);

  /** How far back {@code since} may reach. */
  public static final Duration MAX_SINCE = Duration.ofDays(180);

  /** Who did it: the admin behind the API token, or Okta itself (rules, push). */
  public record Actor(String id, String type, String alternateId, String displayName) {
    public static final Actor ADMIN =
        new Actor("00u0000000000admin0", "User", "admin@sandbox.okta", "Sandbox Admin");
    public static final Actor SYSTEM =
        new Actor("0oa0000000000system", "SystemPrincipal", "system@okta.com", "Okta System");
  }

  /** One target of an event. */
  public record Target(String id, String type, String alternateId, String displayName) {}

  /** One event, as stored; {@code position} is its place in storage order once stored. */
  public record Event(
      String uuid,
      Instant published,
      Instant storedAt,
      String eventType,
      String displayMessage,
      Actor actor,
      List<Target> targets) {}

  /** Events of one read and where the next read starts. */
  public record Slice(List<Event> events, int next) {}

  private final SandboxClock clock;
  private final Settings settings;
  private final List<Event> stored = new ArrayList<>();
  private final PriorityQueue<Event> pending =
      new PriorityQueue<>((a, b) -> a.storedAt().compareTo(b.storedAt()));
  private long sequence;
  private boolean muted;

  SystemLog(SandboxClock clock, Settings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  /** Runs {@code work} without logging: seeding builds an org's history before the log window. */
  <T> T muted(java.util.function.Supplier<T> work) {
    boolean was = muted;
    muted = true;
    try {
      return work.get();
    } finally {
      muted = was;
    }
  }

  /** Records an event the admin's request caused. */
  void admin(String eventType, String message, Target... targets) {
    write(eventType, message, Actor.ADMIN, targets);
  }

  /** Records an event Okta caused on its own (rule evaluation, push). */
  void system(String eventType, String message, Target... targets) {
    write(eventType, message, Actor.SYSTEM, targets);
  }

  private void write(String eventType, String message, Actor actor, Target... targets) {
    if (muted) {
      return;
    }
    Instant now = clock.now();
    Duration delay = settings.logDeliveryDelay;
    Instant storedAt = delay.isNegative() || delay.isZero() ? now : now.plus(clock.real(delay));
    // Okta's uuids are random; a counter keeps the org's ids (and so its seed) unaffected.
    String uuid = new UUID(0x0c7a_5a4d_b0c5_11efL, ++sequence).toString();
    Event e = new Event(uuid, now, storedAt, eventType, message, actor, List.of(targets));
    if (storedAt.equals(now)) {
      promote(now);
      stored.add(e);
    } else {
      pending.add(e);
    }
  }

  /** Moves events whose delivery delay has passed into storage, in the order they arrive. */
  private void promote(Instant now) {
    while (!pending.isEmpty() && !pending.peek().storedAt().isAfter(now)) {
      stored.add(pending.poll());
    }
  }

  /**
   * Polling: the stored events from {@code from} on (a position from an earlier slice), or from the
   * first stored at or after {@code since}; at most {@code limit} matching ones.
   */
  public Slice poll(Optional<Integer> from, Instant since, Predicate<Event> match, int limit) {
    Instant now = clock.now();
    promote(now);
    int i = from.orElseGet(() -> firstStoredAtOrAfter(since));
    Instant horizon = now.minus(RETENTION);
    List<Event> out = new ArrayList<>();
    for (; i < stored.size() && out.size() < limit; i++) {
      Event e = stored.get(i);
      if (!e.published().isBefore(horizon) && match.test(e)) {
        out.add(e);
      }
    }
    return new Slice(out, i);
  }

  /** Bounded reads: stored events published in [since, until), in published order. */
  public List<Event> bounded(Instant since, Instant until, Predicate<Event> match) {
    Instant now = clock.now();
    promote(now);
    Instant from = since.isBefore(now.minus(RETENTION)) ? now.minus(RETENTION) : since;
    return stored.stream()
        .filter(e -> !e.published().isBefore(from) && e.published().isBefore(until))
        .filter(match)
        .sorted((a, b) -> a.published().compareTo(b.published()))
        .toList();
  }

  /** Whether a polling position was handed out and still lies within retention. */
  public boolean validPosition(int position) {
    if (position < 0 || position > stored.size()) {
      return false;
    }
    return position == 0
        || !stored.get(position - 1).published().isBefore(clock.now().minus(RETENTION));
  }

  /**
   * The events a System Log {@code filter} selects: {@code eventType}, {@code uuid}, {@code
   * published}, {@code actor.id}, {@code target.id} and {@code target.type} (true when any target
   * matches), with the SCIM operators of {@link Filter}.
   *
   * @throws OktaError 400 E0000031 on a bad expression or another attribute
   */
  public static Predicate<Event> matcher(Optional<String> filter) {
    if (filter.isEmpty()) {
      return e -> true;
    }
    Filter f = Pages.parseFilter(filter.get());
    for (Filter.Condition c : f.conditions()) {
      if (!FILTERABLE.contains(c.path())) {
        throw OktaError.badSearch("Invalid filter: unsupported attribute " + c.path());
      }
    }
    return e -> f.test(path -> path(e, path));
  }

  private static final java.util.Set<String> FILTERABLE =
      java.util.Set.of("eventType", "uuid", "published", "actor.id", "target.id", "target.type");

  private static Object path(Event e, String path) {
    return switch (path) {
      case "eventType" -> e.eventType();
      case "uuid" -> e.uuid();
      case "published" -> Views.ts(e.published());
      case "actor.id" -> e.actor().id();
      case "target.id" -> e.targets().stream().map(Target::id).toList();
      case "target.type" -> e.targets().stream().map(Target::type).toList();
      default -> null;
    };
  }

  private int firstStoredAtOrAfter(Instant since) {
    int lo = 0;
    int hi = stored.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (stored.get(mid).storedAt().isBefore(since)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Every stored event, in storage order; for tests and the control API. */
  public List<Event> all() {
    promote(clock.now());
    return List.copyOf(stored);
  }

  // ---- target shapes

  static Target user(User u) {
    Object first = u.profile.get("firstName");
    Object last = u.profile.get("lastName");
    return new Target(u.id, "User", String.valueOf(u.profile.get("login")), first + " " + last);
  }

  static Target group(Group g) {
    // Okta sends "unknown" as a group's alternateId in the recordings of group events.
    return new Target(g.id, "UserGroup", "unknown", g.name());
  }

  static Target app(App a) {
    return new Target(a.id, "AppInstance", a.label, a.label);
  }

  static Target rule(Rule r) {
    return new Target(r.id, "PolicyRule", "unknown", r.name);
  }

  static Target mapping(PushMapping m) {
    return new Target(m.id, "GroupPushMapping", "unknown", m.id);
  }
}
