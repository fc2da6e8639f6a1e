package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a new or hurried user runs into, run as they would: the packaged jar as its own process,
 * with no terminal unless a case makes one. Every case asserts the exit code, that no stack trace
 * or exception class name is shown, and that the message names the fix.
 */
class FirstContactIT {
  private static final String JAR = System.getProperty("okta-groups.jar", "target/okta-groups.jar");

  /** A Java exception's class name, as a user would see it leak. */
  private static final Pattern EXCEPTION_NAME =
      Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\bjava\\.[a-z]+\\.|\\tat ");

  private static final String VALID =
      """
      name: div.security
      kind: managed
      description: Everyone in the Security division
      owners: ["@corpsec-identity"]
      rule:
        division: Security
      """;

  @TempDir static Path tmp;
  static Path repo;
  static Path plans;
  static Sandbox sandbox;
  static HttpServer refusing;
  static ServerSocket plain;

  @BeforeAll
  static void fixtures() throws Exception {
    assertTrue(Files.isRegularFile(Path.of(JAR)), "the packaged jar is missing: " + JAR);
    repo = Repo.write(tmp.resolve("repo"), "groups/div.security.yaml", VALID);
    Files.createDirectories(tmp.resolve("empty"));
    Repo.write(tmp.resolve("config-only"));
    Repo.write(
        tmp.resolve("typo"),
        "groups/div.security.yaml",
        VALID.replace("kind: managed", "kind: manged"));
    plans = Files.createDirectories(tmp.resolve("plans"));
    ValidationResult v = new Validator(LocalDate.now()).validate(DirectorySource.read(repo));
    sandbox =
        EmbeddedSandbox.start(
                v.config(),
                v.manifests(),
                new EmbeddedSandbox.Options(0, 50, 7, "first-contact-token-0123", 60.0, true, null))
            .sandbox();
    // An org that refuses every call: 401 under /401, 403 elsewhere, with Okta's error bodies.
    refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    refusing.createContext(
        "/",
        x -> {
          boolean unauthorized = x.getRequestHeaders().getFirst("Authorization").endsWith("bad");
          byte[] body =
              (unauthorized
                      ? "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}"
                      : "{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission to perform the requested action\"}")
                  .getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Content-Type", "application/json");
          x.sendResponseHeaders(unauthorized ? 401 : 403, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    refusing.start();
    // A port that answers a TLS hello in plain HTTP, as a misconfigured proxy would.
    plain = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!plain.isClosed()) {
                try (java.net.Socket s = plain.accept()) {
                  s.getOutputStream()
                      .write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                  // closed: the test is over
                }
              }
            },
            "plain-http");
    t.setDaemon(true);
    t.start();
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
    if (refusing != null) {
      refusing.stop(0);
    }
    if (plain != null) {
      try {
        plain.close();
      } catch (java.io.IOException e) {
        // nothing to release
      }
    }
  }

  /** One run of the jar. */
  record Run(int code, String out, String err, long millis) {
    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + code + " in " + millis + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Run run(Map<String, String> env, String... args) throws Exception {
    return run(env, false, args);
  }

  static Run run(String... args) throws Exception {
    return run(Map.of(), false, args);
  }

  /** Runs the jar in {@code repo}; through script(1), a pseudo-terminal, when {@code tty}. */
  static Run run(Map<String, String> env, boolean tty, String... args) throws Exception {
    List<String> java =
        new ArrayList<>(
            List.of(
                "java",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                Path.of(JAR).toAbsolutePath().toString()));
    java.addAll(List.of(args));
    List<String> cmd = java;
    if (tty) {
      cmd = List.of("script", "-qec", String.join(" ", java), "/dev/null");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile());
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("OKTA_") || k.startsWith("CI_") || k.equals("GITLAB_CI"));
    e.remove("NO_COLOR");
    e.remove("COLUMNS");
    e.putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectInput(new File("/dev/null"))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish in 90 s: " + String.join(" ", args));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err), ms);
  }

  /** The exit code, no Java internals, and the words of the fix. */
  static void expect(Run r, int code, String fix) {
    assertEquals(code, r.code(), r.toString());
    assertFalse(EXCEPTION_NAME.matcher(r.all()).find(), "shows Java internals:\n" + r);
    assertFalse(r.all().contains("internal error"), r.toString());
    assertTrue(r.all().contains(fix), "does not say '" + fix + "':\n" + r);
  }

  /** A case from the table: arguments, the exit code and the words of the fix. */
  record Case(String name, List<String> args, int code, String fix) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(String name, int code, String fix, String... args) {
    return new Case(name, List.of(args), code, fix);
  }

