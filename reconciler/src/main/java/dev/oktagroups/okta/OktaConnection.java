package dev.oktagroups.okta;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.AuthorizationMode;
import com.okta.sdk.client.ClientBuilder;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.client.ApiClient;
import java.net.URI;
import java.nio.file.Path;
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

  /** The scopes okta-groups needs; read-only runs need only the .read ones. */
  public static final Set<String> SCOPES =
      Set.of(
          "okta.groups.read",
          "okta.groups.manage",
          "okta.apps.read",
          "okta.apps.manage",
          "okta.users.read",
          "okta.schemas.read",
          "okta.schemas.manage");

  private final Calls calls;
  private final String orgUrl;

  private OktaConnection(String orgUrl, ApiClient client) {
    this.orgUrl = orgUrl;
    this.calls = new Calls(client);
  }

  /**
   * Connects to {@code orgUrl}. Plain HTTP is accepted only on loopback (a sandbox).
   *
   * @throws IllegalArgumentException on a URL that is not https (or http on loopback)
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
            .setConnectionTimeout(30);
    if (credentials instanceof ApiToken t) {
      b.setClientCredentials(new TokenClientCredentials(t.token()));
    } else if (credentials instanceof ServiceApp s) {
      b.setAuthorizationMode(AuthorizationMode.PRIVATE_KEY)
          .setClientId(s.clientId())
          .setScopes(s.scopes())
          .setPrivateKey(s.privateKey());
    }
    return new OktaConnection(orgUrl, b.build());
  }

  public String orgUrl() {
    return orgUrl;
  }

  public OktaStateReader reader(int threads) {
    return new OktaStateReader(calls, threads);
  }

  public OktaStateWriter writer() {
    return new OktaStateWriter(calls);
  }

  public long requests() {
    return calls.requests();
  }

  public long rateLimited() {
    return calls.rateLimited();
  }

  /** Announces each retried call to {@code notice}: what failed, the attempt, and the wait. */
  public void onRetry(java.util.function.Consumer<String> notice) {
    calls.onRetry(notice);
  }
}
