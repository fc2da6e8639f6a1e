package dev.oktagroups.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.admin.conversations.AdminConversationsSearchResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Usergroup;
import dev.oktagroups.port.SlackFailure;
import dev.oktagroups.port.SlackReader;
import dev.oktagroups.port.SlackWriter;
import dev.oktagroups.state.SlackState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Slack, for the Slack apps whose manifests list channels: reads user groups, their links and
 * channels, and links and unlinks channels, with Slack's official SDK.
 *
 * <p>Enterprise Grid: pushed groups are IDP groups, whose default channels belong to the org admin
 * ({@code admin.usergroups.addChannels}, {@code listChannels}, {@code removeChannels}), and channel
 * names are found with {@code admin.conversations.search}. A plain workspace: default channels are
 * a field of the user group, which {@code usergroups.update} sets whole, and names come from one
 * paginated {@code conversations.list}.
 */
public final class SlackConnection implements SlackReader, SlackWriter {
  private static final Pattern CHANNEL_ID = Pattern.compile("^[CG][A-Z0-9]{6,}$");

  /**
   * One Slack app's workspace.
   *
   * @param appKey the catalog key, for messages
   * @param token the Slack token; never shown, not even by {@link #toString}
   * @param methodsUrl the Web API prefix, {@code https://slack.com/api/} or the sandbox's
   */
  public record Workspace(
      String appKey, boolean grid, Optional<String> teamId, String token, String methodsUrl) {
    @Override
    public String toString() {
      return "Workspace[" + appKey + (grid ? ", grid" : ", plain") + "]";
    }
  }

  /** Slack's public Web API. */
  public static final String SLACK_API = "https://slack.com/api/";

  private final Map<String, Workspace> byAppId;
  private final Map<String, MethodsClient> clients = new LinkedHashMap<>();
  private final SlackCalls calls;
  private final Duration userGroupWait;

  private SlackConnection(
      Map<String, Workspace> byAppId, Consumer<String> onRetry, Duration userGroupWait) {
    this.byAppId = Map.copyOf(byAppId);
    this.calls = new SlackCalls(onRetry);
    this.userGroupWait = userGroupWait;
    Map<String, Slack> sdks = new TreeMap<>();
    byAppId.forEach(
        (appId, ws) -> {
          Slack sdk =
              sdks.computeIfAbsent(
                  ws.methodsUrl(),
                  url -> {
                    SlackConfig config = new SlackConfig();
                    config.setMethodsEndpointUrlPrefix(url);
                    return Slack.getInstance(config);
                  });
          clients.put(appId, sdk.methods(ws.token()));
        });
  }

  /**
   * A connection to these workspaces, by Slack app id.
   *
   * @param onRetry hears each wait for a rate limit
   * @param userGroupWait how long a link waits for Okta's push to create its user group
   */
  public static SlackConnection connect(
      Map<String, Workspace> byAppId, Consumer<String> onRetry, Duration userGroupWait) {
    return new SlackConnection(byAppId, onRetry, userGroupWait);
  }

  @Override
  public long requests() {
    return calls.requests();
  }

  @Override
  public long rateLimited() {
    return calls.rateLimited();
  }

  @Override
  public Duration userGroupWait() {
    return userGroupWait;
  }

  @Override
  public SlackState read(List<SlackState.Wanted> wanted, Consumer<String> progress) {
    Map<String, SlackState.Workspace> out = new TreeMap<>();
    for (SlackState.Wanted w : wanted) {
      Workspace ws = byAppId.get(w.appId());
      if (ws == null) {
        continue;
      }
      progress.accept("reading Slack (" + ws.appKey() + "): user groups and channels");
      out.put(w.appId(), workspace(w, ws));
    }
    return new SlackState(true, out);
  }

