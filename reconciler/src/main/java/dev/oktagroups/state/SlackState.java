package dev.oktagroups.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What okta-groups read from Slack for the Slack apps it links channels for: each workspace's
 * channels and the user groups that Okta's pushes created, with the channels they are linked to.
 * Read once per run, beside the Okta state, and planned against like it.
 *
 * @param read whether Slack was read at all; an offline plan plans no channel links
 * @param workspaces by the Slack app's Okta id
 */
public record SlackState(boolean read, Map<String, Workspace> workspaces) {

  /** Slack was not read: nothing about channels is known. */
  public static final SlackState UNREAD = new SlackState(false, Map.of());

  public SlackState {
    workspaces = Map.copyOf(workspaces);
  }

  /** The workspace of an app, if it was read. */
  public Optional<Workspace> workspace(String appId) {
    return Optional.ofNullable(workspaces.get(appId));
  }

  /**
   * One workspace (or Grid workspace) as read.
   *
   * @param grid whether channels are linked through the Enterprise Grid admin methods
   * @param channels by id: the channels the manifests name that exist, and those the user groups
   *     asked about are linked to
   * @param userGroups the user groups asked about that exist, by the handle okta-groups pushes
   */
  public record Workspace(
      boolean grid, Map<String, Channel> channels, Map<String, UserGroup> userGroups) {
    public Workspace {
      channels = Map.copyOf(channels);
      userGroups = Map.copyOf(userGroups);
    }

    /** The channel a manifest means by {@code ref}: its id, or its name. */
    public Optional<Channel> find(String ref) {
      Channel byId = channels.get(ref);
      if (byId != null) {
        return Optional.of(byId);
      }
      return channels.values().stream().filter(c -> c.name().equals(ref)).findFirst();
    }

    /** A channel's name for people, {@code #name}; the bare id when it was not read. */
    public String label(String channelId) {
      Channel c = channels.get(channelId);
      return c == null ? channelId : "#" + c.name();
    }
  }

  /** A Slack channel: its id ({@code C…}) and its name, without {@code #}. */
  public record Channel(String id, String name) {}

  /**
   * A Slack user group.
   *
   * @param channelIds the channels it is linked to (its default channels), sorted
   */
  public record UserGroup(String id, String handle, String name, List<String> channelIds) {
    public UserGroup {
      channelIds = List.copyOf(channelIds);
    }
  }

  /**
   * What to read from one Slack workspace: the user groups by handle, and the channels by name or
   * id, that the manifests name.
   */
  public record Wanted(String appId, Set<String> handles, Set<String> channels) {
    public Wanted {
      handles = Set.copyOf(handles);
      channels = Set.copyOf(channels);
    }
  }
}
