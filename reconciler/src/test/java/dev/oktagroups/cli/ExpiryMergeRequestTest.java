package dev.oktagroups.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.oktagroups.mr.ExpiryMergeRequest;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.Repo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled job's merge request that removes expired entries, against WireMock standing in for
 * GitLab's API: it commits to its own branch, then opens the merge request, or updates the one
 * already open.
 */
class ExpiryMergeRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/api/v4/projects/1234";
  private static final Clock AFTER_ZOOM_EXPIRY =
      Clock.fixed(Instant.parse("2027-03-05T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  private WireMockServer gitlab;
  private Path repo;

  @BeforeEach
  void setUp() {
    gitlab = new WireMockServer(options().dynamicPort());
    gitlab.start();
    gitlab.stubFor(
        post(urlPathEqualTo(API + "/repository/commits"))
            .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"abc\"}")));
    repo = Repo.copyOwnGroups(tmp.resolve("repo"));
  }

  @AfterEach
  void tearDown() {
    gitlab.stop();
  }

  private Cli cli() {
    return Cli.create()
        .cwd(repo)
        .clock(AFTER_ZOOM_EXPIRY)
        .env("CI_API_V4_URL", "http://127.0.0.1:" + gitlab.port() + "/api/v4")
        .env("CI_PROJECT_ID", "1234")
        .env("CI_DEFAULT_BRANCH", "main")
        .env("OKTA_GROUPS_GITLAB_TOKEN", "glpat-job-token");
  }

  @Test
  void opensOneMergeRequestThatRemovesTheExpiredEntry() throws Exception {
    gitlab.stubFor(
        get(urlPathEqualTo(API + "/merge_requests"))
            .withQueryParam("source_branch", equalTo(ExpiryMergeRequest.BRANCH))
            .willReturn(aResponse().withBody("[]")));
    gitlab.stubFor(
        post(urlPathEqualTo(API + "/merge_requests"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody("{\"iid\":31,\"web_url\":\"https://gitlab.example.com/mr/31\"}")));
    Cli.Result r = cli().run("expiring", "--open-mr");
    assertEquals(ExitCode.OK, r.code(), r.toString());
    assertTrue(r.err().contains("opened merge request !31 removing 1 expired entries"), r.err());

    JsonNode commit =
        JSON.readTree(
            gitlab
                .findAll(postRequestedFor(urlPathEqualTo(API + "/repository/commits")))
                .get(0)
                .getBodyAsString());
    assertEquals(ExpiryMergeRequest.BRANCH, commit.get("branch").asText());
    assertEquals("main", commit.get("start_branch").asText());
    JsonNode action = commit.get("actions").get(0);
    assertEquals("groups/manual/app.zoom.webinar_hosts.yaml", action.get("file_path").asText());
    String content = action.get("content").asText();
    assertFalse(content.contains("2027-02-28"), "the expired entry is gone:\n" + content);
    assertTrue(content.contains("members:"), content);
    gitlab.verify(
        postRequestedFor(urlPathEqualTo(API + "/merge_requests"))
            .withHeader("PRIVATE-TOKEN", equalTo("glpat-job-token")));
  }

  @Test
  void updatesTheMergeRequestAlreadyOpen() {
    gitlab.stubFor(
        get(urlPathEqualTo(API + "/merge_requests"))
            .willReturn(aResponse().withBody("[{\"iid\":31}]")));
    gitlab.stubFor(
        put(urlPathEqualTo(API + "/merge_requests/31"))
            .willReturn(aResponse().withBody("{\"iid\":31,\"web_url\":\"u\"}")));
    Cli.Result r = cli().run("expiring", "--open-mr");
    assertEquals(ExitCode.OK, r.code(), r.toString());
    assertTrue(r.err().contains("updated merge request !31"), r.err());
    assertEquals(
        0, gitlab.findAll(postRequestedFor(urlPathEqualTo(API + "/merge_requests"))).size());
    assertEquals(
        1, gitlab.findAll(putRequestedFor(urlPathEqualTo(API + "/merge_requests/31"))).size());
  }

  @Test
  void missingVariablesAreOneClearLine() {
    Cli.Result r = Cli.create().cwd(repo).clock(AFTER_ZOOM_EXPIRY).run("expiring", "--open-mr");
    assertEquals(ExitCode.USAGE, r.code(), r.toString());
    assertTrue(r.err().contains("--open-mr needs CI_API_V4_URL"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void removingAnEntryKeepsEverythingElseAsWritten() {
    String yaml =
        "name: g\nmembers:\n  - user: a@x\n    reason: r\n    expires: 2026-01-01\n"
            + "  # a comment\n  - user: b@x\n    reason: s\napps: []\n";
    assertEquals(
        "name: g\nmembers:\n  # a comment\n  - user: b@x\n    reason: s\napps: []\n",
        ExpiryMergeRequest.withoutMembers(yaml, Set.of("a@x")));
    assertEquals(
        "name: g\nmembers: []\n  # a comment\napps: []\n",
        ExpiryMergeRequest.withoutMembers(yaml, Set.of("a@x", "b@x")));
  }
}
