package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.oktagroups.sandbox.org.OktaError;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.SandboxClock;
import dev.oktagroups.sandbox.org.Settings;
import dev.oktagroups.sandbox.org.Views;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A running Okta sandbox on loopback. Point any Okta client at {@link #url()} with
 * {@code Authorization: SSWS <}{@link #token()}{@code >}.
 *
 * <p>Every response carries {@code X-Okta-Request-Id}, {@code Date} and the
 * {@code X-Rate-Limit-*} headers; lists carry one {@code Link} header per relation. Control
 * endpoints under {@code /__sandbox/} (same token) seed, export state, simulate HR changes,
 * inject faults and report request counts.
 */
public final class Sandbox implements AutoCloseable {
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

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
  private final RateLimiter limiter;
  private final Faults faults = new Faults();
  private final RequestStats stats = new RequestStats();
  private final AtomicInteger inFlight = new AtomicInteger();
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
    this.router = Api.router(this, org, views, url);
    // Requests must be able to overlap, or the concurrency limit could never be reached.
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sandbox-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
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
   * Seeds the org: synthetic people, the catalog's attributes and apps, click-ops groups, and
   * every named person, ACTIVE. Deterministic for a given seed on a fresh sandbox.
   */
  public Seed.Result seed(Seed seed) {
    return Seeding.apply(org, seed);
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
    Map.Entry<String, Integer> b = RateLimiter.bucket(endpoint.substring(0, space), endpoint.substring(space + 1));
    return new Bucket(b.getKey(), limiter.tokenLimit(b.getValue()));
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

  // ================================================================ request handling

  private void handle(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    String query = Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse("");
    byte[] requestBody = ex.getRequestBody().readAllBytes();
    Headers out = ex.getResponseHeaders();
    String requestId = org.opaqueId("");
    out.add("X-Okta-Request-Id", requestId);
    out.add("Date", HTTP_DATE.format(org.clock().now()));
    out.add("Content-Type", "application/json;charset=UTF-8");

    boolean control = path.startsWith("/__sandbox/");
    String template = "";
    int status;
    byte[] body = new byte[0];
    boolean limited = false;
    boolean counted = !control && path.startsWith("/api/");
    if (counted) {
      inFlight.incrementAndGet();
    }
    try {
      if (counted && inFlight.get() > config.concurrencyLimit()) {
        // Okta's concurrency violation: 429 with a zero limit and an estimated reset.
        limited = true;
        out.set("X-Rate-Limit-Limit", "0");
        out.set("X-Rate-Limit-Remaining", "0");
        out.set("X-Rate-Limit-Reset", Long.toString(org.clock().now().getEpochSecond() + 1));
        throw new OktaError(429, "E0000047", "API call exceeded rate limit due to too many requests.", List.of());
      }
      authenticate(ex.getRequestHeaders());
      Optional<Router.Match> m = router.match(method, path);
      if (m.isEmpty()) {
        throw OktaError.noPath(path);
      }
      Router.Route route = m.get().route();
      template = route.template();
      if (!control) {
        Optional<Faults.Rule> fault = faults.match(method, path);
        if (fault.isPresent()) {
          Faults.Rule f = fault.get();
          switch (f.kind()) {
            case RESET -> {
              // Closing without an answer: the client sees the connection drop.
              stats.record(method + " " + template, false);
              log(method, path, query, 0, t0);
              ex.close();
              return;
            }
            case LATENCY -> sleep(f.latencyMillis());
            case ERROR_500 -> throw new OktaError(500, "E0000009", "Internal Server Error", List.of());
            case ERROR_503 -> throw new OktaError(503, "E0000009", "Service Unavailable", List.of());
            case LOCKED_423 -> throw new OktaError(423, "E0000239",
                "Policy priorities are being reconciled. Please try again later.", List.of());
          }
        }
        if (config.rateLimits()) {
          RateLimiter.Decision d = limiter.take(method, template);
          out.set("X-Rate-Limit-Limit", Integer.toString(d.limit()));
          out.set("X-Rate-Limit-Remaining", Integer.toString(d.remaining()));
          out.set("X-Rate-Limit-Reset", Long.toString(d.resetEpochSecond()));
          if (!d.allowed()) {
            limited = true;
            throw new OktaError(429, "E0000047", "API call exceeded rate limit due to too many requests.", List.of());
          }
        }
      }
      if ((method.equals("POST") || method.equals("PUT")) && !control && requestBody.length == 0
          && ex.getRequestHeaders().getFirst("Content-Length") == null
          && ex.getRequestHeaders().getFirst("Transfer-Encoding") == null) {
        // Okta rejects a body-less POST or PUT that does not say Content-Length: 0.
        throw new OktaError(411, "E0000003", "Length Required", List.of("Send Content-Length: 0 with an empty body"));
      }
      JsonNode json = null;
      if (requestBody.length > 0) {
        try {
          json = Json.MAPPER.readTree(requestBody);
        } catch (IOException e) {
          throw OktaError.malformed(e.getMessage() == null ? "invalid JSON" : firstLine(e.getMessage()));
        }
      }
      Request request = new Request(method, path, m.get().params(), parseQuery(query), json);
      // Handlers render live entities: under the lock, an answer shows one state of the org.
      Response r = org.locked(() -> route.handler().handle(request));
      status = r.status();
      r.links().forEach(l -> out.add("Link", l));
      if (r.body() != null) {
        body = Json.MAPPER.writeValueAsBytes(r.body());
      }
    } catch (OktaError e) {
      status = e.status();
      body = Json.MAPPER.writeValueAsBytes(Views.error(e, org.opaqueId("oae")));
      if (e.status() == 401) {
        out.set("WWW-Authenticate", "SSWS realm=\"Okta\"");
      }
    } catch (RuntimeException e) {
      status = 500;
      OktaError err = new OktaError(500, "E0000009", "Internal Server Error", List.of(String.valueOf(e)));
      body = Json.MAPPER.writeValueAsBytes(Views.error(err, org.opaqueId("oae")));
    } finally {
      if (counted) {
        inFlight.decrementAndGet();
      }
    }
    if (!control && !template.isEmpty()) {
      stats.record(method + " " + template, limited);
    } else if (!control) {
      stats.record(method + " (no route)", limited);
    }
    boolean empty = status == 204 || status == 202 || body.length == 0;
    if (empty) {
      out.remove("Content-Type");
    }
    if (!listeners.isEmpty()) {
      // Before the answer goes out, so whoever sent the request sees its exchange recorded.
      Map<String, List<String>> headers = new LinkedHashMap<>();
      out.forEach((k, v) -> headers.put(k, List.copyOf(v)));
      Exchange x = new Exchange(method, path, query, template, requestBody, status, headers, body);
      for (Consumer<Exchange> l : listeners) {
        try {
          l.accept(x);
        } catch (RuntimeException e) {
          // A broken listener must not break the API it observes.
          if (config.requestLog() != null) {
            config.requestLog().accept("exchange listener failed: " + e);
          }
        }
      }
    }
    if (empty) {
      ex.sendResponseHeaders(status, -1);
    } else {
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
    ex.close();
    log(method, path, query, status, t0);
  }

  private void log(String method, String path, String query, int status, long t0) {
    if (config.requestLog() != null) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      config.requestLog().accept(String.format("%s %s%s -> %s (%d ms)", method, path,
          query.isEmpty() ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8), status == 0 ? "reset" : status, ms));
    }
  }

  /** SSWS with the configured token; constant-time comparison so timing reveals nothing. */
  private void authenticate(Headers h) {
    String auth = h.getFirst("Authorization");
    if (auth != null) {
      String presented = null;
      if (auth.startsWith("SSWS ")) {
        presented = auth.substring(5).trim();
      } else if (auth.startsWith("Bearer ")) {
        presented = auth.substring(7).trim();
      }
      if (presented != null && MessageDigest.isEqual(
          presented.getBytes(StandardCharsets.UTF_8), config.token().getBytes(StandardCharsets.UTF_8))) {
        return;
      }
    }
    throw new OktaError(401, "E0000011", "Invalid token provided", List.of());
  }

  private static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return q;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