  private SlackState.Workspace workspace(SlackState.Wanted w, Workspace ws) {
    MethodsClient m = clients.get(w.appId());
    Map<String, SlackState.Channel> channels = new LinkedHashMap<>();
    Map<String, SlackState.UserGroup> groups = new LinkedHashMap<>();
    List<Usergroup> all =
        calls
            .call(
                ws.appKey(),
                "usergroups.list",
                () -> m.usergroupsList(r -> r.teamId(ws.teamId().orElse(null))))
            .getUsergroups();
    Map<String, String> names = ws.grid() ? searchChannels(w, ws, m) : listChannels(ws, m);
    for (String handle : w.handles()) {
      Optional<Usergroup> u =
          all.stream()
              .filter(g -> handle.equals(g.getHandle()) || handle.equals(g.getName()))
              .findFirst();
      if (u.isEmpty()) {
        continue;
      }
      List<String> linked = new ArrayList<>();
      if (ws.grid()) {
        for (Conversation c : listLinks(ws, m, u.get().getId())) {
          linked.add(c.getId());
          names.putIfAbsent(c.getId(), c.getName());
        }
      } else if (u.get().getPrefs() != null && u.get().getPrefs().getChannels() != null) {
        linked.addAll(u.get().getPrefs().getChannels());
      }
      groups.put(
          handle,
          new SlackState.UserGroup(
              u.get().getId(), handle, u.get().getName(), linked.stream().sorted().toList()));
    }
    Set<String> keep = new LinkedHashSet<>();
    groups.values().forEach(g -> keep.addAll(g.channelIds()));
    names.forEach(
        (id, name) -> {
          if (keep.contains(id) || w.channels().contains(id) || w.channels().contains(name)) {
            channels.put(id, new SlackState.Channel(id, name));
          }
        });
    return new SlackState.Workspace(ws.grid(), channels, groups);
  }

