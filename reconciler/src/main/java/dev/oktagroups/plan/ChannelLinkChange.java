package dev.oktagroups.plan;

import java.util.Optional;

/**
 * A link between a Slack push group's user group and one channel, made or taken away. Linking a
 * channel makes it one of the user group's default channels, so its members join it; unlinking only
 * stops that. Slack never removes anyone from a channel when a link goes, so an unlink costs nobody
 * access.
 *
 * @param action {@link Action#CREATE} links, {@link Action#DELETE} unlinks
 * @param key the channel as the plan shows it, {@code #name}
 * @param appId the Slack app's Okta id, whose workspace settings say how to link
 * @param handle the user group's handle, which Okta's push creates when the group is new
 * @param userGroupId the Slack user group's id; empty when Okta has yet to create it
 * @param channelId the channel's Slack id
 */
public record ChannelLinkChange(
    Action action,
    String group,
    String key,
    String reason,
    Optional<String> groupId,
    String appId,
    String handle,
    Optional<String> userGroupId,
    String channelId)
    implements Change {

  public ChannelLinkChange {
    if (action != Action.CREATE && action != Action.DELETE) {
      throw new IllegalArgumentException("a channel link is made or taken away, never updated");
    }
    if (action == Action.DELETE && userGroupId.isEmpty()) {
      throw new IllegalArgumentException("only an existing user group's link can be taken away");
    }
  }

  /** The link to make. */
  public static ChannelLinkChange link(
      String group,
      String channelName,
      String reason,
      Optional<String> groupId,
      String appId,
      String handle,
      Optional<String> userGroupId,
      String channelId) {
    return new ChannelLinkChange(
        Action.CREATE,
        group,
        "#" + channelName,
        reason,
        groupId,
        appId,
        handle,
        userGroupId,
        channelId);
  }

  /** The link to take away. */
  public static ChannelLinkChange unlink(
      String group,
      String channelLabel,
      String reason,
      Optional<String> groupId,
      String appId,
      String handle,
      String userGroupId,
      String channelId) {
    return new ChannelLinkChange(
        Action.DELETE,
        group,
        channelLabel,
        reason,
        groupId,
        appId,
        handle,
        Optional.of(userGroupId),
        channelId);
  }

  @Override
  public Resource resource() {
    return Resource.CHANNEL_LINK;
  }

  @Override
  public String describe() {
    return action == Action.CREATE
        ? "link channel " + key + " to @" + handle
        : "unlink channel " + key + " from @" + handle + " (nobody is removed from the channel)";
  }
}
