package dev.oktagroups.manifest;

import java.util.List;
import java.util.Optional;

/**
 * Makes the group a push group: Okta keeps a matching group in one downstream app.
 *
 * @param app the push-capable app's catalog key
 * @param email Google only: the group's address; derived from the name when empty
 * @param target the downstream group name (Slack handle, or Google group name); derived from the
 *     Okta group name when empty
 * @param pointer JSON pointer of the {@code push} mapping
 * @param channels Slack only: the channels the user group is linked to, as written; empty when the
 *     manifest has no {@code channels} key, so links made in Slack are left alone
 */
public record Push(
    String app,
    Optional<String> email,
    Optional<String> target,
    String pointer,
    Optional<List<Channel>> channels) {

  public Push {
    channels = channels.map(List::copyOf);
  }

  /** A push without channels. */
  public Push(String app, Optional<String> email, Optional<String> target, String pointer) {
    this(app, email, target, pointer, Optional.empty());
  }

  /**
   * One channel entry.
   *
   * @param ref a channel name without {@code #}, or a channel id ({@code C…}, {@code G…})
   * @param pointer JSON pointer of the entry, for findings and plan errors
   */
  public record Channel(String ref, String pointer) {}
}
