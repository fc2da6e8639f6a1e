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
      converter = Numbers.Port.class,
      description = "Port on 127.0.0.1 (default 0: a free port).")
  int port = 0;

  @Option(
      names = "--users",
      paramLabel = "N",
      converter = Numbers.Users.class,
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
      names = "--service-app",
      paramLabel = "ID:JWKS:SCOPES",
      description =
          "Register an OAuth service app for /oauth2/v1/token: its client id, a file with its public"
              + " keys as a JWKS, and the scopes granted, comma-separated; e.g."
              + " 0oa1plan:plan.jwks.json:okta.groups.read,okta.apps.read. Repeatable.")
  List<String> serviceApps = List.of();

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

  /** A service app to register: client id, JWKS text, granted scopes. */
  private record ServiceApp(String clientId, String jwks, List<String> scopes) {}

  /** Parses {@code ID:JWKS_FILE:SCOPES}; the file may itself contain colons. */
  private ServiceApp serviceApp(String spec) {
    int first = spec.indexOf(':');
    int last = spec.lastIndexOf(':');
    if (first <= 0 || last == first || last == spec.length() - 1) {
      throw CliException.usage(
          "--service-app "
              + spec
              + ": expected CLIENT_ID:JWKS_FILE:SCOPE[,SCOPE...], e.g."
              + " 0oa1plan:plan.jwks.json:okta.groups.read,okta.apps.read");
    }
    String file = spec.substring(first + 1, last);
    Path path = main.env().resolve(file);
    try {
      return new ServiceApp(
          spec.substring(0, first),
          Files.readString(path),
          List.of(spec.substring(last + 1).split(",")));
    } catch (java.io.IOException e) {
      throw CliException.usage("--service-app: cannot read the JWKS file " + file);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!(timeScale > 0)) {
      throw CliException.usage("--time-scale must be positive");
    }
    ValidationResult repoResult = repo == null ? null : readRepo();
    OrgConfig config = repoResult == null ? OrgConfig.defaults() : repoResult.config();
    List<ServiceApp> apps = new java.util.ArrayList<>();
    for (String spec : serviceApps) {
      apps.add(serviceApp(spec));
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
    register(s.sandbox(), apps);
    brownfield(s.sandbox());
    announce(s);
    serve(s.sandbox());
    return ExitCode.OK;
  }

  /** Validates --repo for its catalogs and people; errors are reported, not fatal. */
  private ValidationResult readRepo() {
    Path dir = main.env().resolve(repo.toString());
    if (!Files.isDirectory(dir)) {
      throw CliException.usage("--repo " + repo + ": no such directory");
    }
    ValidationResult r =
        Pipeline.validate(DirectorySource.read(dir), LocalDate.now(main.env().clock()));
    if (r.hasErrors()) {
      main.err()
          .println(
              "okta-groups sandbox: "
                  + r.errorCount()
                  + " validation errors in "
                  + repo
                  + "; seeding from what could be read (run 'okta-groups validate' for details)");
    }
    return r;
  }

  /** With --brownfield, seeds the org that years of console work leave behind. */
  private void brownfield(Sandbox sandbox) {
    if (brownfield) {
      int added = sandbox.seedBrownfield(seed, 0);
      main.err().println("okta-groups sandbox: brownfield org with " + added + " console groups");
    }
  }

  /** Registers the --service-app clients with the started sandbox. */
  private static void register(Sandbox sandbox, List<ServiceApp> apps) {
    for (ServiceApp a : apps) {
      try {
        sandbox.registerServiceApp(a.clientId(), a.jwks(), a.scopes());
      } catch (IllegalArgumentException e) {
        sandbox.close();
        throw CliException.usage("--service-app " + a.clientId() + ": " + e.getMessage());
      }
    }
  }

  /** The URL and token first, on standard output, then what was seeded. */
  private void announce(EmbeddedSandbox.Seeded s) {
    java.io.PrintWriter out = main.out();
    synchronized (out) {
      out.println("OKTA_ORG_URL=" + s.sandbox().url());
      out.println("OKTA_API_TOKEN=" + s.sandbox().token());
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
    // The sandbox's own Slack tokens, not anyone's real one: what the CLI needs to link channels.
    main.err()
        .println(
            "okta-groups sandbox: Slack at SLACK_API_URL="
                + s.sandbox().url()
                + "/slack/{appId}/api/ with SLACK_TOKEN="
                + s.sandbox().slackBotToken()
                + " (plain workspace) or "
                + s.sandbox().slackAdminToken()
                + " (Enterprise Grid admin)");
    main.err().flush();
  }

  /** Serves until interrupted (or --stop-after), then closes the sandbox. */
  private void serve(Sandbox sandbox) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              sandbox.close();
            },
            "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
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
  }
}
