package dev.oktagroups.sandbox;

import com.sun.net.httpserver.HttpServer;
import dev.oktagroups.sandbox.auth.ServiceApps;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.SandboxClock;
import dev.oktagroups.sandbox.org.Settings;
import dev.oktagroups.sandbox.org.Views;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running Okta sandbox on loopback. Point any Okta client at {@link #url()} with {@code
 * Authorization: SSWS <}{@link #token()}{@code >}.
 *
 * <p>Every response carries {@code X-Okta-Request-Id}, {@code Date} and the {@code X-Rate-Limit-*}
 * headers; lists carry one {@code Link} header per relation. Control endpoints under {@code
 * /__sandbox/} (same token) seed, export state, simulate HR changes, inject faults and report
 * request counts.
 */
public final class Sandbox implements AutoCloseable {
  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm and the client's
    // delayed ACKs every response then stalls for ~40 ms. Read once, when the first server starts:
    // a process that starts another JDK HttpServer before the first Sandbox must set it itself
    // (okta-groups' Main does, and so does the build for tests).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SandboxConfig config;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Org org;
  private final Views views;
  private final Router router;
  private final SlackEndpoint slack;
  private final RateLimiter limiter;
  private final Faults faults = new Faults();
  private final ServiceApps serviceApps = new ServiceApps(java.time.Clock.systemUTC());
  private final RequestStats stats = new RequestStats();
  private final List<Consumer<Exchange>> listeners = new CopyOnWriteArrayList<>();
  private final String url;

  private Sandbox(SandboxConfig config) throws IOException {
    this.config = config;
    SandboxClock clock = SandboxClock.system(config.timeScale());
    this.org = new Org(clock, new Settings(), config.seed());
    this.limiter = new RateLimiter(clock, config.tokenShare());
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 256);
    this.url = "http://" + config.host() + ":" + server.getAddress().getPort();
    this.views = new Views(url, org);
    this.slack =
        new SlackEndpoint(
            org,
            config.rateLimits(),
            new SlackEndpoint.SlackTokens("xoxb-" + secret(), "xoxp-" + secret()));
    this.router = Api.router(this, org, views, url, new SlackControlRoutes(slack));
    // Requests must be able to overlap, or the concurrency limit could never be reached.
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sandbox-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/",
        new Dispatcher(
                config,
                org,
                router,
                limiter,
                faults,
                stats,
                listeners,
                serviceApps,
                new TokenEndpoint(serviceApps, url))
            ::handle);
    // Slack's Web API for the org's Slack apps, beside Okta's on the same server.
    server.createContext("/slack/", slack::handle);
  }

  private static String secret() {
    byte[] b = new byte[12];
    new java.security.SecureRandom().nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }

  /**
   * Where the Slack Web API of one Slack app's workspace is: the prefix Slack's SDK takes as its
   * methods endpoint URL ({@code .../api/}).
   */
  public String slackUrl(String appId) {
    return url + "/slack/" + appId + "/api/";
  }

  /** A bot token for the Slack workspaces: what a plain workspace's app is installed with. */
  public String slackBotToken() {
    return slack.tokens().bot();
  }

  /** A Grid admin's user token, with admin.usergroups:write: what the admin.* methods need. */
  public String slackAdminToken() {
    return slack.tokens().admin();
  }

  /**
   * Creates channels in a Slack app's workspace (names already there are kept).
   *
   * @return how many channels the workspace has now
   * @throws IllegalArgumentException when the org has no such Slack app, or a name is not one Slack
   *     allows
   */
  public int addSlackChannels(String appId, java.util.Collection<String> names) {
    SlackWorkspace ws =
        slack
            .workspace(appId)
            .orElseThrow(() -> new IllegalArgumentException("no Slack app " + appId));
    return org.locked(
        () -> {
          names.forEach(n -> ws.addChannel(n, false));
          return ws.channels().size();
        });
  }

  /** Starts a sandbox; {@code config.port()} 0 picks a free port. */
  public static Sandbox start(SandboxConfig config) throws IOException {
    Sandbox s = new Sandbox(config);
    s.server.start();
    return s;
  }

  public String url() {
    return url;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String token() {
    return config.token();
  }

  /**
   * Seeds the org: synthetic people, the catalog's attributes and apps, click-ops groups, and every
   * named person, ACTIVE. Deterministic for a given seed on a fresh sandbox.
   */
  public Seed.Result seed(Seed seed) {
    return Seeding.apply(org, seed);
  }

  /**
   * Adds, on top of {@link #seed}, an org as years of console work leave it: groups of every shape
   * {@code okta-groups import} meets, and a few it cannot import; plus {@code extra} plain groups
   * with direct members, for scale. Deterministic for a given seed on a freshly seeded sandbox.
   *
   * @return the number of groups added
   */
  public int seedBrownfield(long seed, int extra) {
    return org.unlogged(() -> Brownfield.apply(org, seed, extra)).groups();
  }

  /** The org, for tests that set up or inspect state directly. */
  public Org org() {
    return org;
  }

  public Settings settings() {
    return org.settings();
  }

  public Views views() {
    return views;
  }

  public Faults faults() {
    return faults;
  }

  /**
   * Registers an OAuth 2.0 service app with the org authorization server at {@code
   * /oauth2/v1/token}: its client id, its public keys as a JWKS document ({@code {"keys": [...]}}),
   * and the Okta scopes granted to it. Registering a client id again replaces it.
   *
   * @throws IllegalArgumentException naming what is wrong with the keys or a scope
   */
  /**
   * Takes a scope away from a service app and from the tokens it holds, at once; see {@link
   * ServiceApps#revoke}.
   *
   * @throws IllegalArgumentException when no such service app is registered
   */
  public void revokeScope(String clientId, String scope) {
    if (!serviceApps.revoke(clientId, scope)) {
      throw new IllegalArgumentException("no service app " + clientId);
    }
  }

  public void registerServiceApp(
      String clientId, String jwks, java.util.Collection<String> scopes) {
    try {
      serviceApps.register(clientId, Json.MAPPER.readTree(jwks), scopes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("jwks: not JSON (" + e.getOriginalMessage() + ")");
    }
  }

  /** The org authorization server's clients and tokens, for tests and the control API. */
  public ServiceApps serviceApps() {
    return serviceApps;
  }

  public RequestStats stats() {
    return stats;
  }

  /** Receives every exchange after it is answered; for contract tests and logs. */
  public void onExchange(Consumer<Exchange> listener) {
    listeners.add(listener);
  }

  /** Every route the sandbox serves, as "METHOD template"; for coverage checks. */
  public List<String> routes() {
    return router.routes().stream().map(r -> r.method() + " " + r.template()).toList();
  }

  /** A rate-limit bucket and how many requests per Okta minute one token may make in it. */
  public record Bucket(String name, int perTokenLimit) {}

  /** The bucket an endpoint ("METHOD template", as in {@link #stats()}) counts against. */
  public Bucket bucketOf(String endpoint) {
    int space = endpoint.indexOf(' ');
    Map.Entry<String, Integer> b =
        RateLimiter.bucket(endpoint.substring(0, space), endpoint.substring(space + 1));
    return new Bucket(b.getKey(), limiter.tokenLimit(b.getValue()));
  }

  /**
   * The busiest window of each rate-limit bucket so far: how many requests it let through, against
   * the bucket's per-token limit. A client that keeps to a share of each bucket keeps {@code used /
   * limit} at or under it.
   */
  public record Peak(String bucket, int used, int limit) {}

  /** The busiest window of each bucket used since the start or the last reset, by bucket. */
  public Map<String, Peak> ratePeaks() {
    Map<String, Peak> out = new java.util.TreeMap<>();
    limiter.peaks().forEach((bucket, peak) -> out.put(bucket, new Peak(bucket, peak[0], peak[1])));
    return out;
  }

  /** Starts new rate-limit windows for every bucket. */
  public void resetRateLimits() {
    limiter.reset();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
