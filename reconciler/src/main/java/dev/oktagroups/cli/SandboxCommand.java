package dev.oktagroups.cli;

import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code okta-groups sandbox}: an emulated Okta org on loopback, in the foreground. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    header = "Run an emulated Okta org on 127.0.0.1 for trials and tests.",
    description = {
      "Run an Okta sandbox: an emulator of the Okta Management API on 127.0.0.1, with a synthetic",
      "org. Prints OKTA_ORG_URL and OKTA_API_TOKEN first, then one line per request. Stop with",
      "Ctrl-C. See docs/sandbox.md for what it emulates."
    })
final class SandboxCommand implements Callable<Integer> {
  private final Main main;

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "Port on 127.0.0.1 (default 0: a free port).")
  int port = 0;

  @Option(
      names = "--users",
      paramLabel = "N",
      description = "Synthetic people to create (default 1000).")
  int users = 1000;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed for the synthetic org; the same seed gives the same org (default 42).")
  long seed = 42;

  @Option(
      names = "--token",
      paramLabel = "T",
      description = "The API token clients must send (default: a random one).")
  String token;

  @Option(
      names = "--time-scale",
      paramLabel = "X",
      description =
          "Run Okta's clocks X times faster: 60 makes a rate-limit minute one second (default 1).")
  double timeScale = 1.0;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "Also create every person DIR's manifests name, and the apps and attributes of its okta-groups.yaml.")
  Path repo;

  @Option(
      names = "--brownfield",
      description =
          "Also seed an org as years of console work leave it: groups of every shape 'okta-groups import' meets, and a few it cannot import.")
  boolean brownfield;

  @Option(
      names = "--stop-after",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Stop after this long, e.g. 10m (default: run until interrupted).")
  Duration stopAfter;

  SandboxCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw CliException.usage("--port must be between 0 and 65535");
    }
    if (users < 0) {
      throw CliException.usage("--users must not be negative");
    }
    if (!(timeScale > 0)) {
      throw CliException.usage("--time-scale must be positive");
    }
    OrgConfig config = OrgConfig.defaults();
    ValidationResult repoResult = null;
    if (repo != null) {
      Path dir = main.env().resolve(repo.toString());
      if (!Files.isDirectory(dir)) {
        throw CliException.usage("--repo " + repo + ": no such directory");
      }
      repoResult = Pipeline.validate(DirectorySource.read(dir), LocalDate.now(main.env().clock()));
      config = repoResult.config();
      if (repoResult.hasErrors()) {
        main.err()
            .println(
                "okta-groups sandbox: "
                    + repoResult.errorCount()
                    + " validation errors in "
                    + repo
                    + "; seeding from what could be read (run 'okta-groups validate' for details)");
      }
    }
    String tok = token != null ? token : EmbeddedSandbox.randomToken();
    java.io.PrintWriter out = main.out();
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(
            port,
            users,
            seed,
            tok,
            timeScale,
            true,
            line -> {
              synchronized (out) {
                out.println(
                    java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + " "
                        + line);
                out.flush();
              }
            });
    EmbeddedSandbox.Seeded s =
        EmbeddedSandbox.start(config, repoResult == null ? List.of() : repoResult.manifests(), o);
    Sandbox sandbox = s.sandbox();
    if (brownfield) {
      int added = sandbox.seedBrownfield(seed, 0);
      main.err().println("okta-groups sandbox: brownfield org with " + added + " console groups");
    }
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              sandbox.close();
            },
            "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    synchronized (out) {
      out.println("OKTA_ORG_URL=" + sandbox.url());
      out.println("OKTA_API_TOKEN=" + sandbox.token());
      out.flush();
    }
    main.err()
        .println(
            "okta-groups sandbox: "
                + s.users()
                + " synthetic people, "
                + s.people()
                + " named in manifests, "
                + s.apps()
                + " apps; time scale "
                + timeScale
                + ". Ctrl-C to stop.");
    main.err().flush();
    try {
      if (stopAfter != null) {
        stop.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        stop.await();
      }
    } finally {
      sandbox.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
    return ExitCode.OK;
  }
}
