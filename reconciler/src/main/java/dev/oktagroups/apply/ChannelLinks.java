package dev.oktagroups.apply;

import dev.oktagroups.plan.Action;
import dev.oktagroups.plan.ChannelLinkChange;
import dev.oktagroups.port.SlackFailure;
import dev.oktagroups.port.SlackWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs one channel link. A push group created by the same plan has no Slack user group until Okta's
 * push makes one, which Okta does after the mapping it created is ACTIVE; so a link without a user
 * group id waits for it, polling Slack with a growing pause, and stops with a message that says
 * where to look when it never appears.
 */
final class ChannelLinks {
  /** The pauses between looks: short at first (the sandbox and small orgs push in a second). */
  private static final long FIRST_PAUSE_MS = 200;

  private static final long LONGEST_PAUSE_MS = 5_000;

  private ChannelLinks() {}

  static void run(ChannelLinkChange c, SlackWriter slack) {
    String userGroup = c.userGroupId().orElseGet(() -> await(c, slack));
    if (c.action() == Action.CREATE) {
      slack.link(c.appId(), userGroup, c.channelId());
    } else {
      slack.unlink(c.appId(), userGroup, c.channelId());
    }
  }

  private static String await(ChannelLinkChange c, SlackWriter slack) {
    Duration wait = slack.userGroupWait();
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = FIRST_PAUSE_MS;
    while (true) {
      Optional<String> id = slack.userGroup(c.appId(), c.handle());
      if (id.isPresent()) {
        return id.get();
      }
      if (System.nanoTime() + pause * 1_000_000 > deadline) {
        throw new SlackFailure(
            "",
            "Slack has no user group @"
                + c.handle()
                + " "
                + wait.toSeconds()
                + " s after Okta's push mapping for "
                + c.group()
                + " was made; check that the mapping is ACTIVE in Okta (the Slack app's Push"
                + " Groups tab) and re-run; the link is planned again");
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SlackFailure("", "interrupted while waiting for @" + c.handle());
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
    }
  }
}
