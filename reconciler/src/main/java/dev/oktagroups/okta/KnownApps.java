package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.port.OktaFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of the catalog's apps Okta has, for scoped reads, which do not list every app's assignments
 * and so cannot see a deleted app on the way. Each app is looked up by id, in the large per-app
 * bucket, at most once per {@link #TTL} per connection: an app deleted meanwhile only makes an
 * apply fail until the next check or the next full read says so.
 */
final class KnownApps {
  /** How long an answer is trusted. */
  static final Duration TTL = Duration.ofMinutes(10);

  private static final TypeReference<JsonNode> NODE = new TypeReference<>() {};

  private final Clock clock;
  private Set<String> checked = Set.of(); // guarded by this
  private Set<String> missing = Set.of(); // guarded by this
  private Instant checkedAt = Instant.MIN; // guarded by this

  KnownApps(Clock clock) {
    this.clock = clock;
  }

  /** The apps of {@code catalog} that Okta does not have. */
  synchronized Set<String> missing(Lists lists, Set<String> catalog) {
    Instant now = clock.instant();
    if (checked.equals(catalog) && now.isBefore(checkedAt.plus(TTL))) {
      return missing;
    }
    Set<String> out = new TreeSet<>();
    for (String appId : new TreeSet<>(catalog)) {
      String path = "/api/v1/apps/" + lists.calls().client().escapeString(appId);
      try {
        lists
            .calls()
            .run(
                "GET /api/v1/apps/{id}",
                Calls.Retry.IDEMPOTENT,
                () -> lists.invoke(path, "GET", Map.of(), null, NODE));
      } catch (OktaFailure f) {
        if (f.status() != 404) {
          throw f;
        }
        out.add(appId);
      }
    }
    missing = Set.copyOf(out);
    checked = Set.copyOf(catalog);
    checkedAt = now;
    return missing;
  }
}