  /** Every channel the token can see, public and private, by id: one paginated list. */
  private Map<String, String> listChannels(Workspace ws, MethodsClient m) {
    Map<String, String> out = new LinkedHashMap<>();
    String cursor = null;
    do {
      String at = cursor;
      ConversationsListResponse page =
          calls.call(
              ws.appKey(),
              "conversations.list",
              () ->
                  m.conversationsList(
                      r ->
                          r.types(
                                  List.of(
                                      ConversationType.PUBLIC_CHANNEL,
                                      ConversationType.PRIVATE_CHANNEL))
                              .excludeArchived(true)
                              .limit(200)
                              .cursor(at)));
      page.getChannels().forEach(c -> out.put(c.getId(), c.getName()));
      cursor = page.getResponseMetadata() == null ? "" : page.getResponseMetadata().getNextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return out;
  }

  /**
   * Grid: the channels the manifests name, found by name with the admin search (each name's pages
   * until an exact match); ids each with {@code conversations.info}, so an unknown id is a plan
   * error at its line, as an unknown name is.
   */
  private Map<String, String> searchChannels(SlackState.Wanted w, Workspace ws, MethodsClient m) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String ref : w.channels()) {
      if (CHANNEL_ID.matcher(ref).matches()) {
        info(ws, m, ref).ifPresent(name -> out.put(ref, name));
        continue;
      }
      String cursor = null;
      search:
      do {
        String at = cursor;
        AdminConversationsSearchResponse page =
            calls.call(
                ws.appKey(),
                "admin.conversations.search",
                () ->
                    m.adminConversationsSearch(
                        r ->
                            r.query(ref)
                                .limit(20)
                                .cursor(at)
                                .teamIds(ws.teamId().map(List::of).orElse(null))));
        for (AdminConversationsSearchResponse.Conversation c : page.getConversations()) {
          if (ref.equals(c.getName())) {
            out.put(c.getId(), c.getName());
            break search;
          }
        }
        cursor = page.getNextCursor();
      } while (cursor != null && !cursor.isEmpty());
    }
    return out;
  }

  /**
   * A channel's name by its id; empty when Slack has no such channel (or the token cannot see it).
   */
  private Optional<String> info(Workspace ws, MethodsClient m, String id) {
    try {
      return Optional.of(
          calls
              .call(
                  ws.appKey(), "conversations.info", () -> m.conversationsInfo(r -> r.channel(id)))
              .getChannel()
              .getName());
    } catch (SlackFailure f) {
      if (f.error().equals("channel_not_found")) {
        return Optional.empty();
      }
      throw f;
    }
  }

  private List<Conversation> listLinks(Workspace ws, MethodsClient m, String userGroupId) {
    return calls
        .call(
            ws.appKey(),
            "admin.usergroups.listChannels",
            () ->
                m.adminUsergroupsListChannels(
                    r -> r.usergroupId(userGroupId).teamId(ws.teamId().orElse(null))))
        .getChannels();
  }

  @Override
  public Optional<String> userGroup(String appId, String handle) {
    Workspace ws = workspace(appId);
    MethodsClient m = clients.get(appId);
    return calls
        .call(
            ws.appKey(),
            "usergroups.list",
            () -> m.usergroupsList(r -> r.teamId(ws.teamId().orElse(null))))
        .getUsergroups()
        .stream()
        .filter(g -> handle.equals(g.getHandle()) || handle.equals(g.getName()))
        .map(Usergroup::getId)
        .findFirst();
  }

  @Override
  public void link(String appId, String userGroupId, String channelId) {
    Workspace ws = workspace(appId);
    MethodsClient m = clients.get(appId);
    if (ws.grid()) {
      calls.call(
          ws.appKey(),
          "admin.usergroups.addChannels",
          () ->
              m.adminUsergroupsAddChannels(
                  r ->
                      r.usergroupId(userGroupId)
                          .channelIds(List.of(channelId))
                          .teamId(ws.teamId().orElse(null))));
      return;
    }
    List<String> now = defaults(ws, m, userGroupId);
    if (!now.contains(channelId)) {
      List<String> next = new ArrayList<>(now);
      next.add(channelId);
      setDefaults(ws, m, userGroupId, next);
    }
  }

  @Override
  public void unlink(String appId, String userGroupId, String channelId) {
    Workspace ws = workspace(appId);
    MethodsClient m = clients.get(appId);
    if (ws.grid()) {
      calls.call(
          ws.appKey(),
          "admin.usergroups.removeChannels",
          () ->
              m.adminUsergroupsRemoveChannels(
                  r -> r.usergroupId(userGroupId).channelIds(List.of(channelId))));
      return;
    }
    List<String> now = defaults(ws, m, userGroupId);
    if (now.contains(channelId)) {
      List<String> next = new ArrayList<>(now);
      next.remove(channelId);
      setDefaults(ws, m, userGroupId, next);
    }
  }

  /**
   * A plain workspace's user group's default channels, read just before they are set: {@code
   * usergroups.update} replaces the whole list, so a stale one would undo another link.
   */
  private List<String> defaults(Workspace ws, MethodsClient m, String userGroupId) {
    return calls
        .call(ws.appKey(), "usergroups.list", () -> m.usergroupsList(r -> r))
        .getUsergroups()
        .stream()
        .filter(g -> userGroupId.equals(g.getId()))
        .findFirst()
        .map(g -> g.getPrefs() == null ? List.<String>of() : g.getPrefs().getChannels())
        .map(cs -> cs == null ? List.<String>of() : cs)
        .orElseThrow(
            () ->
                new SlackFailure(
                    "no_such_subteam",
                    "Slack has no user group " + userGroupId + " (" + ws.appKey() + ")"));
  }

  private void setDefaults(Workspace ws, MethodsClient m, String userGroupId, List<String> ids) {
    calls.call(
        ws.appKey(),
        "usergroups.update",
        () -> m.usergroupsUpdate(r -> r.usergroup(userGroupId).channels(ids)));
  }

  private Workspace workspace(String appId) {
    Workspace ws = byAppId.get(appId);
    if (ws == null) {
      throw new SlackFailure(
          "", "no Slack settings for app " + appId + " in okta-groups.yaml (apps.<key>.slack)");
    }
    return ws;
  }
}
