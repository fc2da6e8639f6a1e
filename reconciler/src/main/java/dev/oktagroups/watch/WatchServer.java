package dev.oktagroups.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The watcher's HTTP endpoints.
 *
 * <ul>
 *   <li>{@code POST /hooks/gitlab}: GitLab's push webhook. The {@code X-Gitlab-Token} header must
 *       equal the configured secret (compared in constant time, so response timing reveals nothing
 *       about it); then a push to the followed branch triggers an immediate fetch.
 *   <li>{@code GET /healthz}: the watcher's status as JSON; 200 while the loop runs, 503 if not.
 *   <li>{@code GET /metrics}: Prometheus text.
 * </ul>
 */
public final class WatchServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The largest webhook body read: GitLab's push events are a few kilobytes. */
  static final int MAX_BODY = 1 << 20;

  /** How much of an oversized body is read and dropped before the connection is cut. */
  static final long MAX_DRAIN = 64L << 20;

  private final HttpServer server;
  private final Watcher watcher;
  private final Metrics metrics;
  private final Optional<byte[]> secret;
  private final Consumer<String> log;

  private WatchServer(
      HttpServer server,
      Watcher watcher,
      Metrics metrics,
      Optional<String> secret,
      Consumer<String> log) {
    this.server = server;
    this.watcher = watcher;
    this.metrics = metrics;
    this.secret = secret.map(s -> s.getBytes(StandardCharsets.UTF_8));
    this.log = log;
  }

  /**
   * Starts serving on {@code address}.
   *
   * @param secret the webhook secret; without one, webhooks are refused (polling still works)
   */
  public static WatchServer start(
      InetSocketAddress address,
      Watcher watcher,
      Metrics metrics,
      Optional<String> secret,
      Consumer<String> log)
      throws IOException {
    // A deep backlog, so a burst of webhooks queues instead of being refused.
    HttpServer s = HttpServer.create(address, 256);
    WatchServer w = new WatchServer(s, watcher, metrics, secret, log);
    metrics.counter(
        "okta_groups_webhooks_total",
        "Webhook deliveries, by result (accepted, ignored, unauthorized, too_large, malformed).");
    s.createContext("/hooks/gitlab", w::hook);
    s.createContext("/healthz", w::health);
    s.createContext("/metrics", w::metrics);
    s.createContext(
        "/",
        ex ->
            w.send(
                ex,
                404,
                "text/plain",
                "not found: try /healthz, /metrics or POST /hooks/gitlab\n"));
    s.setExecutor(
        // Enough threads that slow or large webhook bodies never hold up /healthz.
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "watch-http");
              t.setDaemon(true);
              return t;
            }));
    s.start();
    return w;
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void hook(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      send(ex, 405, "text/plain", "POST only\n");
      return;
    }
    if (secret.isEmpty()) {
      answer(
          ex,
          401,
          "unauthorized",
          "{\"error\":\"webhooks are disabled: the watcher has no GITLAB_WEBHOOK_SECRET\"}\n");
      return;
    }
    // The token is checked before the body is read: a stranger's body is never read at all.
    if (!tokenMatches(ex)) {
      log.accept(
          "webhook refused: wrong or missing X-Gitlab-Token (from "
              + ex.getRemoteAddress().getAddress().getHostAddress()
              + ")");
      answer(ex, 401, "unauthorized", "{\"error\":\"wrong or missing X-Gitlab-Token\"}\n");
      return;
    }
    Optional<byte[]> read = boundedBody(ex);
    if (read.isEmpty()) {
      answer(
          ex,
          413,
          "too_large",
          "{\"error\":\"body over " + MAX_BODY + " bytes; GitLab push events are far smaller\"}\n");
      return;
    }
    Optional<JsonNode> event = jsonObject(read.get());
    if (event.isEmpty()) {
      answer(
          ex,
          400,
          "malformed",
          "{\"error\":\"the body is not a JSON object: send GitLab's push event\"}\n");
      return;
    }
    String ref = event.get().path("ref").asText("");
    String branch = watcher.status().branch();
    if (!ref.isEmpty() && !ref.equals("refs/heads/" + branch)) {
      answer(
          ex,
          202,
          "ignored",
          "{\"status\":\"ignored\",\"reason\":\"push to "
              + ref.replace("\"", "")
              + ", not "
              + branch
              + "\"}\n");
      return;
    }
    metrics.inc("okta_groups_webhooks_total", "result", "accepted");
    watcher.poke();
    send(ex, 202, "application/json", "{\"status\":\"queued\"}\n");
  }

  /**
   * Whether the request's X-Gitlab-Token is the secret. Digests first, so the comparison takes the
   * same time whatever the token's length too.
   */
  private boolean tokenMatches(HttpExchange ex) {
    String token =
        Optional.ofNullable(ex.getRequestHeaders().getFirst("X-Gitlab-Token")).orElse("");
    return MessageDigest.isEqual(
        sha256(secret.orElseThrow()), sha256(token.getBytes(StandardCharsets.UTF_8)));
  }

  private static Optional<JsonNode> jsonObject(byte[] body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // not JSON: the caller answers 400
    }
  }

  /** Counts a webhook delivery by its result and answers it with JSON. */
  private void answer(HttpExchange ex, int status, String result, String json) throws IOException {
    metrics.inc("okta_groups_webhooks_total", "result", result);
    send(ex, status, "application/json", json);
  }

  /**
   * The body, if it is at most {@link #MAX_BODY} bytes; empty when it is larger. A larger body is
   * read through in small pieces and dropped, never held whole, so the client is still there to
   * hear the 413; past {@link #MAX_DRAIN} the connection is simply closed.
   */
  private static Optional<byte[]> boundedBody(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] piece = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(piece)) > 0 && total <= MAX_DRAIN; ) {
      total += n;
      if (total <= MAX_BODY) {
        kept.write(piece, 0, n);
      } else if (kept.size() > 0) {
        kept = new ByteArrayOutputStream(); // over the bound: drop what was kept
      }
    }
    return total <= MAX_BODY ? Optional.of(kept.toByteArray()) : Optional.empty();
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void health(HttpExchange ex) throws IOException {
    Watcher.Status s = watcher.status();
    ObjectNode n = JSON.createObjectNode();
    String status =
        !s.running()
            ? "stopped"
            : s.paused().isPresent()
                ? "paused"
                : s.consecutiveFailures() > 0
                    ? "failing"
                    : s.invalidCommit().isPresent() ? "degraded" : "ok";
    n.put("status", status);
    n.put("org", s.orgUrl());
    n.put("branch", s.branch());
    put(n, "headCommit", s.head());
    put(n, "lastAppliedCommit", s.lastApplied());
    put(n, "lastSuccessAt", s.lastSuccessAt().map(Instant::toString));
    put(n, "lastError", s.lastError());
    put(n, "lastErrorAt", s.lastErrorAt().map(Instant::toString));
    put(n, "invalidCommit", s.invalidCommit());
    n.put("commitLag", s.commitLag());
    n.put("consecutiveFailures", s.consecutiveFailures());
    put(n, "retryAt", s.retryAt().map(Instant::toString));
    put(n, "paused", s.paused());
    ObjectNode drift = n.putObject("drift");
    put(drift, "lastCheckAt", s.lastDriftCheckAt().map(Instant::toString));
    drift.put("lastChanges", s.lastDriftChanges());
    drift.put("corrections", s.driftCorrections());
    send(
        ex,
        s.running() ? 200 : 503,
        "application/json",
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
  }

  private static void put(ObjectNode n, String key, Optional<String> v) {
    if (v.isPresent()) {
      n.put(key, v.get());
    } else {
      n.putNull(key);
    }
  }

  private void metrics(HttpExchange ex) throws IOException {
    send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
  }

  private void send(HttpExchange ex, int status, String type, String body) throws IOException {
    try (ex) {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
