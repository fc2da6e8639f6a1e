package dev.oktagroups.apply;

import dev.oktagroups.plan.Action;
import dev.oktagroups.plan.ChannelLinkChange;
import dev.oktagroups.port.OktaWriter;
import dev.oktagroups.port.SlackFailure;
import dev.oktagroups.port.SlackWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one channel link. A push group created by the same plan has no Slack user group until Okta's
 * push makes one, which Okta does only once the group's push mapping is ACTIVE; so a link without a
 * user group id first waits for the mapping to be ACTIVE (read from Okta), then for the user group
 * (read from Slack), polling with a growing pause within one bounded wait, and stops with a message
 * naming the mapping or the user group, and where to look, when either never comes.
 */
final class ChannelLinks {
  /** The pauses between looks: short at first (the sandbox and small orgs push in a second). */
  private static final long FIRST_PAUSE_MS = 200;

  private static final long LONGEST_PAUSE_MS = 5_000;

  /** How often a long wait says it is still waiting. */
  private static final long TELL_EVERY_NS = 10_000_000_000L;

  private ChannelLinks() {}

  /**
   * Makes or takes away the link.
   *
   * @param groupId the Okta group's id, known from the plan or from its creation in this run
   * @param progress hears that a long wait is still waiting
   */
  static void run(
      ChannelLinkChange c,
      SlackWriter slack,
      OktaWriter okta,
      Optional<String> groupId,
      Consumer<String> progress) {
    String userGroup = c.userGroupId().orElseGet(() -> await(c, slack, okta, groupId, progress));
    if (c.action() == Action.CREATE) {
      slack.link(c.appId(), userGroup, c.channelId());
    } else {
      slack.unlink(c.appId(), userGroup, c.channelId());
    }
  }

  private static String await(
      ChannelLinkChange c,
      SlackWriter slack,
      OktaWriter okta,
      Optional<String> groupId,
      Consumer<String> progress) {
    Duration wait = slack.userGroupWait();
    Poll poll = new Poll(System.nanoTime() + wait.toNanos(), progress);
    String mapping = "Okta's push mapping of " + c.group() + " to app " + c.appId();
    String gid =
        groupId.orElseThrow(
            () ->
                new SlackFailure(
                    "", "no Okta id for " + c.group() + " (it was not created in this run)"));
    String status =
        poll.until(
            () ->
                okta.mappingStatus(c.appId(), gid)
                    .filter(s -> s.equals("ACTIVE") || s.equals("ERROR")),
            "waiting for " + mapping + " to be ACTIVE");
    if (status == null || status.equals("ERROR")) {
      String now = okta.mappingStatus(c.appId(), gid).orElse("missing");
      throw new SlackFailure(
          "",
          mapping
              + " is "
              + now
              + ", not ACTIVE, "
              + wait.toSeconds()
              + " s after apply made it; fix it in Okta (the Slack app's Push Groups tab) and"
              + " re-run; the link is planned again");
    }
    String id =
        poll.until(
            () -> slack.userGroup(c.appId(), c.handle()),
            "waiting for Okta's push to create @" + c.handle() + " in Slack");
    if (id == null) {
      throw new SlackFailure(
          "",
          "Slack has no user group @"
              + c.handle()
              + " "
              + wait.toSeconds()
              + " s after "
              + mapping
              + " became ACTIVE; check the mapping's push status in Okta (the Slack app's Push"
              + " Groups tab) and re-run; the link is planned again");
    }
    return id;
  }

  /** Looks again and again, with a growing pause, until a deadline shared by every look. */
  private static final class Poll {
    private final long deadline;
    private final Consumer<String> progress;
    private long pause = FIRST_PAUSE_MS;

    Poll(long deadline, Consumer<String> progress) {
      this.deadline = deadline;
      this.progress = progress;
    }

    /** What {@code look} found, or null once the deadline passed without it. */
    String until(Supplier<Optional<String>> look, String what) {
      long told = System.nanoTime();
      while (true) {
        Optional<String> found = look.get();
        if (found.isPresent()) {
          return found.get();
        }
        long now = System.nanoTime();
        if (now + pause * 1_000_000 > deadline) {
          return null;
        }
        if (now - told >= TELL_EVERY_NS) {
          progress.accept(what + " (" + (deadline - now) / 1_000_000_000L + " s left)");
          told = now;
        }
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SlackFailure("", "interrupted while " + what);
        }
        pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
      }
    }
  }
}
