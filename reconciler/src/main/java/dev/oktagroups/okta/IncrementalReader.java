package dev.oktagroups.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.state.ActualState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads what changed since the last read, and trusts the rest to the read cache. With a warm cache
 * a read lists every group once (with their stats, which also shows which are gone), every rule (no
 * event reports an admin's rule edits), each push app's mappings updated since the cached read (the
 * {@code lastUpdated} filter) and the group schema, polls the System Log from the cache's cursor,
 * and then re-reads only: the members of groups whose {@code lastMembershipUpdated} or member count
 * moved or that a membership event names; the assignments of groups whose {@code appsCount} moved
 * or that an assignment event names; the push mappings of groups whose {@code
 * groupPushMappingsCount} moved or that a filtered mapping or a push event names ({@link
 * PushDeltas}); and the people a user event names. Everything else comes from the cache.
 *
 * <p>Correctness comes first: any doubt (no cache, an old or foreign one, a refused cursor, {@code
 * --full-read}) makes the read a full one, and a change shows in more than one signal, so a signal
 * that lags (Okta's list index is eventually consistent) is covered by another. The cursor is taken
 * before anything is read, so a change made during a read is seen again by the next.
 */
public final class IncrementalReader implements OktaReader {
  /** Okta keeps the System Log this long; a cursor older than that may have lost events. */
  static final Duration LOG_RETENTION = Duration.ofDays(90);

  /**
   * Where the cache lives and when not to trust it.
   *
   * @param stateDir the directory of the read cache
   * @param maxAge a cache older than this is ignored (capped below the log's retention)
   * @param fullRead ignore the cache this time (it is still written)
   */
  public record Settings(Path stateDir, Duration maxAge, boolean fullRead) {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
  }

  private final OktaStateReader full;
  private final LogPoller log;
  private final Deltas deltas;
  private final String orgUrl;
  private final Settings settings;
  private final Clock clock;

  IncrementalReader(OktaStateReader full, String orgUrl, Settings settings, Clock clock) {
    this.full = full;
    this.log = new LogPoller(full.lists());
    this.deltas = new Deltas(full);
    this.orgUrl = orgUrl;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public ActualState read(Plan.Scope scope, Consumer<String> progress) {
    if (scope.scoped()) {
      // A scoped plan's read is already a handful of requests, and it sees only a few groups:
      // it neither needs the cache nor may replace it.
      return full.read(scope, progress);
    }
    Instant started = clock.instant();
    Optional<ReadCache> cache = usable(started, progress);
    Optional<LogPoller.Polled> polled = cache.flatMap(c -> log.poll(c.logAfter(), progress));
    Optional<String> after;
    if (cache.isPresent() && polled.isPresent()) {
      after = Optional.of(polled.get().after());
    } else {
      after = startCursor(started, progress);
      if (cache.isPresent()) {
        progress.accept("full read: the cache's log cursor cannot be followed");
      }
      cache = Optional.empty();
    }
    Deltas.Result r =
        deltas.read(scope, cache, polled.map(LogPoller.Polled::events).orElse(List.of()), progress);
    after.ifPresent(a -> save(r, a, started, progress));
    return r.state();
  }

  /** The cache, when it may be trusted; says why not, and which read runs. */
  private Optional<ReadCache> usable(Instant now, Consumer<String> progress) {
    if (settings.fullRead()) {
      progress.accept("full read: --full-read");
      return Optional.empty();
    }
    List<String> notices = new ArrayList<>();
    Optional<ReadCache> c = ReadCache.load(settings.stateDir(), orgUrl, notices::add);
    if (c.isEmpty()) {
      progress.accept("full read: " + String.join("; ", notices));
      return c;
    }
    Duration bound =
        settings.maxAge().compareTo(LOG_RETENTION) < 0
            ? settings.maxAge()
            : LOG_RETENTION.minusDays(1);
    Duration age = c.get().age(now);
    if (age.compareTo(bound) > 0 || age.isNegative()) {
      progress.accept(
          "full read: the read cache is "
              + age.toMinutes()
              + " minutes old, more than the bound of "
              + bound.toMinutes()
              + " (--max-cache-age, or readCache.maxAge in okta-groups.yaml)");
      return Optional.empty();
    }
    progress.accept(
        "incremental read: read cache from "
            + age.toSeconds()
            + " s ago in "
            + settings.stateDir());
    return c;
  }

  /** A cursor for the next read, or none when the log cannot be read (then no cache is kept). */
  private Optional<String> startCursor(Instant now, Consumer<String> progress) {
    try {
      return Optional.of(log.start(now));
    } catch (OktaFailure f) {
      if (f.status() == 403 || f.status() == 404) {
        progress.accept(
            "cannot read the System Log ("
                + f.detail()
                + "); every read will be a full one. A service app needs okta.logs.read.");
        return Optional.empty();
      }
      throw f;
    }
  }

  private void save(Deltas.Result r, String after, Instant started, Consumer<String> progress) {
    full.details().remember(r.state(), r.stamps(), started);
    ReadCache c =
        ReadCache.of(
            orgUrl,
            r.orgIdentity(),
            started.toString(),
            after,
            r.mappingsAt(),
            r.stamps(),
            r.state());
    try {
      c.save(settings.stateDir());
    } catch (IOException | RuntimeException e) {
      // Only the next read's cost depends on the cache; this one's answer stands.
      progress.accept(
          "cannot write the read cache in " + settings.stateDir() + ": " + e.getMessage());
    }
  }

  /** The groups of a group list, by id, with their stamps. */
  static Map<String, ReadCache.Stamp> stamps(List<JsonNode> nodes) {
    Map<String, ReadCache.Stamp> out = new LinkedHashMap<>();
    for (JsonNode g : nodes) {
      JsonNode s = g.path("_embedded").path("stats");
      out.put(
          g.path("id").asText(),
          new ReadCache.Stamp(
              g.path("lastUpdated").asText(),
              g.path("lastMembershipUpdated").asText(),
              s.path("usersCount").asInt(-1),
              s.path("appsCount").asInt(-1),
              s.path("groupPushMappingsCount").asInt(-1)));
    }
    return out;
  }

  /** Ids in a stable order, for reading them. */
  static List<String> sorted(Set<String> ids) {
    return new ArrayList<>(new TreeSet<>(ids));
  }

  static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }
}
