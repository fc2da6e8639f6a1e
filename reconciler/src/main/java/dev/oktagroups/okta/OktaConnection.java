package dev.oktagroups.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.AuthorizationMode;
import com.okta.sdk.client.ClientBuilder;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.port.OrgLease;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Builds the SDK client and the reader and writer over it. Credentials are an API token or an OAuth
 * 2.0 service app with a private key; neither is ever printed.
 */
public final class OktaConnection {
  /** How to authenticate. */
  public sealed interface Credentials {}

  /** An API token, sent as {@code SSWS <token>}. */
  public record ApiToken(String token) implements Credentials {
    @Override
    public String toString() {
      return "ApiToken[redacted]";
    }
  }

  /**
   * An OAuth 2.0 service app: client credentials with a private-key JWT, and the scopes to ask for.
   */
  public record ServiceApp(String clientId, Path privateKey, Set<String> scopes)
      implements Credentials {}

  /** The scopes a plan needs: it reads groups, rules, members, apps, users and the schema. */
  public static final Set<String> READ_SCOPES =
      Set.of("okta.groups.read", "okta.apps.read", "okta.users.read", "okta.schemas.read");

  /**
   * The scopes an apply needs: the reads, and the writes to groups, rules, members, assignments,
   * push mappings and (on the first apply) the group schema. Okta's spec puts only the .read scope
   * on reads, so the .read scopes are asked for too.
   */
  public static final Set<String> WRITE_SCOPES =
      Set.of(
          "okta.groups.read",
          "okta.groups.manage",
          "okta.apps.read",
          "okta.apps.manage",
          "okta.users.read",
          "okta.schemas.read",
          "okta.schemas.manage");

  /**
   * The SDK's one timeout, in seconds: for connecting, for waiting on a pooled connection, and for
   * each answer. Okta answers a page in well under a second; ten seconds is ample headroom, and
   * keeps an org that accepts connections but never answers from holding a run for minutes (the
   * SDK's default is 30 s, retried up to eight times). A timed-out call is tried once more ({@link
   * Calls#MAX_TIMEOUTS}). Until the org has answered anything, reads wait much less, and are not
   * tried again ({@link FirstContact}).
   */
  static final int TIMEOUT_SECONDS = 10;

  /** Every scope okta-groups may use. */
  public static final Set<String> SCOPES = WRITE_SCOPES;

  private final Calls calls;
  private final String orgUrl;
  private final KnownApps knownApps = new KnownApps(java.time.Clock.systemUTC());
  private final DetailCache details = new DetailCache();

  private OktaConnection(String orgUrl, ApiClient client) {
    this.orgUrl = orgUrl;
    this.calls = new Calls(client);
  }

