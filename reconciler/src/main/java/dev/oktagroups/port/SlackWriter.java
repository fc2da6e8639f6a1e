package dev.oktagroups.port;

import java.time.Duration;
import java.util.Optional;

/** Makes and takes away one channel link at a time in Slack. */
public interface SlackWriter {
  /** A writer for runs without Slack: every call fails with a message saying so. */
  SlackWriter NONE =
      new SlackWriter() {
        @Override
        public Optional<String> userGroup(String appId, String handle) {
          throw none();
        }

        @Override
        public void link(String appId, String userGroupId, String channelId) {
          throw none();
        }

        @Override
        public void unlink(String appId, String userGroupId, String channelId) {
          throw none();
        }

        private SlackFailure none() {
          return new SlackFailure(
              "", "this run has no Slack connection; give the Slack app its slack settings");
        }
      };

  /**
   * The id of the user group with this handle (or name), if Slack has it yet.
   *
   * @throws SlackFailure when Slack cannot be read
   */
  Optional<String> userGroup(String appId, String handle);

  /** Links the channel to the user group; linking a linked channel changes nothing. */
  void link(String appId, String userGroupId, String channelId);

  /** Takes the link away; members stay in the channel. */
  void unlink(String appId, String userGroupId, String channelId);

  /** How long apply waits for Okta's push to create a user group before it gives up. */
  default Duration userGroupWait() {
    return Duration.ofMinutes(2);
  }

  /** Slack method calls made so far, retries included; the apply report counts them apart. */
  default long requests() {
    return 0;
  }

  /** Calls Slack answered with 429 so far on this connection, reads included. */
  default long rateLimited() {
    return 0;
  }
}
