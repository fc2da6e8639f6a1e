package dev.oktagroups.cli;

import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.okta.IncrementalReader;
import dev.oktagroups.okta.OktaConnection;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.port.OktaWriter;
import dev.oktagroups.port.OrgLease;
import dev.oktagroups.port.OrgReader;
import dev.oktagroups.port.SlackReader;
import dev.oktagroups.port.SlackWriter;
import dev.oktagroups.port.UserDirectory;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.slack.SlackConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The composition root: the one class in {@code cli} that knows the Okta adapter. It connects to a
 * real org with the environment's credentials, or starts an embedded sandbox, and hands the
 * pipeline the {@code port} reader and writer.
 */
final class Wiring {
  private Wiring() {}

  /**
   * What a command does to Okta, and so the scopes a service app asks for: a plan holds no token
   * that could write, and only the commands that read incrementally ask for the System Log.
   */
  enum Access {
    /** {@code plan} and drift checks: the .read scopes, and the log's. */
    READ("plan", OktaConnection.READ_SCOPES, true),
    /**
     * {@code apply}, {@code reconcile} and the watcher: the .read and .manage scopes, the log's.
     */
    WRITE("apply", OktaConnection.WRITE_SCOPES, true),
    /** The review commands, which read in full: the .read scopes. */
    READ_IN_FULL("plan", OktaConnection.READ_SCOPES, false),
    /** {@code import}, which reads the whole org in full: the scopes it always asked for. */
    IMPORT("apply", OktaConnection.WRITE_SCOPES, false);

    final String command;
    final Set<String> scopes;

    /** Whether the command polls the System Log: {@link ServiceAppScopes#LOGS} is then asked. */
    final boolean readsLog;

    Access(String command, Set<String> scopes, boolean readsLog) {
      this.command = command;
      this.scopes = scopes;
      this.readsLog = readsLog;
    }
  }

  /** What {@link Target#buckets} reports of each rate-limit bucket. */
  enum BucketFigure {
    /** Requests sent, retries included. */
    REQUESTS,
    /** Requests the rate-limit share still allows in the bucket's current window. */
    HEADROOM,
    /** The bucket's X-Rate-Limit-Limit; -1 before its first answer. */
    LIMIT
  }

  /** An Okta connection, the Slack one when manifests link channels, and the sandbox if any. */
  static final class Target implements AutoCloseable {
    private final OktaConnection connection;
    private final Optional<Sandbox> sandbox;
    private final String credentialSource;
    private final Supplier<Optional<SlackConnection>> slack;

    /** Okta refused the System Log's scope to this service app: reads are full, the log unread. */
    private final boolean logRefused;

    /** Where reads keep their cache; none for an embedded sandbox, which lives for one run. */
    private volatile Optional<IncrementalReader.Settings> readCache = Optional.empty();

    Target(OktaConnection connection, Optional<Sandbox> sandbox, String credentialSource) {
      this(connection, sandbox, credentialSource, false, Optional::empty);
    }

    private Target(
        OktaConnection connection,
        Optional<Sandbox> sandbox,
        String credentialSource,
        boolean logRefused,
        Supplier<Optional<SlackConnection>> slack) {
      this.connection = connection;
      this.sandbox = sandbox;
      this.credentialSource = credentialSource;
      this.logRefused = logRefused;
      this.slack = slack;
    }

    /**
     * This target with Slack too, connected when first needed: commands that never plan (import,
     * access reviews) need no Slack token.
     */
    Target withSlack(Supplier<Optional<SlackConnection>> s) {
      java.util.concurrent.atomic.AtomicReference<Optional<SlackConnection>> once =
          new java.util.concurrent.atomic.AtomicReference<>();
      Supplier<Optional<SlackConnection>> memo =
          () -> {
            synchronized (once) {
              if (once.get() == null) {
                once.set(s.get());
              }
              return once.get();
            }
          };
      return new Target(connection, sandbox, credentialSource, logRefused, memo);
    }

