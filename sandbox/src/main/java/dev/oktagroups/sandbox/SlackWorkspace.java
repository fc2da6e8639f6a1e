package dev.oktagroups.sandbox;

import dev.oktagroups.sandbox.org.DownstreamGroup;
import dev.oktagroups.sandbox.org.Org;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One Slack workspace, the one a Slack app in the org pushes to: its channels, and the default
 * channels of its user groups. The user groups themselves are the downstream groups the org's push
 * mappings keep: Slack sees what Okta pushed. Used under the org lock.
 */
final class SlackWorkspace {
  /** Slack's rule for channel names: lowercase letters, digits, hyphens and underscores, ≤ 80. */
  static final Pattern CHANNEL_NAME = Pattern.compile("^[a-z0-9_\\-]{1,80}$");

  /** Slack's documented cap on an IDP group's default channels. */
  static final int MAX_LINKED = 100;

  /** A channel: its id, name, whether it is private, and its members' logins. */
  static final class Channel {
    final String id;
    final String name;
    final boolean isPrivate;
    final Set<String> members = new TreeSet<>();

    Channel(String id, String name, boolean isPrivate) {
      this.id = id;
      this.name = name;
      this.isPrivate = isPrivate;
    }
  }

  /** A user group as Slack shows it: a downstream group with a Slack id and its links. */
  record UserGroup(String id, DownstreamGroup group, List<String> channelIds) {
    String handle() {
      return group.name();
    }
  }

  private final String appId;
  private final String teamId;
  private final Org org;
  private final Map<String, Channel> channels = new LinkedHashMap<>();

  /** User-group ids by the downstream group's target id, assigned when Slack first sees one. */
  private final Map<String, String> userGroupIds = new HashMap<>();

  /** Linked channel ids by user-group id, in the order they were linked. */
  private final Map<String, List<String>> links = new HashMap<>();

  private int next;

  SlackWorkspace(String appId, String teamId, Org org) {
    this.appId = appId;
    this.teamId = teamId;
    this.org = org;
  }

  String teamId() {
    return teamId;
  }

  /** A new channel; a name already taken answers the existing channel. */
  Channel addChannel(String name, boolean isPrivate) {
    String n = name.toLowerCase(Locale.ROOT);
    if (!CHANNEL_NAME.matcher(n).matches()) {
      throw new IllegalArgumentException(
          "invalid_name_specials: channel names are lowercase letters, digits, - and _");
    }
    Optional<Channel> have = channel(n);
    if (have.isPresent()) {
      return have.get();
    }
    Channel c = new Channel(String.format("C0SB%06d", ++next), n, isPrivate);
    channels.put(c.id, c);
    return c;
  }

  List<Channel> channels() {
    return new ArrayList<>(channels.values());
  }

  /** A channel by id or by name. */
  Optional<Channel> channel(String idOrName) {
    Channel c = channels.get(idOrName);
    if (c != null) {
      return Optional.of(c);
    }
    return channels.values().stream().filter(x -> x.name.equals(idOrName)).findFirst();
  }

  /** The user groups: one per downstream group of the app, in the org's order. */
  List<UserGroup> userGroups() {
    List<UserGroup> out = new ArrayList<>();
    for (DownstreamGroup d : org.downstream(appId)) {
      String id =
          userGroupIds.computeIfAbsent(
              d.targetGroupId(), k -> String.format("S0SB%06d", userGroupIds.size() + 1));
      out.add(new UserGroup(id, d, List.copyOf(links.getOrDefault(id, List.of()))));
    }
    return out;
  }

  /** A user group by id, by handle or by name. */
  Optional<UserGroup> userGroup(String ref) {
    return userGroups().stream()
        .filter(u -> u.id().equals(ref) || u.handle().equals(ref))
        .findFirst();
  }

  /**
   * Links channels to a user group: its members join them. Linking a linked channel changes
   * nothing, and nobody who left the channel is added back by a link that already existed.
   *
   * @return Slack's error string, or empty on success
   */
  Optional<String> link(UserGroup ug, List<Channel> add) {
    List<String> now = links.computeIfAbsent(ug.id(), k -> new ArrayList<>());
    long fresh = add.stream().filter(c -> !now.contains(c.id)).map(c -> c.id).distinct().count();
    if (now.size() + fresh > MAX_LINKED) {
      return Optional.of("invalid_channels_limit");
    }
    for (Channel c : add) {
      if (!now.contains(c.id)) {
        now.add(c.id);
        c.members.addAll(ug.group().members());
      }
    }
    return Optional.empty();
  }

  /** Takes links away; nobody leaves the channels. */
  void unlink(UserGroup ug, List<Channel> remove) {
    List<String> now = links.computeIfAbsent(ug.id(), k -> new ArrayList<>());
    remove.forEach(c -> now.remove(c.id));
  }

  /** Sets a user group's default channels to exactly these (what usergroups.update does). */
  Optional<String> setLinks(UserGroup ug, List<Channel> exactly) {
    List<Channel> add = new ArrayList<>(exactly);
    List<Channel> remove = new ArrayList<>();
    for (String id : links.getOrDefault(ug.id(), List.of())) {
      if (exactly.stream().noneMatch(c -> c.id.equals(id))) {
        remove.add(channels.get(id));
      }
    }
    unlink(ug, remove);
    return link(ug, add);
  }
}
