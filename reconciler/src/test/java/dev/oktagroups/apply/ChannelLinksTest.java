package dev.oktagroups.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.plan.ChannelLinkChange;
import dev.oktagroups.port.SlackFailure;
import dev.oktagroups.port.SlackWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A link waits for Okta's push to create its user group, and says where to look if it never does.
 */
class ChannelLinksTest {
  /** A Slack whose user group appears after {@code lookups} looks, or never (-1). */
  static final class Fake implements SlackWriter {
    final int appearsAfter;
    final Duration wait;
    final List<String> calls = new ArrayList<>();
    int looks;
    long rateLimited;

    Fake(int appearsAfter, Duration wait) {
      this.appearsAfter = appearsAfter;
      this.wait = wait;
    }

    @Override
    public Optional<String> userGroup(String appId, String handle) {
      looks++;
      calls.add("usergroups.list");
      return appearsAfter >= 0 && looks > appearsAfter ? Optional.of("S1") : Optional.empty();
    }

    @Override
    public void link(String appId, String userGroupId, String channelId) {
      calls.add("link " + userGroupId + " " + channelId);
    }

    @Override
    public void unlink(String appId, String userGroupId, String channelId) {
      calls.add("unlink " + userGroupId + " " + channelId);
    }

    @Override
    public Duration userGroupWait() {
      return wait;
    }

    @Override
    public long requests() {
      return calls.size();
    }

    @Override
    public long rateLimited() {
      return rateLimited;
    }
  }

  private final ExecutorTest.Recorder okta = new ExecutorTest.Recorder();
  private final List<String> progress = new ArrayList<>();

  private void run(ChannelLinkChange c, Fake slack) {
    ChannelLinks.run(c, slack, okta, Optional.of("00g1"), progress::add);
  }

  private long mappingLooks() {
    return okta.calls.stream().filter(x -> x.startsWith("mappingStatus")).count();
  }

  static ChannelLinkChange newGroupLink() {
    return ChannelLinkChange.link(
        "push.slack.div.security",
        "security",
        "new",
        Optional.empty(),
        "0oa1slack",
        "div.security",
        Optional.empty(),
        "C1");
  }

  @Test
  void aLinkWaitsUntilOktasPushHasCreatedTheUserGroup() {
    Fake slack = new Fake(2, Duration.ofSeconds(10));
    run(newGroupLink(), slack);
    assertEquals(3, slack.looks);
    assertEquals("link S1 C1", slack.calls.get(slack.calls.size() - 1));
    assertEquals(List.of("mappingStatus 0oa1slack 00g1"), okta.calls);
  }

  @Test
  void aUserGroupThatNeverAppearsStopsTheLinkWithAMessageNamingTheMapping() {
    Fake slack = new Fake(-1, Duration.ofMillis(700));
    long t0 = System.nanoTime();
    SlackFailure f = assertThrows(SlackFailure.class, () -> run(newGroupLink(), slack));
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "it gives up in time");
    assertTrue(slack.looks >= 2, "it looked more than once");
    assertTrue(f.detail().contains("Slack has no user group @div.security"), f.detail());
    assertTrue(
        f.detail().contains("push mapping of push.slack.div.security to app 0oa1slack"),
        f.detail());
    assertTrue(f.detail().contains("ACTIVE"), f.detail());
    assertTrue(slack.calls.stream().noneMatch(x -> x.startsWith("link")), "nothing was linked");
  }

  @Test
  void aKnownUserGroupIsLinkedAndUnlinkedWithoutLooking() {
    Fake slack = new Fake(-1, Duration.ofMillis(1));
    run(
        ChannelLinkChange.unlink(
            "push.slack.div.security",
            "#random",
            "hand-made",
            Optional.of("00g1"),
            "0oa1slack",
            "div.security",
            "S9",
            "C2"),
        slack);
    assertEquals(0, slack.looks);
    assertEquals(List.of("unlink S9 C2"), slack.calls);
    assertEquals(0, mappingLooks(), "a known user group needs no look at the mapping");
  }

  @Test
  void aLinkWaitsForThePushMappingToBeActiveBeforeLookingInSlack() {
    okta.mappingLooks.clear();
    okta.mappingLooks.addAll(List.of("missing", "INACTIVE", "ACTIVE"));
    Fake slack = new Fake(0, Duration.ofSeconds(10));
    run(newGroupLink(), slack);
    assertEquals(3, mappingLooks());
    assertEquals(List.of("usergroups.list", "link S1 C1"), slack.calls);
  }

  @Test
  void aMappingThatNeverBecomesActiveStopsTheLinkNamingTheMapping() {
    okta.mappingLooks.clear();
    okta.mappingLooks.add("INACTIVE");
    Fake slack = new Fake(0, Duration.ofMillis(700));
    long t0 = System.nanoTime();
    SlackFailure f = assertThrows(SlackFailure.class, () -> run(newGroupLink(), slack));
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "it gives up in time");
    assertTrue(mappingLooks() >= 2, "it looked more than once");
    assertTrue(
        f.detail()
            .startsWith(
                "Okta's push mapping of push.slack.div.security to app 0oa1slack is INACTIVE,"
                    + " not ACTIVE"),
        f.detail());
    assertEquals(List.of(), slack.calls, "Slack was neither asked nor linked");
  }

  @Test
  void aMappingInErrorStopsTheLinkAtOnce() {
    okta.mappingLooks.clear();
    okta.mappingLooks.add("ERROR");
    Fake slack = new Fake(0, Duration.ofSeconds(30));
    long t0 = System.nanoTime();
    SlackFailure f = assertThrows(SlackFailure.class, () -> run(newGroupLink(), slack));
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 2_000, "it does not wait for ERROR to pass");
    assertTrue(f.detail().contains("is ERROR, not ACTIVE"), f.detail());
    assertEquals(List.of(), slack.calls);
  }

  @Test
  void theApplyReportCountsSlackCallsApartFromOktas() {
    Fake slack = new Fake(0, Duration.ofSeconds(10));
    slack.rateLimited = 1;
    Executor.Report r =
        Executor.execute(
            ExecutorTest.plan(
                List.of(
                    ChannelLinkChange.link(
                        "push.slack.div.security",
                        "security",
                        "new",
                        Optional.of("00g1"),
                        "0oa1slack",
                        "div.security",
                        Optional.empty(),
                        "C1"))),
            okta,
            slack,
            line -> {},
            1,
            () -> false);
    assertEquals(1, r.count(Executor.Status.APPLIED), r.text());
    assertEquals(new Executor.SlackCalls(2, 1), r.slack());
    assertTrue(
        r.text().contains("with 1 API calls (0 rate-limited) and 2 Slack calls (1 rate-limited)."),
        r.text());
  }
}
