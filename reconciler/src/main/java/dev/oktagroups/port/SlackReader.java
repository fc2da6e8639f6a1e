package dev.oktagroups.port;

import dev.oktagroups.state.SlackState;
import java.util.List;
import java.util.function.Consumer;

/** Reads what channel links need from Slack: user groups, their links, and channels. */
public interface SlackReader {
  /** Reads nothing: for runs whose manifests list no channels, and for offline plans. */
  SlackReader NONE = (wanted, progress) -> SlackState.UNREAD;

  /**
   * Reads each wanted workspace once: its channels (resolving names to ids), and the user groups
   * named with the channels they are linked to.
   *
   * @param progress hears a line now and then while a long read runs
   * @throws SlackFailure when Slack cannot be read
   */
  SlackState read(List<SlackState.Wanted> wanted, Consumer<String> progress);
}