  /**
   * Connects to {@code orgUrl}. Plain HTTP is accepted only on loopback (a sandbox).
   *
   * @throws IllegalArgumentException on a URL that is not https (or http on loopback)
   * @throws OktaFailure when the org authorization server refuses a service app's token request:
   *     {@link OktaFailure#errorCode()} is OAuth's error ({@code invalid_client}, {@code
   *     invalid_scope}) and the message Okta's description
   */
  public static OktaConnection connect(String orgUrl, Credentials credentials) {
    URI u = URI.create(orgUrl);
    String host = u.getHost() == null ? "" : u.getHost();
    if ("http".equals(u.getScheme())) {
      if (!(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1"))) {
        throw new IllegalArgumentException("Okta org URLs use https: " + orgUrl);
      }
      // Read by the SDK builder's constructor only, hence before builder() is called.
      System.setProperty("okta.testing.disableHttpsCheck", "true");
    } else if (!"https".equals(u.getScheme())) {
      throw new IllegalArgumentException("not an Okta org URL: " + orgUrl);
    }
    ClientBuilder b =
        Clients.builder()
            .setOrgUrl(orgUrl.replaceAll("/+$", ""))
            .setCacheManager(Caches.newDisabledCacheManager())
            .setRetryMaxAttempts(0)
            .setConnectionTimeout(TIMEOUT_SECONDS);
    if (credentials instanceof ApiToken t) {
      b.setClientCredentials(new TokenClientCredentials(t.token()));
    } else if (credentials instanceof ServiceApp s) {
      b.setAuthorizationMode(AuthorizationMode.PRIVATE_KEY)
          .setClientId(s.clientId())
          .setScopes(s.scopes())
          .setPrivateKey(s.privateKey());
    }
    try {
      // A service app's client fetches its first token here.
      return new OktaConnection(orgUrl, b.build());
    } catch (RuntimeException e) {
      if (credentials instanceof ServiceApp) {
        throw tokenRefused(e);
      }
      throw e;
    }
  }

  /**
   * The token endpoint's refusal in the SDK's exception, as a failure with OAuth's error and
   * description; never the assertion, which the SDK does not put in its messages.
   */
  private static OktaFailure tokenRefused(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // A 401 arrives as an ApiException with the body; other statuses only inside a message.
      String body =
          t instanceof ApiException api && api.getResponseBody() != null
              ? api.getResponseBody()
              : String.valueOf(t.getMessage());
      int at = body.indexOf("{\"error\"");
      if (at < 0) {
        continue;
      }
      try {
        JsonNode json = new ObjectMapper().readTree(body.substring(at));
        int status = t instanceof ApiException api ? api.getCode() : 400;
        return new OktaFailure(
            status,
            json.get("error").asText(),
            json.path("error_description").asText(json.get("error").asText()),
            List.of());
      } catch (java.io.IOException notJson) {
        // Not OAuth's answer: reported below as a token request that failed.
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new OktaFailure(
        0,
        "",
        "the token request failed: "
            + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()),
        List.of());
  }

  public String orgUrl() {
    return orgUrl;
  }

  public OktaStateReader reader(int threads) {
    return new OktaStateReader(calls, threads, knownApps, details);
  }

  /**
   * A reader that keeps a read cache in {@code settings.stateDir()} and, while it is warm, reads
   * only what changed (see {@link IncrementalReader}).
   */
  public OktaReader incrementalReader(int threads, IncrementalReader.Settings settings) {
    return new IncrementalReader(reader(threads), orgUrl(), settings, java.time.Clock.systemUTC());
  }

  /** A fresh poller of the members Okta removes from groups, from the System Log. */
  public Removals removals() {
    return new Removals(reader(1), java.time.Clock.systemUTC(), details);
  }

  public OktaStateWriter writer() {
    return new OktaStateWriter(calls);
  }

  /**
   * A fresh handle on the org's one-writer lease; each apply takes its own. Its calls are its own
   * too, so a shutdown that abandons the run's calls can still give the lease up.
   */
  public OrgLease lease() {
    return new OktaLease(calls.sibling());
  }

  /** The run's calls, for tests in this package. */
  Calls calls() {
    return calls;
  }

  public long requests() {
    return calls.requests();
  }

  /**
   * Keeps this connection's requests under {@code maxShare} of each rate-limit bucket's
   * X-Rate-Limit-Limit (okta-groups.yaml {@code rateLimits.maxShare}); 1 only counts.
   */
  public void pace(double maxShare) {
    calls.pacer().share(maxShare);
  }

  /**
   * One rate-limit bucket as this connection has used it.
   *
   * @param requests requests sent so far, retries included
   * @param limit the bucket's X-Rate-Limit-Limit, -1 before its first answer
   * @param headroom requests the share still allows in the current window
   */
  public record BucketUse(String bucket, long requests, int limit, int headroom) {}

  /** Each bucket used so far, in name order. */
  public List<BucketUse> buckets() {
    return calls.pacer().buckets().values().stream()
        .map(b -> new BucketUse(b.name(), b.requests(), b.limit(), b.headroom()))
        .toList();
  }

  public long rateLimited() {
    return calls.rateLimited();
  }

  /**
   * For a shutdown: abandons every call not yet sent and every wait for a rate-limit window or a
   * backoff; requests already on the wire run to their end.
   */
  public void cancel() {
    calls.cancel();
  }

  /** Writes on the wire now; a shutdown waits for these only. */
  public int writesInFlight() {
    return calls.writesInFlight();
  }

  /** Announces each retried call to {@code notice}: what failed, the attempt, and the wait. */
  public void onRetry(java.util.function.Consumer<String> notice) {
    calls.onRetry(notice);
  }
}