    /**
     * The Slack reader for commands: progress and the request count go to standard error, and a
     * failure to read ends the run with exit 1. Reads nothing when no app needs Slack.
     */
    SlackReader slackReporting(Main main) {
      return slack.get().map(s -> Reporting.slack(main, s, s::requests)).orElse(SlackReader.NONE);
    }

    /** The Slack reader, quiet, for the watcher. */
    SlackReader slackReader() {
      return slack.get().<SlackReader>map(s -> s).orElse(SlackReader.NONE);
    }

    SlackWriter slackWriter() {
      return slack.get().<SlackWriter>map(s -> s).orElse(SlackWriter.NONE);
    }

    /**
     * From now on, reads keep a read cache in {@code dir} (the default per org when empty) and read
     * incrementally while it is warm. Ignored for an embedded sandbox, and when Okta refused the
     * System Log's scope: without the log, no cache can be trusted. {@code file} is
     * okta-groups.yaml's bound on the cache's age, which {@code --max-cache-age} overrides.
     */
    Target useReadCache(
        Main main, Optional<String> dir, ReadCacheOptions o, OrgConfig.ReadCache file) {
      if (sandbox.isPresent() || logRefused) {
        return this;
      }
      Path d =
          dir.map(main.env()::resolve)
              .orElseGet(() -> ReadCacheOptions.Dir.defaultFor(main.env(), orgUrl()));
      readCache = Optional.of(new IncrementalReader.Settings(d, o.maxAge(file), o.fullRead));
      return this;
    }

    /**
     * From now on, a read cache older than {@code maxAge} is not trusted (the watcher's commits).
     */
    void maxCacheAge(Duration maxAge) {
      readCache =
          readCache.map(s -> new IncrementalReader.Settings(s.stateDir(), maxAge, s.fullRead()));
    }

    private OktaReader rawReader(int threads) {
      Optional<IncrementalReader.Settings> c = readCache;
      return c.isPresent()
          ? connection.incrementalReader(threads, c.get())
          : connection.reader(threads);
    }

    String orgUrl() {
      return connection.orgUrl();
    }

    /** Whether the System Log may be polled: not when Okta refused its scope to the app. */
    boolean readsLog() {
      return !logRefused;
    }

    /** API requests made so far, retries included. */
    long requests() {
      return connection.requests();
    }

    /** Keeps this org's requests under okta-groups.yaml's share of each rate-limit bucket. */
    Target pace(OrgConfig.RateLimits limits) {
      connection.pace(limits.maxShare());
      return this;
    }

    /**
     * A poller of the System Log for members Okta removed from groups: each poll names the groups
     * removed from since the last one (the first only takes the log's cursor).
     */
    RemovalWatch.Poller removals() {
      dev.oktagroups.okta.Removals r = connection.removals();
      return new RemovalWatch.Poller(
          notice -> {
            Set<String> out = new TreeSet<>();
            r.poll(notice).forEach(x -> out.add(x.groupName()));
            out.remove("");
            return out;
          },
          r::spacing);
    }

    /** One figure per rate-limit bucket used so far, by bucket name. */
    java.util.Map<String, Long> buckets(BucketFigure what) {
      java.util.Map<String, Long> out = new java.util.TreeMap<>();
      for (OktaConnection.BucketUse b : connection.buckets()) {
        out.put(
            b.bucket(),
            switch (what) {
              case REQUESTS -> b.requests();
              case HEADROOM -> (long) b.headroom();
              case LIMIT -> (long) b.limit();
            });
      }
      return out;
    }

    /** The reader, quiet, for callers that report failures themselves (the watcher). */
    OktaReader reader(int threads) {
      return rawReader(threads);
    }

    /**
     * The reader for commands: progress and the request count go to standard error, and a failure
     * to read ends the run with exit 1.
     */
    OktaReader reporting(Main main, int threads) {
      return Reporting.okta(main, rawReader(threads), connection::requests, credentialSource);
    }

