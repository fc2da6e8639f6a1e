package dev.oktagroups.cli;

import dev.oktagroups.manifest.ConfigBinder;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.YamlDoc;
import dev.oktagroups.manifest.YamlReader;
import dev.oktagroups.plan.ChannelLinkChange;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.slack.SlackConnection;
import dev.oktagroups.source.RepoSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The Slack half of the composition root: which Slack workspaces a run talks to, and with which
 * token. Only apps whose manifests list channels are connected, so a repository that links no
 * channels needs no Slack token at all; one whose token is missing is skipped with a warning, and
 * its channels are not planned. The token is read from the variable okta-groups.yaml names and goes
 * nowhere but into the SDK's Authorization header.
 */
final class SlackWiring {
  /** Overrides Slack's Web API prefix; {@code {appId}} in it stands for the Slack app's Okta id. */
  static final String URL_VARIABLE = "SLACK_API_URL";

  private SlackWiring() {}

  /** Slack for a real org: tokens from the environment. */
  static Optional<SlackConnection> connect(
      Main main, OrgConfig config, List<GroupManifest> manifests) {
    return connect(main, linking(config, manifests));
  }

  /**
   * Slack for applying a saved plan: the apps its channel links name and those it read, with the
   * repository's okta-groups.yaml, when there is one to read.
   */
  static Optional<SlackConnection> forPlan(Main main, Optional<byte[]> config, Plan plan) {
    Set<String> appIds = new TreeSet<>();
    plan.changes().stream()
        .filter(ChannelLinkChange.class::isInstance)
        .forEach(c -> appIds.add(((ChannelLinkChange) c).appId()));
    // The workspaces the plan read, for the staleness check, even with no link to make.
    plan.scope().slack().forEach(w -> appIds.add(w.appId()));
    if (appIds.isEmpty() || config.isEmpty()) {
      return Optional.empty();
    }
    Optional<YamlDoc> doc = new YamlReader().read(RepoSnapshot.CONFIG_PATH, config.get()).doc();
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    return connect(
        main,
        ConfigBinder.bind(doc.get()).apps().values().stream()
            .filter(a -> appIds.contains(a.id()) && a.slack().isPresent())
            .toList());
  }

  private static Optional<SlackConnection> connect(Main main, List<OrgConfig.AppDef> apps) {
    Map<String, SlackConnection.Workspace> ws = new LinkedHashMap<>();
    String url = main.env().var(URL_VARIABLE).orElse(SlackConnection.SLACK_API);
    for (OrgConfig.AppDef app : apps) {
      OrgConfig.SlackWorkspace s = app.slack().orElseThrow();
      Optional<String> found = main.env().var(s.tokenEnv()).filter(t -> !t.isBlank());
      if (found.isEmpty()) {
        // Okta's part still runs: channel links wait for the token, and the run says so.
        main.err()
            .println(
                "okta-groups: warning: "
                    + s.tokenEnv()
                    + " is not set, so the channels of app "
                    + app.key()
                    + " are neither read nor linked; export the Slack token there"
                    + " (docs/operations.md#slack)");
        continue;
      }
      String token = found.get();
      ws.put(
          app.id(),
          new SlackConnection.Workspace(
              app.key(), s.grid(), s.teamId(), token, url.replace("{appId}", app.id())));
    }
    return open(ws, retries(main), Duration.ofMinutes(2));
  }

  /** Slack for the embedded sandbox: its own workspaces and tokens. */
  static Optional<SlackConnection> sandbox(
      Sandbox sandbox, OrgConfig config, List<GroupManifest> manifests) {
    Map<String, SlackConnection.Workspace> ws = new LinkedHashMap<>();
    for (OrgConfig.AppDef app : linking(config, manifests)) {
      OrgConfig.SlackWorkspace s = app.slack().orElseThrow();
      ws.put(
          app.id(),
          new SlackConnection.Workspace(
              app.key(),
              s.grid(),
              s.teamId(),
              s.grid() ? sandbox.slackAdminToken() : sandbox.slackBotToken(),
              sandbox.slackUrl(app.id())));
    }
    return open(ws, line -> {}, Duration.ofSeconds(30));
  }

  private static Optional<SlackConnection> open(
      Map<String, SlackConnection.Workspace> ws, Consumer<String> onRetry, Duration wait) {
    return ws.isEmpty()
        ? Optional.empty()
        : Optional.of(SlackConnection.connect(ws, onRetry, wait));
  }

  private static Consumer<String> retries(Main main) {
    return line -> {
      synchronized (main.err()) {
        main.err().println("okta-groups: " + line);
        main.err().flush();
      }
    };
  }

  /** The Slack apps with settings whose manifests list channels. */
  static List<OrgConfig.AppDef> linking(OrgConfig config, List<GroupManifest> manifests) {
    Set<String> keys = new TreeSet<>();
    manifests.forEach(
        m -> m.push().filter(p -> p.channels().isPresent()).ifPresent(p -> keys.add(p.app())));
    return keys.stream()
        .map(config.apps()::get)
        .filter(a -> a != null && a.slack().isPresent() && !a.id().isEmpty())
        .toList();
  }
}
