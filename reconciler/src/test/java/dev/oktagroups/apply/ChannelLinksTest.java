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

    Fake(int appearsAfter, Duration wait) {
      this.appearsAfter = appearsAfter;
      this.wait = wait;
    }

    @Override
    public Optional<String> userGroup(String appId, String handle) {
      looks++;
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
    ChannelLinks.run(newGroupLink(), slack);
    assertEquals(3, slack.looks);
    assertEquals(List.of("link S1 C1"), slack.calls);
  }

  @Test
  void aUserGroupThatNeverAppearsStopsTheLinkWithAMessageNamingTheMapping() {
    Fake slack = new Fake(-1, Duration.ofMillis(700));
    long t0 = System.nanoTime();
    SlackFailure f =
        assertThrows(SlackFailure.class, () -> ChannelLinks.run(newGroupLink(), slack));
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "it gives up in time");
    assertTrue(slack.looks >= 2, "it looked more than once");
    assertTrue(f.detail().contains("Slack has no user group @div.security"), f.detail());
    assertTrue(f.detail().contains("push mapping for push.slack.div.security"), f.detail());
    assertTrue(f.detail().contains("ACTIVE"), f.detail());
    assertEquals(List.of(), slack.calls, "nothing was linked");
  }

  @Test
  void aKnownUserGroupIsLinkedAndUnlinkedWithoutLooking() {
    Fake slack = new Fake(-1, Duration.ofMillis(1));
    ChannelLinks.run(
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
  }
}