    /** The whole-org reader for an import; progress goes to standard error. */
    OrgReader orgReader(Main main, int threads) {
      return Reporting.org(main, connection.reader(threads), connection::requests);
    }

    /**
     * The user directory for impact, reporting like {@link #reporting}: progress and the request
     * count on standard error, a failure ends the run with exit 1.
     */
    UserDirectory directory(Main main) {
      return Reporting.directory(main, connection.reader(1), connection::requests);
    }

    /** The directory, quiet, for the watcher. */
    UserDirectory directory() {
      return connection.reader(1);
    }

    OktaWriter writer() {
      return connection.writer();
    }

    OrgLease lease() {
      return connection.lease();
    }

    /** Abandons every call not yet sent, and every wait: for a shutdown. */
    void cancel() {
      connection.cancel();
    }

    int writesInFlight() {
      return connection.writesInFlight();
    }

    @Override
    public void close() {
      sandbox.ifPresent(Sandbox::close);
    }
  }

  /** The org a command's options name, for a command that writes. */
  static Target connect(Main main, OktaOptions o, Preparation.Prepared p) {
    return connect(main, o, p, Access.WRITE);
  }

  /** The org a command's options name: --sandbox (seeded from {@code p}), or a real one. */
  static Target connect(Main main, OktaOptions o, Preparation.Prepared p, Access access) {
    Target t = target(main, o, p, access);
    return p == null ? t : t.pace(p.config().rateLimits());
  }

  private static Target target(Main main, OktaOptions o, Preparation.Prepared p, Access access) {
    if (o.sandbox) {
      if (o.oktaUrl != null) {
        throw CliException.usage("--sandbox and --okta-url are alternatives; give one");
      }
      return embedded(
          p.config(), p.manifests(), line -> main.err().println("okta-groups: " + line));
    }
    Target t = oktaTarget(main, o, p, access);
    return p == null ? t : t.withSlack(() -> SlackWiring.connect(main, p.config(), p.manifests()));
  }

  private static Target oktaTarget(
      Main main, OktaOptions o, Preparation.Prepared p, Access access) {
    if (o.oktaUrl != null) {
      return connect(main, o.oktaUrl, "--okta-url", access);
    }
    Optional<String> env = main.env().var("OKTA_ORG_URL");
    if (env.isPresent()) {
      return connect(main, env.get(), "OKTA_ORG_URL", access);
    }
    Optional<String> config = p == null ? Optional.empty() : p.config().orgUrl();
    return connect(
        main,
        config.orElseThrow(
            () ->
                CliException.usage(
                    "no Okta org: pass --okta-url, set OKTA_ORG_URL, set org.url in okta-groups.yaml, or use --sandbox")),
        "org.url in okta-groups.yaml",
        access);
  }

  /**
   * Starts a sandbox org seeded for these manifests, and connects to it; {@code announce} hears
   * where.
   */
  static Target embedded(
      OrgConfig config, List<GroupManifest> manifests, Consumer<String> announce) {
    EmbeddedSandbox.Seeded s =
        EmbeddedSandbox.start(config, manifests, EmbeddedSandbox.Options.embedded());
    announce.accept(
        "embedded sandbox at "
            + s.sandbox().url()
            + " ("
            + s.users()
            + " synthetic people, "
            + s.people()
            + " named in manifests, "
            + s.apps()
            + " apps)");
    return new Target(
            OktaConnection.connect(
                s.sandbox().url(), new OktaConnection.ApiToken(s.sandbox().token())),
            Optional.of(s.sandbox()),
            "the embedded sandbox's token")
        .withSlack(() -> SlackWiring.sandbox(s.sandbox(), config, manifests));
  }

  /**
   * Starts a sandbox seeded as {@link #embedded} does, plus the brownfield org: what an import
   * against {@code --sandbox} reads.
   */
  static Target brownfield(
      OrgConfig config, List<GroupManifest> manifests, Consumer<String> announce) {
    Target t = embedded(config, manifests, announce);
    int added = t.sandbox.orElseThrow().seedBrownfield(42, 0);
    announce.accept("seeded a brownfield org: " + added + " groups made in the admin console");
    return t;
  }

