package dev.oktagroups.okta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacerTest {
  private static final String LOGS = "GET /api/v1/logs";

  /** Sends one request and answers it with Okta's rate-limit headers for a 60-a-minute bucket. */
  private static void answer(Pacer p, String endpoint, int limit) {
    p.acquire(endpoint, () -> false);
    long reset = System.currentTimeMillis() / 1000 + 60;
    p.answered(
        endpoint,
        Map.of(
            "X-Rate-Limit-Limit", List.of(String.valueOf(limit)),
            "X-Rate-Limit-Remaining", List.of(String.valueOf(limit - 1)),
            "X-Rate-Limit-Reset", List.of(String.valueOf(reset))));
  }

  @Test
  void aPollerSpreadsItsPartOfTheShareOverTheMinute() {
    Pacer p = new Pacer();
    p.share(0.3);
    answer(p, LOGS, 60);
    // 0.3 of 60 is 18 a minute; two thirds of that is 12, one every 5 s.
    assertEquals(Duration.ofSeconds(5), p.spacing(LOGS, 2.0 / 3));
    // All of it: 18 a minute, one every 3.33 s.
    assertEquals(Duration.ofMinutes(1).dividedBy(18), p.spacing(LOGS, 1));
  }

  @Test
  void withoutAShareThePollerSpreadsItsPartOfTheWholeLimit() {
    Pacer p = new Pacer();
    answer(p, LOGS, 60);
    assertEquals(Duration.ofMillis(1500), p.spacing(LOGS, 2.0 / 3));
  }

  @Test
  void anUnknownLimitImposesNoGap() {
    Pacer p = new Pacer();
    p.share(0.3);
    assertEquals(Duration.ZERO, p.spacing(LOGS, 2.0 / 3));
    p.acquire(LOGS, () -> false); // sent, not yet answered: the limit is still unknown
    assertEquals(Duration.ZERO, p.spacing(LOGS, 2.0 / 3));
  }

  @Test
  void eachBucketHasItsOwnSpacing() {
    Pacer p = new Pacer();
    p.share(0.5);
    answer(p, LOGS, 60);
    answer(p, "GET /api/v1/groups", 250);
    assertEquals(Duration.ofMillis(2000), p.spacing(LOGS, 1));
    assertEquals(Duration.ofMillis(480), p.spacing("GET /api/v1/groups", 1));
    assertEquals(Duration.ZERO, p.spacing("GET /api/v1/apps/{id}/groups", 1));
  }

  @Test
  void aPollerAlwaysGetsAtLeastOneRequestAMinute() {
    Pacer p = new Pacer();
    p.share(0.01);
    answer(p, LOGS, 60);
    assertEquals(Duration.ofMinutes(1), p.spacing(LOGS, 2.0 / 3));
  }
}
