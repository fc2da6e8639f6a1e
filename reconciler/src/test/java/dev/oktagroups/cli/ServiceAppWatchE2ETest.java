package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.okta.OktaConnection;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.auth.Jwks;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The watcher as a service app: it converges the org through the real SDK's private-key JWT, and
 * neither its /healthz nor its /metrics nor its log shows the token, the key or the assertion.
 */
class ServiceAppWatchE2ETest {
  private static final String CLIENT = "0oawatcher0000000001";

  @TempDir Path tmp;

  @Test
  void theWatcherAppliesAsAServiceAppAndItsEndpointsHoldNoSecret() throws Exception {
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Repo.copyOwnGroups(git.dir);
      git.commit("the groups");
      ValidationResult v = new Validator(LocalDate.now()).validate(DirectorySource.read(git.dir));
      EmbeddedSandbox.Options o =
          new EmbeddedSandbox.Options(0, 300, 7, "watch-oauth-token-0123456", 600.0, true, null);
      try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
        List<String> wire = new CopyOnWriteArrayList<>();
        s.onExchange(
            x -> {
              if (x.path().equals("/oauth2/v1/token")) {
                wire.add(new String(x.requestBody(), StandardCharsets.UTF_8));
                wire.add(new String(x.responseBody(), StandardCharsets.UTF_8));
              }
            });
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        Path pem = tmp.resolve("key.pem");
        Files.writeString(
            pem,
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        s.registerServiceApp(CLIENT, Jwks.of(keys.getPublic(), "w"), OktaConnection.WRITE_SCOPES);

        StringWriter log = new StringWriter();
        Main main =
            new Main(
                new PrintWriter(log, true),
                new PrintWriter(log, true),
                new Env(
                    Map.of(
                        "OKTA_CLIENT_ID", CLIENT,
                        "OKTA_PRIVATE_KEY_FILE", pem.toString(),
                        "HOME", tmp.toString()),
                    tmp,
                    Clock.systemUTC()));
        WatchCommand cmd = new WatchCommand(main);
        new CommandLine(cmd)
            .parseArgs(
                "--git-url", git.dir.toString(),
                "--branch", "main",
                "--interval", "200ms",
                "--listen", "127.0.0.1:0",
                "--state-dir", tmp.resolve("state").toString(),
                "--git-cache", tmp.resolve("cache").toString(),
                "--okta-url", s.url());
        WatchCommand.Running r = cmd.assemble();
        Thread t = new Thread(r.watcher::run, "watch-loop");
        t.start();
        List<String> outputs = new ArrayList<>();
        try {
          long deadline = System.nanoTime() + 60_000_000_000L;
          while (r.watcher.status().lastApplied().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the head was never applied:\n" + log);
            Thread.sleep(50);
          }
          assertTrue(s.org().allGroups().stream().anyMatch(x -> x.name().equals("div.security")));
          String base = "http://127.0.0.1:" + r.server.address().getPort();
          HttpClient http = HttpClient.newHttpClient();
          for (String path : List.of("/healthz", "/metrics")) {
            outputs.add(
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
          }
        } finally {
          r.watcher.stop();
          t.join(10_000);
          r.close();
        }
        outputs.add(log.toString());
        // Granted no okta.logs.read: said once, and the removal poll is off rather than failing.
        assertTrue(log.toString().contains("is not granted okta.logs.read"), log.toString());
        assertTrue(log.toString().contains("not polling the System Log"), log.toString());
        assertFalse(log.toString().contains("cannot poll the System Log"), log.toString());

        List<String> secrets = new ArrayList<>();
        for (String x : wire) {
          for (String part : x.split("[&\"]")) {
            if (part.startsWith("client_assertion=")) {
              secrets.add(part.substring("client_assertion=".length()));
            }
          }
          int at = x.indexOf("\"access_token\":\"");
          if (at >= 0) {
            int from = at + "\"access_token\":\"".length();
            secrets.add(x.substring(from, x.indexOf('"', from)));
          }
        }
        assertTrue(secrets.size() >= 2, "a token was issued and an assertion sent: " + wire);
        Files.readAllLines(pem).stream().filter(l -> !l.startsWith("-----")).forEach(secrets::add);
        for (String out : outputs) {
          for (String secret : secrets) {
            assertFalse(out.contains(secret), "a secret leaked into:\n" + out);
          }
        }
      }
    }
  }
}
