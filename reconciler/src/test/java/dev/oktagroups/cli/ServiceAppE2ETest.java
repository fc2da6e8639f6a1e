package dev.oktagroups.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.oktagroups.okta.OktaConnection;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.auth.Jwks;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OAuth 2.0 service-app path end to end: the CLI with OKTA_CLIENT_ID and OKTA_PRIVATE_KEY_FILE,
 * through the real okta-sdk-java client and its private-key JWT, against the sandbox's org
 * authorization server and its per-route scope checks.
 */
class ServiceAppE2ETest {
  private static final String PLANNER = "0oaplanonly000000001";
  private static final String APPLIER = "0oaapplier0000000001";
  private static final String LOG_READER = "0oalogreader00000001";
  private static final String NOT_GRANTED =
      "is not granted okta.logs.read, so incremental reads are off";

  @TempDir Path tmp;
  private GitRepo git;
  private Sandbox sandbox;
  private final List<String> sandboxLog = new CopyOnWriteArrayList<>();
  private final List<String> tokenExchanges = new CopyOnWriteArrayList<>();
  private final List<String> logReads = new CopyOnWriteArrayList<>();
  private Path keyFile;
  private KeyPair keys;

  @BeforeEach
  void start() throws Exception {
    git = GitRepo.init(tmp.resolve("repo"));
    Repo.copyOwnGroups(git.dir);
    git.commit("the groups");
    ValidationResult v =
        new Validator(LocalDate.of(2026, 11, 29)).validate(DirectorySource.read(git.dir));
    sandbox =
        EmbeddedSandbox.start(
                v.config(),
                v.manifests(),
                new EmbeddedSandbox.Options(
                    0, 300, 11, "e2e-token-0123456789", 600.0, true, sandboxLog::add))
            .sandbox();
    // What went over the wire to and from the token endpoint: the assertions and the tokens.
    sandbox.onExchange(
        x -> {
          if (x.path().equals("/oauth2/v1/token")) {
            tokenExchanges.add(new String(x.requestBody(), StandardCharsets.UTF_8));
            tokenExchanges.add(new String(x.responseBody(), StandardCharsets.UTF_8));
          }
          if (x.path().equals("/api/v1/logs")) {
            logReads.add(x.path());
          }
        });
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
    keyFile = tmp.resolve("okta-groups.pem");
    Files.writeString(keyFile, pem(keys));
    sandbox.registerServiceApp(
        PLANNER, Jwks.of(keys.getPublic(), "plan-key"), OktaConnection.READ_SCOPES);
    sandbox.registerServiceApp(
        APPLIER, Jwks.of(keys.getPublic(), "apply-key"), OktaConnection.WRITE_SCOPES);
    Set<String> withLog = new TreeSet<>(OktaConnection.READ_SCOPES);
    withLog.add("okta.logs.read");
    sandbox.registerServiceApp(LOG_READER, Jwks.of(keys.getPublic(), "log-key"), withLog);
  }

  @AfterEach
  void stop() {
    sandbox.close();
    git.close();
  }

