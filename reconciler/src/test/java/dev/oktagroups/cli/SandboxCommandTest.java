package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.Repo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandTest {
  @TempDir Path tmp;

  @Test
  void printsUrlAndTokenFirstThenServesTheRepositorysPeopleAndApps() throws Exception {
    Path repo = Repo.copyOwnGroups(tmp.resolve("repo"));
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    Main main =
        new Main(
            new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(err, true),
            new Env(java.util.Map.of(), tmp, java.time.Clock.systemUTC()));
    CompletableFuture<Integer> run =
        CompletableFuture.supplyAsync(
            () ->
                main.run(
                    "sandbox",
                    "--port",
                    "0",
                    "--users",
                    "20",
                    "--token",
                    "test-token-123",
                    "--repo",
                    repo.toString(),
                    "--stop-after",
                    "20s"));
    String url = null;
    for (int i = 0; i < 200 && url == null; i++) {
      Thread.sleep(50);
      String[] lines = out.toString().split("\n");
      if (lines.length >= 2 && lines[1].startsWith("OKTA_API_TOKEN=")) {
        assertTrue(lines[0].startsWith("OKTA_ORG_URL=http://127.0.0.1:"), lines[0]);
        assertEquals("OKTA_API_TOKEN=test-token-123", lines[1]);
        url = lines[0].substring("OKTA_ORG_URL=".length());
      }
    }
    assertTrue(url != null, "no URL printed: " + out + err);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> person =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/api/v1/users/jordan.ames@example.com"))
                .header("Authorization", "SSWS test-token-123")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, person.statusCode(), "people named in manifests exist");
    assertTrue(person.body().contains("\"status\":\"ACTIVE\""));
    HttpResponse<String> app =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/api/v1/apps/0oa1googlews00000007"))
                .header("Authorization", "SSWS test-token-123")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, app.statusCode(), "catalog apps exist with their ids");
    assertTrue(app.body().contains("GROUP_PUSH"));
    Thread.sleep(100);
    assertTrue(
        out.toString().contains("GET /api/v1/users/jordan.ames@example.com -> 200"),
        "requests are logged:\n" + out);
    run.cancel(true);
  }

  @Test
  void registersServiceAppsFromTheCommandLine() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    Path jwks = tmp.resolve("plan.jwks.json");
    java.nio.file.Files.writeString(
        jwks, dev.oktagroups.sandbox.auth.Jwks.of(g.generateKeyPair().getPublic(), "k1"));
    java.io.StringWriter out = new java.io.StringWriter();
    Main main =
        new Main(
            new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(new java.io.StringWriter(), true),
            new Env(java.util.Map.of(), tmp, java.time.Clock.systemUTC()));
    CompletableFuture<Integer> run =
        CompletableFuture.supplyAsync(
            () ->
                main.run(
                    "sandbox",
                    "--users",
                    "5",
                    "--token",
                    "test-token-456",
                    "--service-app",
                    "0oa1plan:plan.jwks.json:okta.groups.read,okta.apps.read",
                    "--stop-after",
                    "20s"));
    String url = null;
    for (int i = 0; i < 200 && url == null; i++) {
      Thread.sleep(50);
      String[] lines = out.toString().split("\n");
      if (lines.length >= 2 && lines[1].startsWith("OKTA_API_TOKEN=")) {
        url = lines[0].substring("OKTA_ORG_URL=".length());
      }
    }
    assertTrue(url != null, "no URL printed: " + out);
    HttpResponse<String> apps =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/__sandbox/service-apps"))
                    .header("Authorization", "SSWS test-token-456")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(
        "[{\"clientId\":\"0oa1plan\",\"scopes\":[\"okta.apps.read\",\"okta.groups.read\"]}]",
        apps.body());
    run.cancel(true);
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertEquals(ExitCode.USAGE, Cli.create().run("sandbox", "--service-app", "no-colons").code());
    assertEquals(
        ExitCode.USAGE,
        Cli.create()
            .cwd(tmp)
            .run("sandbox", "--service-app", "0oa1:missing.json:okta.groups.read")
            .code());
    assertEquals(ExitCode.USAGE, Cli.create().run("sandbox", "--port", "70000").code());
    assertEquals(ExitCode.USAGE, Cli.create().run("sandbox", "--time-scale", "0").code());
    assertEquals(ExitCode.USAGE, Cli.create().run("sandbox", "--stop-after", "soon").code());
    assertEquals(
        ExitCode.USAGE,
        Cli.create().run("sandbox", "--repo", tmp.resolve("nope").toString()).code());
  }
}
