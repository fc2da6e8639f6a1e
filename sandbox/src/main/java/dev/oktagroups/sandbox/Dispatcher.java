package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.oktagroups.sandbox.auth.ServiceApps;
import dev.oktagroups.sandbox.org.OktaError;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.Views;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Answers every HTTP exchange: Okta's headers, the concurrency limit, authentication, routing,
 * injected faults, rate limits, then the route's handler under the org lock; counts the request and
 * tells the exchange listeners.
 */
final class Dispatcher {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final SandboxConfig config;
  private final Org org;
  private final Router router;
  private final RateLimiter limiter;
  private final Faults faults;
  private final RequestStats stats;
  private final List<Consumer<Exchange>> listeners;
  private final Authenticator authenticator;
  private final TokenEndpoint tokenEndpoint;
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * @param listeners read on every exchange; the sandbox adds to it while serving
   */
  Dispatcher(
      SandboxConfig config,
      Org org,
      Router router,
      RateLimiter limiter,
      Faults faults,
      RequestStats stats,
      List<Consumer<Exchange>> listeners,
      ServiceApps serviceApps,
      TokenEndpoint tokenEndpoint) {
    this.config = config;
    this.org = org;
    this.router = router;
    this.limiter = limiter;
    this.faults = faults;
    this.stats = stats;
    this.listeners = listeners;
    this.authenticator = new Authenticator(config.token(), serviceApps);
    this.tokenEndpoint = tokenEndpoint;
  }

  /** One request as it goes through: what was asked, and what routing and limits made of it. */
  private static final class Call {
    final String method;
    final String path;
    final String query;
    final byte[] requestBody;
    final boolean control;

    /** The matched route's template; empty until a route matches. */
    String template = "";

    /** Whether a rate or concurrency limit refused the call. */
    boolean limited;

    Call(HttpExchange ex) throws IOException {
      this.method = ex.getRequestMethod();
      this.path = ex.getRequestURI().getRawPath();
      this.query = Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse("");
      this.requestBody = ex.getRequestBody().readAllBytes();
      this.control = path.startsWith("/__sandbox/");
    }
  }

  /** A status and body to send, or a connection to drop. */
  private record Answer(int status, byte[] body, boolean reset) {
    static final Answer RESET = new Answer(0, new byte[0], true);
  }

  void handle(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    Call call = new Call(ex);
    Headers out = ex.getResponseHeaders();
    String requestId = org.opaqueId("");
    out.add("X-Okta-Request-Id", requestId);
    out.add("Date", HTTP_DATE.format(org.clock().now()));
    out.add("Content-Type", "application/json;charset=UTF-8");

    boolean counted = !call.control && call.path.startsWith("/api/");
    if (counted) {
      inFlight.incrementAndGet();
    }
    Answer answer;
    try {
      answer = answer(ex, call, counted);
      if (answer.reset()) {
        // Closing without an answer: the client sees the connection drop.
        stats.record(call.method + " " + call.template, false);
        log(call.method, call.path, call.query, 0, t0);
        ex.close();
        return;
      }
    } finally {
      if (counted) {
        inFlight.decrementAndGet();
      }
    }
    if (!call.control && !call.template.isEmpty()) {
      stats.record(call.method + " " + call.template, call.limited);
    } else if (!call.control) {
      stats.record(call.method + " (no route)", call.limited);
    }
    send(ex, call, answer);
    log(call.method, call.path, call.query, answer.status(), t0);
  }

  /** The answer to a call, Okta's error bodies included. */
  private Answer answer(HttpExchange ex, Call call, boolean counted) throws IOException {
    try {
      return dispatch(ex, call, counted);
    } catch (OktaError e) {
      byte[] body = Json.MAPPER.writeValueAsBytes(Views.error(e, org.opaqueId("oae")));
      if (e.status() == 401) {
        ex.getResponseHeaders().set("WWW-Authenticate", "SSWS realm=\"Okta\"");
      }
      return new Answer(e.status(), body, false);
    } catch (RuntimeException e) {
      OktaError err =
          new OktaError(500, "E0000009", "Internal Server Error", List.of(String.valueOf(e)));
      return new Answer(
          500, Json.MAPPER.writeValueAsBytes(Views.error(err, org.opaqueId("oae"))), false);
    }
  }

