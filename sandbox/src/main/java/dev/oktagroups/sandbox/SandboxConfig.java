package dev.oktagroups.sandbox;

import java.util.function.Consumer;

/**
 * How to run a sandbox. Defaults mimic a Workforce org with one API token: rate limits on, each
 * token getting half of each bucket, 75 concurrent requests.
 *
 * @param host the address to bind; loopback by default
 * @param port the port; 0 picks a free one
 * @param token the API token clients must send as {@code SSWS <token>}
 * @param timeScale how many times faster than real time Okta's clocks run: 60 makes a rate-limit
 *     minute last one second
 * @param seed the seed for ids and generated data
 * @param rateLimits whether per-endpoint rate limits apply
 * @param tokenShare the fraction of each bucket one token may use (Okta's default is 50%)
 * @param concurrencyLimit the most requests in flight at once before 429
 * @param requestLog receives one line per request, or null for silence
 */
public record SandboxConfig(
    String host,
    int port,
    String token,
    double timeScale,
    long seed,
    boolean rateLimits,
    double tokenShare,
    int concurrencyLimit,
    Consumer<String> requestLog) {

  public static SandboxConfig defaults() {
    return new SandboxConfig(
        "127.0.0.1", 0, "sandbox-token-0000000000000000000000000", 1.0, 42, true, 0.5, 75, null);
  }

  public SandboxConfig withPort(int p) {
    return new SandboxConfig(
        host, p, token, timeScale, seed, rateLimits, tokenShare, concurrencyLimit, requestLog);
  }

  public SandboxConfig withToken(String t) {
    return new SandboxConfig(
        host, port, t, timeScale, seed, rateLimits, tokenShare, concurrencyLimit, requestLog);
  }

  public SandboxConfig withTimeScale(double s) {
    return new SandboxConfig(
        host, port, token, s, seed, rateLimits, tokenShare, concurrencyLimit, requestLog);
  }

  public SandboxConfig withSeed(long s) {
    return new SandboxConfig(
        host, port, token, timeScale, s, rateLimits, tokenShare, concurrencyLimit, requestLog);
  }

  public SandboxConfig withRateLimits(boolean on) {
    return new SandboxConfig(
        host, port, token, timeScale, seed, on, tokenShare, concurrencyLimit, requestLog);
  }

  public SandboxConfig withConcurrencyLimit(int limit) {
    return new SandboxConfig(
        host, port, token, timeScale, seed, rateLimits, tokenShare, limit, requestLog);
  }

  public SandboxConfig withRequestLog(Consumer<String> log) {
    return new SandboxConfig(
        host, port, token, timeScale, seed, rateLimits, tokenShare, concurrencyLimit, log);
  }
}
