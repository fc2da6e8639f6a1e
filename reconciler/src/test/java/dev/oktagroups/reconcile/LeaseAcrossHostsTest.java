package dev.oktagroups.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.okta.OktaConnection;
import dev.oktagroups.port.OrgLease;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.SandboxConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease in Okta (the sandbox) between writers on different hosts: a holder on another host that
 * stops renewing loses the lease two minutes after its last renewal, and one that renews keeps it.
 * Both writers see time through a clock that runs 60 times faster, so two minutes pass in two
 * seconds.
 */
class LeaseAcrossHostsTest {
  private static final String OTHER_HOST = "apply on ci-runner-7.example.net (pid 4242)";
  private static final Duration TTL = Duration.ofMinutes(2);

  /** Real time, 60 times faster: an Okta-side minute in a second. */
  static final class FastClock extends Clock {
    private final Instant base = Instant.now();
    private final long t0 = System.nanoTime();

    @Override
    public Instant instant() {
      return base.plusNanos((System.nanoTime() - t0) * 60);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private Sandbox sandbox;
  private FastClock clock;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(SandboxConfig.defaults().withRateLimits(false));
    // A cold SDK's first calls take seconds, minutes of the fast clock: warm it up first.
    Lease.take(
            handle(),
            "warm-up",
            Lease.Settings.waitingUpTo(Duration.ofSeconds(5)),
            Clock.systemUTC(),
            () -> false,
            l -> {})
        .close();
    clock = new FastClock();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private OrgLease handle() {
    return OktaConnection.connect(sandbox.url(), new OktaConnection.ApiToken(sandbox.token()))
        .lease();
  }

  private List<String> leaseHolders() {
    List<String> out = new ArrayList<>();
    for (JsonNode g : sandbox.views().export().path("groups")) {
      if ("okta-groups-lease".equals(g.path("profile").path("name").asText())) {
        out.add(g.path("profile").path("description").asText());
      }
    }
    return out;
  }

  /** The other host's writer: renewing every {@code renewEvery} of real time. */
  private Lease otherHost(Duration renewEvery) {
    return Lease.take(
        handle(),
        OTHER_HOST,
        new Lease.Settings(Duration.ofMinutes(1), TTL, Duration.ofMillis(50), renewEvery),
        clock,
        () -> false,
        l -> {});
  }

  @Test
  void aLeaseNotRenewedForTwoMinutesIsBrokenAndTheSecondWriterTakesIt() {
    // A host cut off from Okta: it took the lease and never renews it again.
    Instant expires = clock.instant().plus(TTL);
    Lease cutOff = otherHost(Duration.ofHours(1));
    List<String> said = new ArrayList<>();
    String me = Lease.holder("apply");
    try (Lease mine =
        Lease.take(
            handle(),
            me,
            new Lease.Settings(Duration.ofMinutes(5), TTL, Duration.ofMillis(50)),
            clock,
            () -> false,
            said::add)) {
      Instant took = clock.instant();
      assertFalse(took.isBefore(expires), "broken before its expiry: " + took + " < " + expires);
      assertTrue(took.isBefore(expires.plusSeconds(30)), "taken long after its expiry: " + took);
      assertEquals(
          List.of(
              "waiting for the apply lease held by " + OTHER_HOST,
              "breaking the stale lease of " + OTHER_HOST),
          said);
      List<String> holders = leaseHolders();
      assertEquals(1, holders.size(), holders.toString());
      assertTrue(holders.get(0).contains("held by " + me + " until"), holders.toString());
      assertTrue(cutOff.lost(), "the cut-off host knows by its own clock that it lost the lease");
      assertFalse(mine.lost());
    }
    assertEquals(List.of(), leaseHolders(), "released");
  }

  @Test
  void aLeaseThatIsRenewedIsNeverBroken() {
    // 40 s of the fast clock: the holder renews three times per ttl, as Lease does by default.
    try (Lease renewing = otherHost(Duration.ofMillis(40_000 / 60))) {
      long t0 = System.nanoTime();
      Lease.Busy busy =
          assertThrows(
              Lease.Busy.class,
              () ->
                  Lease.take(
                      handle(),
                      Lease.holder("apply"),
                      new Lease.Settings(Duration.ofMinutes(5), TTL, Duration.ofMillis(50)),
                      clock,
                      () -> false,
                      l -> {}));
      assertTrue(
          System.nanoTime() - t0 >= Duration.ofMillis(4900).toNanos(),
          "five minutes of the fast clock passed, more than two ttls");
      assertEquals(OTHER_HOST, busy.holder());
      assertFalse(renewing.lost());
      List<String> holders = leaseHolders();
      assertEquals(1, holders.size(), holders.toString());
      assertTrue(holders.get(0).contains("held by " + OTHER_HOST), holders.toString());
    }
  }

  /**
   * The lease already names this writer: the answer to its create was lost, and the look at the
   * outcome came before Okta's search showed it. It is this writer's, taken at once, not waited for
   * until it expires (the holder is a live process on this host, so it would never be broken).
   */
  @Test
  void aLeaseThatNamesThisWriterIsTakenAtOnce() {
    String me = Lease.holder("apply");
    Instant until = clock.instant().plus(TTL);
    sandbox
        .org()
        .locked(
            () ->
                sandbox
                    .org()
                    .createGroup(
                        Map.of(
                            "name",
                            "okta-groups-lease",
                            "description",
                            "okta-groups apply lease: held by " + me + " until " + until)));
    long t0 = System.nanoTime();
    try (Lease mine =
        Lease.take(
            handle(),
            me,
            new Lease.Settings(Duration.ofSeconds(10), TTL, Duration.ofMillis(50)),
            clock,
            () -> false,
            l -> {})) {
      assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(3).toNanos(), "taken at once");
      assertEquals(1, leaseHolders().size(), leaseHolders().toString());
    }
    assertEquals(List.of(), leaseHolders(), "released: it was taken as ours");
  }
}
