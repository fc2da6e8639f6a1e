package dev.oktagroups.cli;

import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.source.GitException;
import dev.oktagroups.source.RemoteMirror;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.watch.Metrics;
import dev.oktagroups.watch.StateStore;
import dev.oktagroups.watch.WatchServer;
import dev.oktagroups.watch.Watcher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.NullProgressMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code okta-groups watch}: follow a branch and keep Okta converged to it. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    header = "Follow a Git branch and keep Okta converged to it, correcting drift.",
    description = {
      "Follow a branch of a Git repository and keep Okta converged to it: reconcile each new",
      "commit (coalescing bursts), correct drift at an interval, and serve /hooks/gitlab,",
      "/healthz and /metrics. Invalid commits are never applied. See docs/operations.md."
    })
final class WatchCommand implements Callable<Integer> {
  private final Main main;

  @Option(
      names = "--git-url",
      paramLabel = "URL",
      required = true,
      description =
          "The repository to follow: HTTPS (OKTA_GROUPS_GIT_TOKEN), SSH (OKTA_GROUPS_SSH_KEY), or a path.")
  String gitUrl;

  @Option(
      names = "--branch",
      paramLabel = "NAME",
      description = "The branch to follow (default: main).")
  String branch = "main";

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "How often to fetch, from one fetch to the next (default: 60s).")
  Duration interval = Duration.ofSeconds(60);

  @Option(
      names = "--drift-interval",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "How often to re-check an applied commit against Okta and correct drift (default: 30m).")
  Duration driftInterval = Duration.ofMinutes(30);

  @Option(
      names = "--max-backoff",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "The longest wait between retries of a failing reconcile (default: 15m).")
  Duration maxBackoff = Duration.ofMinutes(15);

  @Option(
      names = "--break-glass-max",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "How long a break-glass file in the state directory pauses the watcher at most (default: 8h).")
  Duration breakGlassMax = Watcher.Config.BREAK_GLASS_MAX;

  @Option(
      names = "--removal-poll",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "How often to poll Okta's System Log for members Okta removed from groups the manifests name members of, to restore them at once (default: 2s; under rateLimits.maxShare, no more often than half of the log bucket's share allows).")
  Duration removalPoll = Duration.ofSeconds(2);

  @Option(
      names = "--reconcile-all",
      description =
          "Reconcile every group on each new commit, not only the groups it touched (slower: a full read each time).")
  boolean reconcileAll;

  @Option(
      names = "--listen",
      paramLabel = "ADDR",
      description =
          "Address for the webhook, /healthz and /metrics (default: 127.0.0.1:8080; :8080 for all interfaces).")
  String listen = "127.0.0.1:8080";

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where the last applied commit and the lock are kept (default: $XDG_STATE_HOME/okta-groups/<org>, or ~/.local/state/okta-groups/<org>).")
  String stateDir;

  @Option(
      names = "--git-cache",
      paramLabel = "DIR",
      description = "Where the mirror of --git-url lives (default: as for plan --git-url).")
  String gitCache;

  @Mixin OktaOptions okta;
  @Mixin ReadCacheOptions readCache;
  @Mixin LeaseOptions lease;

  /** The org the watcher writes to, once connected; a stop abandons its calls. */
  private Wiring.Target target;

  WatchCommand(Main main) {
    this.main = main;
  }

  /** A watcher with its server, ready to run; closing it releases the lock, mirror and sandbox. */
  static final class Running implements AutoCloseable {
    final Watcher watcher;
    final WatchServer server;
    final Metrics metrics;
    private final List<AutoCloseable> resources;
    private boolean closed;

    Running(Watcher watcher, WatchServer server, Metrics metrics, List<AutoCloseable> resources) {
      this.watcher = watcher;
      this.server = server;
      this.metrics = metrics;
      this.resources = resources;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      server.close();
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          // closing on the way out; nothing left to tell
        }
      }
    }
  }

  @Override
  public Integer call() {
    if (interval.isZero() || driftInterval.isZero()) {
      throw CliException.usage("--interval and --drift-interval must be longer than zero");
    }
    try (Running r = assemble()) {
      // SIGTERM or SIGINT: the loop finishes the write in flight, starts nothing new, abandons
      // reads and rate-limit waits, and the process exits 0 (docs/exit-codes.md).
      Shutdown stop =
          Shutdown.install(
              "watch",
              ExitCode.OK,
              () -> {
                r.watcher.stop();
                target.cancel();
              },
              target::writesInFlight,
              this::log);
      try (stop) {
        try {
          r.watcher.run();
        } finally {
          r.close();
        }
      }
      return ExitCode.OK;
    }
  }

  Running assemble() {
    Consumer<String> log = this::log;
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      RemoteMirror mirror = mirror();
      resources.add(mirror);
      GitWatchSource source = new GitWatchSource(mirror, branch, !reconcileAll);
      Wiring.Target target = connect(source, resources);
      String org = target.orgUrl();
      Path dir = stateDir != null ? main.env().resolve(stateDir) : defaultStateDir(org);
      // The watcher's read cache lives with the rest of its state, apart from the commands'. Its
      // age bound follows okta-groups.yaml at each reconcile's commit (WatchEngine).
      target.useReadCache(
          main,
          Optional.of(dir.resolve("read-cache").toString()),
          readCache,
          OrgConfig.ReadCache.DEFAULT);
      StateStore store = StateStore.open(dir);
      resources.add(store);
      Metrics metrics = new Metrics();
      bucketMetrics(metrics, target);
      WatchEngine engine =
          new WatchEngine(
              target,
              okta.threads,
              Stages.overrides(okta),
              lease.lockTimeout,
              readCache,
              main.env().clock(),
              log);
      Watcher watcher =
          new Watcher(
              new Watcher.Config(org, branch, interval, driftInterval, maxBackoff, breakGlassMax),
              source,
              engine,
              store,
              main.env().clock(),
              log,
              metrics);
      watchRemovals(target, watcher, source, engine, resources);
      WatchServer server =
          WatchServer.start(
              address(listen), watcher, metrics, main.env().var("GITLAB_WEBHOOK_SECRET"), log);
      logServing(server, dir);
      return new Running(watcher, server, metrics, resources);
    } catch (GitException e) {
      closeAll(resources);
      throw new CliException(ExitCode.FAILURE, e.getMessage());
    } catch (IllegalStateException e) {
      closeAll(resources);
      throw new CliException(ExitCode.FAILURE, e.getMessage());
    } catch (IOException e) {
      closeAll(resources);
      throw CliException.usage("cannot listen on " + listen + ": " + e.getMessage());
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /** The bare mirror of {@code --git-url}, fetched once before anything else starts. */
  private RemoteMirror mirror() {
    Path cacheRoot =
        gitCache != null ? main.env().resolve(gitCache) : RepoOptions.defaultCache(main.env());
    log("fetching " + RemoteMirror.redact(gitUrl));
    return RemoteMirror.sync(
        gitUrl,
        RemoteMirror.cacheDir(cacheRoot, gitUrl),
        RepoOptions.auth(main.env()),
        NullProgressMonitor.INSTANCE);
  }

  /** The System Log poll for members Okta removes, when the credentials may read the log. */
  private void watchRemovals(
      Wiring.Target target,
      Watcher watcher,
      Watcher.Source source,
      WatchEngine engine,
      List<AutoCloseable> resources) {
    if (target.readsLog()) {
      resources.add(
          new RemovalWatch(
                  target.removals(), watcher, source, engine::prepared, removalPoll, this::log)
              .start());
    } else {
      log(
          "not polling the System Log for members Okta removes: the drift check restores them"
              + " instead");
    }
  }

  /** The line that says the watcher is up: where it serves, whether webhooks are on, its state. */
  private void logServing(WatchServer server, Path dir) {
    log(
        "serving POST /hooks/gitlab, GET /healthz and GET /metrics on http://"
            + server.address().getHostString()
            + ":"
            + server.address().getPort()
            + (main.env().var("GITLAB_WEBHOOK_SECRET").isPresent()
                ? ""
                : " (webhooks off: no GITLAB_WEBHOOK_SECRET)")
            + "; state in "
            + dir);
  }

  /**
   * Requests per Okta rate-limit bucket, and the headroom okta-groups.yaml's {@code
   * rateLimits.maxShare} leaves in each bucket's current window.
   */
  static void bucketMetrics(Metrics metrics, Wiring.Target target) {
    metrics.labelled(
        "okta_groups_okta_requests_total",
        "Okta API requests by rate-limit bucket, retries included.",
        "counter",
        "bucket",
        () -> target.buckets(Wiring.BucketFigure.REQUESTS));
    metrics.labelled(
        "okta_groups_rate_limit_headroom",
        "Requests okta-groups may still send in the bucket's current window under"
            + " rateLimits.maxShare.",
        "gauge",
        "bucket",
        () -> target.buckets(Wiring.BucketFigure.HEADROOM));
    metrics.labelled(
        "okta_groups_rate_limit_limit",
        "The bucket's X-Rate-Limit-Limit, as Okta last reported it.",
        "gauge",
        "bucket",
        () -> target.buckets(Wiring.BucketFigure.LIMIT));
  }

  private Wiring.Target connect(GitWatchSource source, List<AutoCloseable> resources) {
    if (okta.sandbox) {
      if (okta.oktaUrl != null) {
        throw CliException.usage("--sandbox and --okta-url are alternatives; give one");
      }
      // Seed the sandbox for the branch as it is now, as the first reconcile will see it.
      ValidationResult v =
          Pipeline.prepare(source.read(source.fetch()), LocalDate.now(main.env().clock()))
              .validation();
      Wiring.Target t = Wiring.embedded(v.config(), v.manifests(), this::log);
      resources.add(t);
      target = t;
      return t;
    }
    String url =
        Optional.ofNullable(okta.oktaUrl)
            .or(() -> main.env().var("OKTA_ORG_URL"))
            .orElseThrow(
                () ->
                    CliException.usage(
                        "no Okta org: pass --okta-url, set OKTA_ORG_URL, or use --sandbox"));
    // Slack for the apps whose manifests link channels on the branch as it is now, tokens from
    // the environment, as plan and apply connect it; a Slack app that starts linking channels
    // later is connected at the watcher's next start.
    ValidationResult v =
        Pipeline.prepare(source.read(source.fetch()), LocalDate.now(main.env().clock()))
            .validation();
    Wiring.Target t =
        Wiring.connect(main, url)
            .withSlack(() -> SlackWiring.connect(main, v.config(), v.manifests()));
    resources.add(t);
    target = t;
    return t;
  }

  private Path defaultStateDir(String orgUrl) {
    String host = orgUrl.replaceAll("^[a-z]+://", "").replaceAll("[^A-Za-z0-9._-]+", "_");
    return main.env()
        .var("XDG_STATE_HOME")
        .map(Path::of)
        .orElseGet(() -> main.env().home().resolve(".local").resolve("state"))
        .resolve("okta-groups")
        .resolve(host);
  }

  static InetSocketAddress address(String listen) {
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw CliException.usage("--listen " + listen + ": write HOST:PORT or :PORT");
    }
    String host = listen.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw CliException.usage("--listen " + listen + ": the port must be a number");
    }
    if (port < 0 || port > 65535) {
      throw CliException.usage("--listen " + listen + ": the port must be between 0 and 65535");
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  private void log(String line) {
    synchronized (main.err()) {
      main.err()
          .println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " okta-groups watch: " + line);
      main.err().flush();
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // already failing; the first error is the one to report
      }
    }
  }
}