  /** Limits, authentication, routing and faults, in Okta's order; then the handler. */
  private Answer dispatch(HttpExchange ex, Call call, boolean counted) throws IOException {
    Headers out = ex.getResponseHeaders();
    if (call.path.equals(TokenEndpoint.PATH)) {
      return token(ex, call);
    }
    if (counted && inFlight.get() > config.concurrencyLimit()) {
      // Okta's concurrency violation: 429 with a zero limit and an estimated reset.
      call.limited = true;
      out.set("X-Rate-Limit-Limit", "0");
      out.set("X-Rate-Limit-Remaining", "0");
      out.set("X-Rate-Limit-Reset", Long.toString(org.clock().now().getEpochSecond() + 1));
      throw tooManyRequests();
    }
    Optional<ServiceApps.Bearer> bearer = authenticator.caller(ex.getRequestHeaders());
    Router.Match m =
        router.match(call.method, call.path).orElseThrow(() -> OktaError.noPath(call.path));
    call.template = m.route().template();
    if (bearer.isPresent()) {
      Scopes.check(bearer.get(), m.route(), out);
    }
    boolean loseResponse = false;
    if (!call.control) {
      // Okta's rate limiter answers before the request reaches the service, so a 429 never meets
      // an injected fault and is not counted by one: "every fifth write" means every fifth write
      // that the limiter let through. Counted the other way round, a storm's 429s pushed each
      // retry of one create onto the fifth place, and it gave up after eight 503s in a row.
      rateLimit(call, out);
      Optional<Faults.Kind> drop = fault(call, out);
      if (drop.equals(Optional.of(Faults.Kind.RESET))) {
        return Answer.RESET;
      }
      loseResponse = drop.isPresent();
    }
    Headers in = ex.getRequestHeaders();
    if ((call.method.equals("POST") || call.method.equals("PUT"))
        && !call.control
        && call.requestBody.length == 0
        && in.getFirst("Content-Length") == null
        && in.getFirst("Transfer-Encoding") == null) {
      // Okta rejects a body-less POST or PUT that does not say Content-Length: 0.
      throw new OktaError(
          411, "E0000003", "Length Required", List.of("Send Content-Length: 0 with an empty body"));
    }
    Request request =
        new Request(
            call.method, call.path, m.params(), parseQuery(call.query), json(call.requestBody));
    // Handlers render live entities: under the lock, an answer shows one state of the org.
    Response r = org.locked(() -> m.route().handler().handle(request));
    if (loseResponse) {
      return Answer.RESET; // done, but the answer never arrives
    }
    r.links().forEach(l -> out.add("Link", l));
    byte[] body = r.body() != null ? Json.MAPPER.writeValueAsBytes(r.body()) : new byte[0];
    return new Answer(r.status(), body, false);
  }

  /**
   * The authorization server's answer: its own errors, no Authorization header, no API rate limits,
   * and never cached.
   */
  private Answer token(HttpExchange ex, Call call) {
    call.template = TokenEndpoint.PATH;
    TokenEndpoint.Reply r =
        tokenEndpoint.answer(
            call.method, ex.getRequestHeaders().getFirst("Content-Type"), call.requestBody);
    Headers out = ex.getResponseHeaders();
    out.set("Cache-Control", "no-store");
    out.set("Pragma", "no-cache");
    return new Answer(r.status(), r.body(), false);
  }

  private static OktaError tooManyRequests() {
    return new OktaError(
        429, "E0000047", "API call exceeded rate limit due to too many requests.", List.of());
  }

  /**
   * Applies an injected fault; returns {@code RESET} when the connection is to be dropped now, or
   * {@code LOSE_RESPONSE} when after the request is done.
   */
  private Optional<Faults.Kind> fault(Call call, Headers out) {
    Optional<Faults.Rule> fault = faults.match(call.method, call.path);
    if (fault.isEmpty()) {
      return Optional.empty();
    }
    Faults.Rule f = fault.get();
    switch (f.kind()) {
      case RESET, LOSE_RESPONSE -> {
        return Optional.of(f.kind());
      }
      case LATENCY -> sleep(f.millis());
      case RATE_LIMIT_429 -> {
        // Another client of the bucket spent it: a window that resets far ahead.
        long reset = org.clock().now().plusMillis(f.millis()).getEpochSecond() + 1;
        call.limited = true;
        out.set("X-Rate-Limit-Limit", "50");
        out.set("X-Rate-Limit-Remaining", "0");
        out.set("X-Rate-Limit-Reset", Long.toString(reset));
        throw tooManyRequests();
      }
      case ERROR_500 -> throw new OktaError(500, "E0000009", "Internal Server Error", List.of());
      case ERROR_503 -> throw new OktaError(503, "E0000009", "Service Unavailable", List.of());
      case LOCKED_423 ->
          throw new OktaError(
              423,
              "E0000239",
              "Policy priorities are being reconciled. Please try again later.",
              List.of());
    }
    return Optional.empty();
  }

  private void rateLimit(Call call, Headers out) {
    if (!config.rateLimits()) {
      return;
    }
    RateLimiter.Decision d = limiter.take(call.method, call.template);
    out.set("X-Rate-Limit-Limit", Integer.toString(d.limit()));
    out.set("X-Rate-Limit-Remaining", Integer.toString(d.remaining()));
    out.set("X-Rate-Limit-Reset", Long.toString(d.resetEpochSecond()));
    if (!d.allowed()) {
      call.limited = true;
      throw tooManyRequests();
    }
  }

  private static JsonNode json(byte[] requestBody) {
    if (requestBody.length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(requestBody);
    } catch (IOException e) {
      throw OktaError.malformed(
          e.getMessage() == null ? "invalid JSON" : firstLine(e.getMessage()));
    }
  }

  /** Tells the listeners, then sends the answer. */
  private void send(HttpExchange ex, Call call, Answer answer) throws IOException {
    Headers out = ex.getResponseHeaders();
    int status = answer.status();
    byte[] body = answer.body();
    boolean empty = status == 204 || status == 202 || body.length == 0;
    if (empty) {
      out.remove("Content-Type");
    }
    if (!listeners.isEmpty()) {
      // Before the answer goes out, so whoever sent the request sees its exchange recorded.
      Map<String, List<String>> headers = new LinkedHashMap<>();
      out.forEach((k, v) -> headers.put(k, List.copyOf(v)));
      Exchange x =
          new Exchange(
              call.method,
              call.path,
              call.query,
              call.template,
              call.requestBody,
              status,
              headers,
              body);
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
  }

  private void log(String method, String path, String query, int status, long t0) {
    if (config.requestLog() != null) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      config
          .requestLog()
          .accept(
              String.format(
                  "%s %s%s -> %s (%d ms)",
                  method,
                  path,
                  query.isEmpty() ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8),
                  status == 0 ? "reset" : status,
                  ms));
    }
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