  private static String pem(KeyPair k) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(k.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private Cli as(String clientId) {
    return Cli.create()
        .env("OKTA_CLIENT_ID", clientId)
        .env("OKTA_PRIVATE_KEY_FILE", keyFile.toString())
        .cwd(git.dir);
  }

  private Cli.Result run(Cli cli, String... args) {
    List<String> full = new ArrayList<>(List.of(args));
    full.addAll(List.of("--repo", git.dir.toString(), "--okta-url", sandbox.url()));
    return cli.run(full.toArray(String[]::new));
  }

  private String state() {
    return sandbox.views().export().toString();
  }

  private long tokenRequests() {
    return tokenExchanges.size() / 2;
  }

  /**
   * Okta refuses a read with 403 E0000006 after the token was issued (the sandbox takes the scope
   * away from the token as soon as the first Management API request is answered): exit 8, one line
   * that says which credentials lack what, and nothing written.
   */
  @Test
  void aReadRefusedWith403MidRunExits8NamingTheCredentials() {
    AtomicBoolean revoked = new AtomicBoolean();
    sandbox.onExchange(
        x -> {
          if (x.path().startsWith("/api/v1/") && revoked.compareAndSet(false, true)) {
            sandbox.revokeScope(PLANNER, "okta.groups.read");
          }
        });
    String before = state();
    Cli.Result plan = run(as(PLANNER), "plan");
    assertTrue(revoked.get(), "the scope was revoked mid-run");
    assertEquals(ExitCode.ACCESS, plan.code(), plan.toString());
    assertTrue(plan.err().contains("Okta refused a read (403 E0000006)"), plan.err());
    assertTrue(plan.err().contains("OKTA_CLIENT_ID"), plan.err());
    assertFalse(plan.err().contains("Exception"), plan.err());
    assertEquals(before, state(), "nothing was written");
  }

  @Test
  void aReadOnlyAppPlansAndItsApplyFailsBeforeAnyWrite() throws Exception {
    String before = state();
    Cli.Result plan = run(as(PLANNER), "plan", "--out", tmp.resolve("plan.json").toString());
    assertEquals(ExitCode.OK, plan.code(), plan.toString());
    assertTrue(plan.out().contains("to create"), plan.out());
    assertTrue(tokenExchanges.get(0).contains("okta.groups.read"), "plan asks .read");
    assertFalse(tokenExchanges.get(0).contains(".manage"), tokenExchanges.get(0));

    Cli.Result fresh = run(as(PLANNER), "apply", "--auto-approve");
    assertEquals(ExitCode.ACCESS, fresh.code(), fresh.toString());
    for (String s : List.of("okta.groups.manage", "okta.apps.manage", "okta.schemas.manage")) {
      assertTrue(fresh.err().contains(s), "names " + s + ": " + fresh.err());
    }
    assertTrue(fresh.err().contains("Nothing was changed"), fresh.err());
    assertFalse(fresh.err().contains("Exception"), fresh.err());

    Cli.Result saved =
        as(PLANNER).run("apply", tmp.resolve("plan.json").toString(), "--auto-approve");
    assertEquals(ExitCode.ACCESS, saved.code(), saved.toString());
    assertEquals(before, state(), "nothing was written");
    assertTrue(
        sandboxLog.stream().noneMatch(l -> l.matches("(POST|PUT|PATCH|DELETE) /api/.*")),
        "no write reached Okta: " + sandboxLog);
  }

  @Test
  void oktaScopesWithoutTheManageScopesRefusesApplyBeforeAnyRequest() {
    Cli.Result r =
        run(
            as(APPLIER).env("OKTA_SCOPES", String.join(" ", OktaConnection.READ_SCOPES)),
            "apply",
            "--auto-approve");
    assertEquals(ExitCode.ACCESS, r.code(), r.toString());
    assertTrue(r.err().contains("okta.groups.manage"), r.err());
    assertTrue(r.err().contains("OKTA_SCOPES"), r.err());
    assertEquals(0, tokenRequests(), "refused before asking Okta for a token");
  }

  /** Without OKTA_SCOPES a plan asks for the System Log too, and so its second plan is cheap. */
  @Test
  void anAppGrantedTheLogScopeReadsIncrementallyOnItsSecondPlan() {
    String cache = tmp.resolve("read-cache").toString();
    Cli.Result first = run(as(LOG_READER), "plan", "--state-dir", cache);
    assertEquals(ExitCode.OK, first.code(), first.toString());
    assertTrue(tokenExchanges.get(0).contains("okta.logs.read"), tokenExchanges.get(0));
    assertTrue(first.err().contains("full read: no read cache"), first.err());

    Cli.Result second = run(as(LOG_READER), "plan", "--state-dir", cache);
    assertEquals(ExitCode.OK, second.code(), second.toString());
    assertTrue(second.err().contains("incremental read: read cache from"), second.err());
    assertEquals(first.out(), second.out(), "the same plan either way");
    assertEquals(2, tokenRequests(), "one token request a run");
    assertFalse(first.err().contains(NOT_GRANTED) || second.err().contains(NOT_GRANTED));
  }

  /**
   * Okta refuses the whole token request for the one scope the app lacks: the plan asks once more
   * without it, says so in one line, and reads in full without touching the log.
   */
  @Test
  void anAppNotGrantedTheLogScopeStillPlansInFullWithOneNotice() {
    String cache = tmp.resolve("read-cache").toString();
    for (int run = 1; run <= 2; run++) {
      Cli.Result r = run(as(PLANNER), "plan", "--state-dir", cache);
      assertEquals(ExitCode.OK, r.code(), r.toString());
      assertTrue(r.out().contains("to create"), r.out());
      assertEquals(1, r.err().split(NOT_GRANTED, -1).length - 1, "one notice: " + r.err());
      assertTrue(r.err().contains("Okta API Scopes"), "says how to grant it: " + r.err());
      assertFalse(r.err().contains("incremental read:"), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
    }
    assertEquals(4, tokenRequests(), "refused with the log's scope, granted without, per run");
    assertTrue(tokenExchanges.get(0).contains("okta.logs.read"), tokenExchanges.get(0));
    assertTrue(tokenExchanges.get(1).contains("invalid_scope"), tokenExchanges.get(1));
    assertFalse(tokenExchanges.get(2).contains("okta.logs.read"), tokenExchanges.get(2));
    assertTrue(logReads.isEmpty(), "the log is never asked: " + logReads);
  }

  /** An explicit OKTA_SCOPES is used as given: no System Log scope, no second token request. */
  @Test
  void anExplicitOktaScopesWithoutTheLogScopeAsksForWhatItLists() {
    Cli.Result r =
        run(
            as(PLANNER).env("OKTA_SCOPES", String.join(" ", OktaConnection.READ_SCOPES)),
            "plan",
            "--state-dir",
            tmp.resolve("read-cache").toString());
    assertEquals(ExitCode.OK, r.code(), r.toString());
    assertEquals(1, tokenRequests(), "one token request");
    assertFalse(tokenExchanges.get(0).contains("okta.logs.read"), tokenExchanges.get(0));
    assertFalse(r.err().contains(NOT_GRANTED), r.err());
    // As before: the read tries the log, is refused, and says every read will be a full one.
    assertTrue(r.err().contains("cannot read the System Log"), r.err());
  }

  @Test
  void anAppWithTheManageScopesAppliesAndASecondPlanIsEmpty() throws Exception {
    Cli.Result applied = run(as(APPLIER), "apply", "--auto-approve");
    assertEquals(ExitCode.OK, applied.code(), applied.toString());
    assertTrue(sandbox.org().allGroups().stream().anyMatch(g -> g.name().equals("div.security")));
    Cli.Result again = run(as(PLANNER), "plan", "--format", "json");
    assertEquals(ExitCode.OK, again.code(), again.toString());
    JsonNode p = E2E.JSON.readTree(again.out());
    assertEquals(0, p.get("changes").size(), "converged: " + p.get("changes"));
  }

  @Test
  void aKeyOktaDoesNotKnowIsRefusedWithOktasError() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    Files.writeString(keyFile, pem(g.generateKeyPair()));
    Cli.Result r = run(as(PLANNER), "plan");
    assertEquals(ExitCode.ACCESS, r.code(), r.toString());
    assertTrue(r.err().contains("The client_assertion signature is invalid"), r.err());
    assertTrue(r.err().contains("invalid_client"), r.err());
    assertTrue(r.err().contains("OKTA_PRIVATE_KEY_FILE"), "says what to check: " + r.err());
  }

  @Test
  void anAssertionForAnotherAudienceIsRefused() {
    // The SDK signs for the URL it is given; the sandbox answers at 127.0.0.1.
    Cli.Result r =
        as(PLANNER)
            .run(
                "plan",
                "--repo",
                git.dir.toString(),
                "--okta-url",
                sandbox.url().replace("127.0.0.1", "localhost"));
    assertEquals(ExitCode.ACCESS, r.code(), r.toString());
    assertTrue(
        r.err().contains("The audience claim for client_assertion must be the endpoint"), r.err());
  }

  @Test
  void noTokenKeyOrAssertionAppearsInAnyOutput() throws Exception {
    WireMockServer gitlab = new WireMockServer(options().dynamicPort());
    gitlab.start();
    try {
      String notes = "/api/v4/projects/1234/merge_requests/17/notes";
      gitlab.stubFor(
          get(urlPathEqualTo("/api/v4/user"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"id\":42,\"username\":\"bot\"}")));
      gitlab.stubFor(
          get(urlPathEqualTo(notes))
              .willReturn(
                  aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
      gitlab.stubFor(
          post(urlPathEqualTo(notes))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"id\":7}")));
      String base = git.commit("base");
      git.write(
          "groups/managed/div.security.yaml",
          Repo.read("groups/managed/div.security.yaml")
              .replace("Everyone in the Security division", "The Security division"));
      git.commit("a change to note");
      Cli mr =
          as(PLANNER)
              .env("CI_API_V4_URL", "http://127.0.0.1:" + gitlab.port() + "/api/v4")
              .env("CI_PROJECT_ID", "1234")
              .env("CI_MERGE_REQUEST_IID", "17")
              .env("CI_MERGE_REQUEST_DIFF_BASE_SHA", base)
              .env("OKTA_GROUPS_GITLAB_TOKEN", "glpat-note-token")
              .env("OKTA_GROUPS_DEBUG", "1");
      Path saved = tmp.resolve("saved.json");
      List<String> outputs = new ArrayList<>();
      // The SDK's own log goes to the process's standard streams, not the CLI's writers.
      java.io.PrintStream stdout = System.out;
      java.io.PrintStream stderr = System.err;
      java.io.ByteArrayOutputStream process = new java.io.ByteArrayOutputStream();
      System.setOut(new java.io.PrintStream(process, true, StandardCharsets.UTF_8));
      System.setErr(new java.io.PrintStream(process, true, StandardCharsets.UTF_8));
      try {
        for (Cli.Result r :
            List.of(
                run(mr, "plan", "--post-mr-note", "--out", saved.toString()),
                run(as(PLANNER), "plan", "--format", "markdown"),
                run(as(PLANNER), "plan", "--format", "json"),
                run(as(APPLIER).env("OKTA_GROUPS_DEBUG", "1"), "apply", "--auto-approve"),
                run(as(PLANNER), "apply", "--auto-approve"))) {
          outputs.add(r.out());
          outputs.add(r.err());
        }
      } finally {
        System.setOut(stdout);
        System.setErr(stderr);
      }
      outputs.add(process.toString(StandardCharsets.UTF_8));
      outputs.add(Files.readString(saved));
      gitlab.getAllServeEvents().forEach(e -> outputs.add(e.getRequest().getBodyAsString()));
      outputs.addAll(sandboxLog);
      outputs.add(Http.get(sandbox.url() + "/__sandbox/service-apps", sandbox.token()));
      assertTrue(
          outputs.stream().anyMatch(o -> o.contains("okta-groups:plan")), "the note was posted");

      List<String> secrets = secrets();
      assertTrue(secrets.size() >= 6, "tokens and assertions were seen: " + secrets.size());
      for (String out : outputs) {
        for (String secret : secrets) {
          assertFalse(out.contains(secret), "a secret leaked into: " + out);
        }
      }
    } finally {
      gitlab.stop();
    }
  }

  /**
   * The access tokens and client assertions that crossed the wire, and the private key: its PEM
   * lines and its encoded body.
   */
  private List<String> secrets() throws Exception {
    List<String> s = new ArrayList<>();
    for (String x : tokenExchanges) {
      for (String field : x.split("[&,{}\"]")) {
        if (field.startsWith("client_assertion=")) {
          String jwt = field.substring("client_assertion=".length());
          s.add(jwt);
          s.add(jwt.substring(jwt.lastIndexOf('.') + 1)); // the signature alone
        }
      }
      JsonNode body = x.startsWith("{") ? E2E.JSON.readTree(x) : null;
      if (body != null && body.hasNonNull("access_token")) {
        s.add(body.get("access_token").asText());
      }
    }
    for (String line : Files.readAllLines(keyFile)) {
      if (!line.startsWith("-----")) {
        s.add(line);
      }
    }
    s.add(Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()).substring(100, 160));
    return s;
  }

  /** A tiny GET for the control API. */
  private static final class Http {
    static String get(String url, String token) throws Exception {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                  .header("Authorization", "SSWS " + token)
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
