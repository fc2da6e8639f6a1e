package dev.oktagroups.plan;

import dev.oktagroups.state.DesiredState;
import dev.oktagroups.state.SlackState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans a Slack push group's channel links: the channels its manifest lists that its user group is
 * not linked to are linked, and the links the manifest does not list are taken away. A manifest
 * without {@code channels} leaves the links alone, and so does a plan that did not read its Slack
 * workspace (an offline plan, or a run without the workspace's token).
 */
final class ChannelDiffer {
  private ChannelDiffer() {}

  /**
   * The error that withholds the group's changes: a channel Slack does not have, at the manifest
   * line that names it. A workspace that was not read (no token for it, which the run warns about)
   * plans nothing and refuses nothing.
   */
  static Optional<String> refusal(Planning p, DesiredState.Group g) {
    Optional<DesiredState.Push> push = g.push().filter(x -> x.channels().isPresent());
    Optional<SlackState.Workspace> ws = push.flatMap(x -> p.actual.slack().workspace(x.appId()));
    if (ws.isEmpty()) {
      return Optional.empty();
    }
    for (DesiredState.Channel c : push.get().channels().get()) {
      if (ws.get().find(c.ref()).isEmpty()) {
        return Optional.of(
            g.path()
                + ":"
                + c.line()
                + ": channel '"
                + c.ref()
                + "' does not exist in Slack (or okta-groups' Slack token cannot see it);"
                + " create it in Slack, or fix the name");
      }
    }
    return Optional.empty();
  }

  /** The group's links to make and to take away; call after {@link #refusal} found none. */
  static List<Staged> changes(Planning p, DesiredState.Group g, Optional<String> gid) {
    Optional<DesiredState.Push> found = g.push().filter(x -> x.channels().isPresent());
    Optional<SlackState.Workspace> read = found.flatMap(x -> p.actual.slack().workspace(x.appId()));
    if (read.isEmpty()) {
      return List.of();
    }
    DesiredState.Push push = found.get();
    SlackState.Workspace ws = read.get();
    Optional<SlackState.UserGroup> ug = Optional.ofNullable(ws.userGroups().get(push.targetName()));
    Set<String> wanted = new LinkedHashSet<>();
    push.channels().get().forEach(c -> wanted.add(ws.find(c.ref()).orElseThrow().id()));
    List<String> linked = ug.map(SlackState.UserGroup::channelIds).orElse(List.of());
    List<Staged> out = new ArrayList<>();
    for (String id : wanted) {
      if (!linked.contains(id)) {
        String name = ws.channels().get(id).name();
        String reason =
            ug.isEmpty()
                ? "once Okta's push creates @" + push.targetName() + ", its members join #" + name
                : "the manifest links #"
                    + name
                    + "; Slack has no such link (new, or unlinked by hand)";
        out.add(
            Staged.of(
                Phase.CHANNEL_LINKS,
                ChannelLinkChange.link(
                    g.name(),
                    name,
                    reason,
                    gid,
                    push.appId(),
                    push.targetName(),
                    ug.map(SlackState.UserGroup::id),
                    id)));
      }
    }
    for (String id : linked) {
      if (!wanted.contains(id)) {
        out.add(
            Staged.of(
                Phase.CHANNEL_LINKS,
                ChannelLinkChange.unlink(
                    g.name(),
                    ws.label(id),
                    "linked in Slack but not in the manifest; its members stay in the channel",
                    gid,
                    push.appId(),
                    push.targetName(),
                    ug.get().id(),
                    id)));
      }
    }
    return out;
  }

  /** What to read from Slack for these manifests: per Slack app, the handles and channels named. */
  static List<SlackState.Wanted> wanted(DesiredState d) {
    java.util.Map<String, Set<String>> handles = new java.util.TreeMap<>();
    java.util.Map<String, Set<String>> channels = new java.util.TreeMap<>();
    for (DesiredState.Group g : d.groups().values()) {
      g.push()
          .filter(x -> x.channels().isPresent())
          .ifPresent(
              x -> {
                handles
                    .computeIfAbsent(x.appId(), k -> new java.util.TreeSet<>())
                    .add(x.targetName());
                Set<String> cs =
                    channels.computeIfAbsent(x.appId(), k -> new java.util.TreeSet<>());
                x.channels().get().forEach(c -> cs.add(c.ref()));
              });
    }
    List<SlackState.Wanted> out = new ArrayList<>();
    handles.forEach((app, hs) -> out.add(new SlackState.Wanted(app, hs, channels.get(app))));
    return out;
  }
}