  static Stream<Case> mistakes() {
    return Stream.of(
        c("no arguments shows the commands", 0, "Commands:"),
        c("a misspelt command", 2, "Did you mean: validate", "valdate"),
        c("an unknown option", 2, "unknown option '--dry-run'", "plan", "--dry-run"),
        c("reconcile has no --auto-approve", 2, "reconcile --help", "reconcile", "--auto-approve"),
        c(
            "an unknown report format",
            2,
            "use text, json, junit or codequality",
            "validate",
            "--report",
            "html=x.html"),
        c("a report without a file", 2, "FORMAT=FILE", "validate", "--report", "junit"),
        c(
            "an unknown --format",
            2,
            "use text, json, junit or codequality",
            "validate",
            "--format",
            "yaml"),
        c(
            "an unknown plan --format",
            2,
            "use text, markdown or json",
            "plan",
            "--offline",
            "--format",
            "html"),
        c(
            "a --repo that does not exist",
            2,
            "no such directory",
            "validate",
            "--repo",
            "/nonexistent/repo"),
        c(
            "--repo and --git-url together",
            2,
            "give one",
            "validate",
            "--repo",
            ".",
            "--git-url",
            "/x"),
        c("--ref outside Git", 2, "is not in a Git repository", "validate", "--ref", "main"),
        c("threads of zero", 2, "between 1 and 75", "plan", "--sandbox", "--threads", "0"),
        c(
            "threads beyond Okta's limit",
            2,
            "between 1 and 75",
            "plan",
            "--sandbox",
            "--threads",
            "500"),
        c("threads that are not a number", 2, "not a whole number", "plan", "--threads", "many"),
        c("a negative deletion cap", 2, "between 0 and", "plan", "--max-deletions", "-1"),
        c("a negative removal cap", 2, "between 0 and", "apply", "--max-removals", "-3"),
        c("a sandbox port out of range", 2, "between 0 and 65535", "sandbox", "--port", "70000"),
        c("negative sandbox people", 2, "between 0 and 1000000", "sandbox", "--users", "-5"),
        c("a duration in words", 2, "write e.g. 500ms, 60s", "sandbox", "--stop-after", "forever"),
        c("a watch interval in words", 2, "write e.g. 500ms, 60s", "watch", "--interval", "hourly"),
        c("--offline with --sandbox", 2, "give one", "plan", "--offline", "--sandbox"),
        c(
            "a URL without a scheme",
            2,
            "did you mean https://example.okta.com",
            "plan",
            "--okta-url",
            "example.okta.com"),
        c(
            "plain HTTP to a real org",
            2,
            "use https",
            "plan",
            "--okta-url",
            "http://example.okta.com"),
        c(
            "a URL with a space",
            2,
            "is not a URL",
            "plan",
            "--okta-url",
            "https://exa mple.okta.com"),
        c(
            "--sandbox with --okta-url",
            2,
            "give one",
            "plan",
            "--sandbox",
            "--okta-url",
            "https://example.okta.com"),
        c(
            "no credentials",
            2,
            "set OKTA_API_TOKEN",
            "plan",
            "--okta-url",
            "https://example.okta.com"),
        c(
            "a plan file that does not exist",
            2,
            "save one first with okta-groups plan --out",
            "apply",
            "nope.json"),
        c("a directory as the plan file", 2, "is a directory, not a plan file", "apply", "groups"),
        c(
            "two plan files",
            2,
            "unexpected argument 'b.json' for okta-groups apply",
            "apply",
            "a.json",
            "b.json"),
        c("help for a command that does not exist", 2, "okta-groups --help", "help", "plna"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void mistakesAreNamedWithTheirFix(Case c) throws Exception {
    expect(run(c.args().toArray(String[]::new)), c.code(), c.fix());
  }

  @ParameterizedTest(name = "{0} --version")
  @ValueSource(
      strings = {"validate", "plan", "apply", "reconcile", "watch", "codeowners", "sandbox"})
  void everySubcommandAnswersVersion(String command) throws Exception {
    expect(run(command, "--version"), 0, "okta-groups ");
  }

  @Test
  void anEmptyDirectoryIsNotAnOktaGroupsRepository() throws Exception {
    expect(
        run("validate", "--repo", tmp.resolve("empty").toString()),
        2,
        "is not an okta-groups repository");
  }

  @Test
  void aRepositoryWithoutManifestsNeedsAllowEmpty() throws Exception {
    String dir = tmp.resolve("config-only").toString();
    expect(run("validate", "--repo", dir), 3, "--allow-empty");
    expect(run("plan", "--repo", dir, "--sandbox"), 3, "--allow-empty");
    expect(run("validate", "--repo", dir, "--allow-empty"), 0, "1 file valid");
  }

  @Test
  void aMistypedKindListsTheKindsAndSuggestsOne() throws Exception {
    Run r = run("validate", "--repo", tmp.resolve("typo").toString());
    expect(r, 3, "Did you mean 'managed'?");
    assertTrue(r.out().contains("hybrid, managed, manual"), r.toString());
  }

  @Test
  void aRefusedConnectionFailsFastAndClearly() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r = run(Map.of("OKTA_API_TOKEN", "x"), "plan", "--okta-url", "http://127.0.0.1:" + port);
    expect(r, 1, "connection refused");
    assertFalse(r.all().contains("attempt"), "not retried: " + r);
    assertTrue(r.millis() < 10_000, r.toString());
    Run nine = run(Map.of("OKTA_API_TOKEN", "x"), "plan", "--okta-url", "http://127.0.0.1:9");
    expect(nine, 1, "check the org URL and port");
    assertTrue(nine.millis() < 10_000, nine.toString());
  }

  @Test
  void anOrgThatAcceptsButNeverAnswersTimesOutFastAndClearly() throws Exception {
    // Accepts every connection and never writes a byte: a hung proxy, or a port that is not Okta.
    try (ServerSocket silent = new ServerSocket(0)) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      Run r = run(Map.of("OKTA_API_TOKEN", "x"), "plan", "--okta-url", url);
      expect(r, 1, "cannot reach Okta at " + url + ": no answer to the first request in 4 s");
      assertTrue(r.all().contains("no proxy or firewall holds the connection"), r.toString());
      assertFalse(r.all().contains("attempt 1 of"), "an org that never answered is not retried");
      // One first-contact deadline of 4 s and a JVM start; before, two timeouts of 10 s.
      assertTrue(r.millis() < 10_000, "within 10 s wall, JVM start included: " + r);
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aHostThatDoesNotResolveFailsFastAndClearly() throws Exception {
    Run r = run(Map.of("OKTA_API_TOKEN", "x"), "plan", "--okta-url", "https://okta-groups.invalid");
    expect(r, 1, "'okta-groups.invalid' does not resolve");
    assertTrue(r.millis() < 10_000, r.toString());
  }

  @Test
  void tlsToAPlainHttpPortFailsFastAndClearly() throws Exception {
    Run r =
        run(
            Map.of("OKTA_API_TOKEN", "x"),
            "plan",
            "--okta-url",
            "https://127.0.0.1:" + plain.getLocalPort());
    expect(r, 1, "the TLS handshake failed");
    assertTrue(r.millis() < 10_000, r.toString());
  }

  @Test
  void a401NamesTheVariableThatSuppliedTheToken() throws Exception {
    String url = "http://127.0.0.1:" + refusing.getAddress().getPort();
    Run r = run(Map.of("OKTA_API_TOKEN", "bad"), "plan", "--okta-url", url);
    expect(r, 1, "Okta rejected the credentials from OKTA_API_TOKEN");
    assertTrue(r.millis() < 10_000, r.toString());
    Run s =
        run(Map.of("OKTA_API_TOKEN", "not-a-sandbox-token"), "plan", "--okta-url", sandbox.url());
    expect(s, 1, "OKTA_API_TOKEN");
  }

  @Test
  void a403PointsToTheRolesAndScopes() throws Exception {
    String url = "http://127.0.0.1:" + refusing.getAddress().getPort();
    expect(
        run(Map.of("OKTA_API_TOKEN", "readonly"), "plan", "--okta-url", url),
        8,
        "see docs/operations.md");
  }

  @Test
  void aServiceAppNeedsItsKey() throws Exception {
    expect(
        run(Map.of("OKTA_CLIENT_ID", "0oa1"), "plan", "--okta-url", "https://example.okta.com"),
        2,
        "OKTA_PRIVATE_KEY_FILE is not");
    expect(
        run(
            Map.of("OKTA_CLIENT_ID", "0oa1", "OKTA_PRIVATE_KEY_FILE", "missing.pem"),
            "plan",
            "--okta-url",
            "https://example.okta.com"),
        2,
        "missing.pem cannot be read");
  }

  @Test
  void brokenSavedPlansAreRefusedWithWhatToDo() throws Exception {
    Map<String, String> okta = Map.of("OKTA_API_TOKEN", sandbox.token());
    Path good = plans.resolve("good.json");
    expect(
        run(okta, "plan", "--okta-url", sandbox.url(), "--out", good.toString()),
        0,
        "apply it with");
    String text = Files.readString(good);
    Files.writeString(plans.resolve("truncated.json"), text.substring(0, text.length() / 2));
    Files.writeString(plans.resolve("empty.json"), "");
    Files.writeString(plans.resolve("list.json"), "[]");
    Files.writeString(
        plans.resolve("future.json"), text.replaceFirst("\"version\" : \\d+", "\"version\" : 99"));
    expect(run(okta, "apply", plans.resolve("truncated.json").toString()), 2, "truncated");
    expect(run(okta, "apply", plans.resolve("empty.json").toString()), 2, "plan again");
    expect(run(okta, "apply", plans.resolve("list.json").toString()), 2, "not an okta-groups plan");
    expect(run(okta, "apply", plans.resolve("future.json").toString()), 2, "plan format version");
    Map<String, String> other = new HashMap<>(okta);
    other.put("OKTA_ORG_URL", "https://other.okta.com");
    expect(run(other, "apply", good.toString()), 2, "apply it to the org it was made for");
    expect(run(okta, "apply", good.toString(), "--sandbox"), 2, "cannot be applied to --sandbox");
    expect(run(okta, "apply", good.toString()), 2, "pass --auto-approve");
  }

  @Test
  void anOfflinePlanIsForReviewOnly() throws Exception {
    Path offline = plans.resolve("offline.json");
    expect(run("plan", "--offline", "--out", offline.toString()), 0, "for review only");
    expect(run("apply", offline.toString()), 2, "is an offline plan");
  }

  @Test
  void aPlanAgainstASandboxWithoutTheRepositorySaysSo() throws Exception {
    EmbeddedSandbox.Seeded bare =
        EmbeddedSandbox.start(
            dev.oktagroups.manifest.OrgConfig.defaults(),
            List.of(),
            new EmbeddedSandbox.Options(0, 10, 1, "bare-sandbox-token-0123", 60.0, true, null));
    try (Sandbox s = bare.sandbox()) {
      Path withApp =
          Repo.write(
              tmp.resolve("with-app"),
              "groups/app.figma.admins.yaml",
              """
              name: app.figma.admins
              kind: manual
              description: Figma administrators
              owners: ["@design"]
              members:
                - user: a@example.com
                  request: https://gitlab.example.com/access-requests/-/issues/1
              apps: [figma]
              """);
      Run r =
          run(
              Map.of("OKTA_API_TOKEN", s.token()),
              "plan",
              "--repo",
              withApp.toString(),
              "--okta-url",
              s.url());
      expect(r, 3, "restart it with: okta-groups sandbox --repo .");
    }
  }

  @Test
  void unwritableOutputIsAUsageErrorNamingTheFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Run r = run("validate", "--output", file.resolve("report.json").toString());
    expect(r, 2, "a-file");
    Run debug =
        run(
            Map.of("OKTA_GROUPS_DEBUG", "1"),
            "validate",
            "--output",
            file.resolve("r.json").toString());
    assertEquals(2, debug.code(), debug.toString());
    assertTrue(debug.err().contains("\tat "), "OKTA_GROUPS_DEBUG=1 shows the stack: " + debug);
  }

  @Test
  void helpWrapsAtTheTerminalWidthBetweenWords() throws Exception {
    Run r = run(Map.of("COLUMNS", "72"), "plan", "--help");
    expect(r, 0, "~/.cache/okta-groups/git");
    r.out().lines().forEach(l -> assertTrue(l.length() <= 72, "too wide: " + l));
    assertFalse(r.out().contains("docs/operations.\n"), r.out());
  }

  @Test
  void colourOnATerminalAndInGitlabCiOnlyAndNeverWithNoColor() throws Exception {
    Run tty = run(Map.of(), true, "plan", "--sandbox");
    assertEquals(0, tty.code(), tty.toString());
    assertTrue(tty.out().contains("\u001b[32m  + "), "a create is green on a terminal:\n" + tty);
    Run noColor = run(Map.of("NO_COLOR", "1"), true, "plan", "--sandbox");
    assertEquals(0, noColor.code(), noColor.toString());
    assertTrue(noColor.out().contains("  + "), noColor.toString());
    assertFalse(noColor.all().contains("\u001b["), "NO_COLOR=1:\n" + noColor);
    Run flag = run(Map.of(), true, "validate", "--no-color");
    assertFalse(flag.all().contains("\u001b["), "--no-color:\n" + flag);
    Run pipe = run("validate");
    expect(pipe, 0, "2 files valid");
    assertFalse(pipe.all().contains("\u001b["), "not a terminal:\n" + pipe);
    Run ci = run(Map.of("GITLAB_CI", "true"), "validate");
    assertTrue(ci.out().contains("\u001b[32m"), "GitLab renders colour:\n" + ci);
  }
}
