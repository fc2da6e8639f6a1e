package dev.oktagroups.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.Clients;
import com.okta.sdk.helper.ApiExceptionHelper;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.client.Pair;
import com.okta.sdk.resource.model.Error;
import dev.oktagroups.sandbox.org.App;
import dev.oktagroups.sandbox.org.Seeder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** A sandbox plus a real okta-sdk-java client pointed at it, as dependencies.md prescribes. */
final class SdkFixture implements AutoCloseable {
  static final String GOOGLE = "0oa1googlews00000007";
  static final String SLACK = "0oa1slack00000000007";
  static final String FIGMA = "0oa1figma00000000007";
  static final String GITLAB = "0oa1gitlab0000000007";

  final Sandbox sandbox;
  final ApiClient client;

  /** Every exchange of every test is checked against Okta's spec; close() fails on violations. */
  final SpecContract.Recorder contract = new SpecContract.Recorder();

  private SdkFixture(Sandbox sandbox) {
    this.sandbox = sandbox;
    this.client = client(sandbox.url(), sandbox.token());
    sandbox.onExchange(contract);
  }

  /** A sandbox without rate limits (tests of limits turn them on themselves). */
  static SdkFixture start() throws Exception {
    return start(SandboxConfig.defaults().withRateLimits(false));
  }

  static SdkFixture start(SandboxConfig config) throws Exception {
    return new SdkFixture(Sandbox.start(config));
  }

  static ApiClient client(String url, String token) {
    // Read by the builder's constructor only, so it must be set before every build.
    System.setProperty("okta.testing.disableHttpsCheck", "true");
    return Clients.builder()
        .setOrgUrl(url)
        .setClientCredentials(new TokenClientCredentials(token))
        .setCacheManager(Caches.newDisabledCacheManager())
        .setRetryMaxAttempts(0)
        .build();
  }

  /** The catalog's apps, and a few hundred people, as a repository's org would have. */
  SdkFixture seeded(int users) {
    Seeder.seed(
        sandbox.org(),
        new Seeder.Spec(
            users,
            7,
            List.of(
                new Seeder.Attribute("division", List.of()),
                new Seeder.Attribute("department", List.of()),
                new Seeder.Attribute("managementLevel", List.of()),
                new Seeder.Attribute("company", List.of()),
                new Seeder.Attribute("countryCode", List.of()),
                new Seeder.Attribute("userType", List.of())),
            List.of(
                new Seeder.AppSpec(
                    GOOGLE, "google", "Google Workspace", true, App.PushType.GOOGLE, "example.com"),
                new Seeder.AppSpec(SLACK, "slack", "Slack", true, App.PushType.SLACK, null),
                new Seeder.AppSpec(FIGMA, "figma", "Figma", false, App.PushType.GENERIC, null),
                new Seeder.AppSpec(
                    GITLAB, "gitlab", "GitLab.com", false, App.PushType.GENERIC, null))));
    return this;
  }

  /** The Okta error of a call that must fail. */
  static Error fails(Executable call) {
    try {
      call.execute();
    } catch (ApiException e) {
      return ApiExceptionHelper.getError(e);
    } catch (Throwable t) {
      throw new AssertionError("expected an ApiException, got " + t, t);
    }
    throw new AssertionError("expected the call to fail");
  }

  static int status(Executable call) {
    try {
      call.execute();
    } catch (ApiException e) {
      return e.getCode();
    } catch (Throwable t) {
      throw new AssertionError("expected an ApiException, got " + t, t);
    }
    throw new AssertionError("expected the call to fail");
  }

  /** Calls an endpoint the SDK 24 has no API class for, through its own ApiClient. */
  <T> T call(
      String method, String path, Map<String, Object> query, Object body, TypeReference<T> type) {
    List<Pair> q = new ArrayList<>();
    query.forEach((k, v) -> q.addAll(client.parameterToPair(k, v)));
    return client.invokeAPI(
        path,
        method,
        q,
        new ArrayList<>(),
        null,
        body,
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        "application/json",
        "application/json",
        new String[] {"apiToken", "oauth2"},
        type);
  }

  @Override
  public void close() {
    sandbox.close();
    List<String> v = contract.violations();
    if (!v.isEmpty()) {
      throw new AssertionError(
          "responses that break Okta's spec:\n  "
              + String.join("\n  ", v.subList(0, Math.min(20, v.size())))
              + (v.size() > 20 ? "\n  … and " + (v.size() - 20) + " more" : ""));
    }
  }
}
