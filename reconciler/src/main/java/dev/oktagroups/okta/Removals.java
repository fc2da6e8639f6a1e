package dev.oktagroups.okta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Members Okta removed from groups, as the System Log reports them ({@code
 * group.user_membership.remove}), polled from a cursor. The watcher uses it to notice at once that
 * a hybrid group's exception was taken away: Okta turns an exception whose profile starts to match
 * the rule into a rule member, and removes them when it stops matching, although the manifest still
 * names them. Only a re-add restores them, so every second until then is time without access.
 *
 * <p>Not thread-safe: one poller, one thread.
 */
public final class Removals {
  /** A member removed from a group. */
  public record Removal(String groupId, String groupName, String userId) {}

  /**
   * The part of okta-groups' System Log allowance these polls may use. The rest is left for the
   * reads that poll the log from their own cursors: a watcher's start takes two cursors and pages
   * through a backlog, and each drift check polls again. With two thirds, a slow start pushed one
   * minute's log requests up to the share, and the polls stalled until the window turned.
   */
  static final double POLL_FRACTION = 0.5;

  private final Calls calls;
  private final LogPoller log;
  private final ScopedRead groups;
  private final Clock clock;
  private final DetailCache details;
  private Optional<String> after = Optional.empty();

  Removals(OktaStateReader reader, Clock clock, DetailCache details) {
    this.calls = reader.lists().calls();
    this.log = new LogPoller(reader.lists());
    this.groups = new ScopedRead(reader.lists(), Map::of, Map::of);
    this.clock = clock;
    this.details = details;
  }

  /**
   * The shortest gap between polls that keeps them within {@link #POLL_FRACTION} of the log
   * bucket's allowance under the rate-limit share, spread over each window; zero until Okta has
   * said the bucket's limit. At a share of 0.3 of one token's 60 a minute, one poll every 6.7 s.
   */
  public Duration spacing() {
    return calls.pacer().spacing("GET /api/v1/logs", POLL_FRACTION);
  }

  /**
   * The removals logged since the last poll; the first poll only takes a cursor. A refused cursor
   * (expired, or the credentials may not read the log) starts a new one, and {@code notice} hears
   * why.
   *
   * @throws dev.oktagroups.port.OktaFailure when Okta cannot be reached
   */
  public List<Removal> poll(Consumer<String> notice) {
    Instant now = clock.instant();
    if (after.isEmpty()) {
      LogPoller.Polled first = log.begin(now);
      // The same poll tells scoped reads which groups' assignments and mappings moved.
      details.began(now.minus(LogPoller.START_MARGIN), now, clock.instant(), first.events());
      after = Optional.of(first.after());
      return List.of();
    }
    Optional<LogPoller.Polled> polled = log.poll(after.get(), notice);
    if (polled.isEmpty()) {
      details.lost();
      after = Optional.empty();
      return List.of();
    }
    details.polled(now, clock.instant(), polled.get().events());
    after = Optional.of(polled.get().after());
    List<Removal> out = new ArrayList<>();
    for (LogPoller.Event e : polled.get().events()) {
      if (!e.eventType().equals("group.user_membership.remove")) {
        continue;
      }
      for (String gid : e.ids("UserGroup")) {
        String name = groups.group(gid).map(g -> g.name()).orElse("");
        for (String uid : e.ids("User")) {
          out.add(new Removal(gid, name, uid));
        }
      }
    }
    return out;
  }
}