  /** Connects to a real org with the credentials in the environment, for a command that writes. */
  static Target connect(Main main, String url) {
    return connect(main, url, Access.WRITE);
  }

  /** Connects to a saved plan's org, for a command with the given access. */
  static Target connect(Main main, String url, Access access) {
    return connect(main, url, "the saved plan", access);
  }

  /**
   * Connects to {@code url}, which {@code from} supplied (named in errors), with the credentials in
   * the environment; retries are announced on standard error. A service app's token is fetched
   * here, so a refused one ends the run before any read or write.
   */
  static Target connect(Main main, String url, String from, Access access) {
    OrgUrl.check(url, from);
    OktaConnection.Credentials creds = credentials(main, access);
    ServiceAppScopes.Connected<OktaConnection> c;
    try {
      c =
          creds instanceof OktaConnection.ServiceApp app
              ? ServiceAppScopes.connect(
                  app.clientId(),
                  app.scopes(),
                  access,
                  main.env().var("OKTA_SCOPES").isEmpty(),
                  s ->
                      OktaConnection.connect(
                          url, new OktaConnection.ServiceApp(app.clientId(), app.privateKey(), s)),
                  line -> main.err().println("okta-groups: " + line))
              : new ServiceAppScopes.Connected<>(OktaConnection.connect(url, creds), false);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(from + ": " + e.getMessage());
    } catch (OktaFailure f) {
      throw new CliException(ExitCode.FAILURE, Reporting.explain(f, "OKTA_API_TOKEN"), f);
    }
    c.connection()
        .onRetry(
            line -> {
              synchronized (main.err()) {
                main.err().println("okta-groups: " + line);
                main.err().flush();
              }
            });
    String source =
        creds instanceof OktaConnection.ApiToken
            ? "OKTA_API_TOKEN"
            : "OKTA_CLIENT_ID and OKTA_PRIVATE_KEY_FILE";
    return new Target(c.connection(), Optional.empty(), source, c.logRefused(), Optional::empty);
  }

  /** Whether the environment holds Okta credentials of either kind. */
  static boolean hasCredentials(Main main) {
    return main.env().var("OKTA_API_TOKEN").isPresent()
        || main.env().var("OKTA_CLIENT_ID").isPresent();
  }

  /**
   * The environment's credentials. A service app asks for the scopes {@code access} needs; when
   * {@code OKTA_SCOPES} lists the scopes granted to it and one of those is missing, the command is
   * refused here, before anything is sent.
   */
  static OktaConnection.Credentials credentials(Main main, Access access) {
    Optional<String> token = main.env().var("OKTA_API_TOKEN");
    Optional<String> client = main.env().var("OKTA_CLIENT_ID");
    if (token.isPresent()) {
      return new OktaConnection.ApiToken(token.get());
    }
    if (client.isPresent()) {
      String key =
          main.env()
              .var("OKTA_PRIVATE_KEY_FILE")
              .orElseThrow(
                  () ->
                      CliException.usage("OKTA_CLIENT_ID is set but OKTA_PRIVATE_KEY_FILE is not"));
      Path keyPath = main.env().resolve(key);
      if (!Files.isReadable(keyPath)) {
        throw CliException.usage("OKTA_PRIVATE_KEY_FILE " + key + " cannot be read");
      }
      Set<String> asked = ServiceAppScopes.asked(access, main.env().var("OKTA_SCOPES"));
      return new OktaConnection.ServiceApp(client.get(), keyPath, asked);
    }
    throw CliException.usage(
        "no Okta credentials: set OKTA_API_TOKEN, or OKTA_CLIENT_ID and OKTA_PRIVATE_KEY_FILE"
            + " (see docs/operations.md), or use --sandbox");
  }
}
