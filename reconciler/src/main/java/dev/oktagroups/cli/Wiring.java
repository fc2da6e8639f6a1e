package dev.oktagroups.cli;

import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.okta.OktaConnection;
import dev.oktagroups.okta.OktaStateReader;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.port.OktaWriter;
import dev.oktagroups.port.UserDirectory;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.state.Person;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The composition root: the one class in {@code cli} that knows the Okta adapter. It connects to a
 * real org with the environment's credentials, or starts an embedded sandbox, and hands the
 * pipeline the {@code port} reader and writer.
 */
final class Wiring {
  private Wiring() {}

  /** An Okta connection, and the sandbox behind it when embedded. */
  static final class Target implements AutoCloseable {
    private final OktaConnection connection;
    private final Optional<Sandbox> sandbox;

    Target(OktaConnection connection, Optional<Sandbox> sandbox) {
      this.connection = connection;
      this.sandbox = sandbox;
    }

    String orgUrl() {
      return connection.orgUrl();
    }

    /** API requests made so far, retries included. */
    long requests() {
      return connection.requests();
    }

    /** The reader, quiet, for callers that report failures themselves (the watcher). */
    OktaReader reader(int threads) {
      return connection.reader(threads);
    }

    /**
     * The reader for commands: progress and the request count go to standard error, and a failure
     * to read ends the run with exit 1.
     */
    OktaReader reporting(Main main, int threads) {
      OktaReader raw = connection.reader(threads);
      return (scope, progress) -> {
        long r0 = connection.requests();
        try {
          var a =
              raw.read(
                  scope,
                  line -> {
                    progress.accept(line);
                    main.err().println("okta-groups: " + line);
                    main.err().flush();
                  });
          main.err()
              .println("okta-groups: read Okta in " + (connection.requests() - r0) + " requests");
          return a;
        } catch (OktaFailure f) {
          throw new CliException(ExitCode.FAILURE, "cannot read Okta: " + f.detail());
        }
      };
    }

    /**
     * The user directory for impact, reporting like {@link #reporting}: progress and the request
     * count on standard error, a failure ends the run with exit 1.
     */
    UserDirectory directory(Main main) {
      OktaStateReader raw = connection.reader(1);
      return (filter, progress) -> {
        long r0 = connection.requests();
        try {
          List<Person> found =
              raw.search(
                  filter,
                  line -> {
                    progress.accept(line);
                    main.err().println("okta-groups: " + line);
                  });
          main.err()
              .println(
                  "okta-groups: found "
                      + found.size()
                      + " candidates in "
                      + (connection.requests() - r0)
                      + " requests");
          main.err().flush();
          return found;
        } catch (OktaFailure f) {
          throw new CliException(ExitCode.FAILURE, "cannot search Okta's users: " + f.detail());
        }
      };
    }

    /** The directory, quiet, for the watcher. */
    UserDirectory directory() {
      return connection.reader(1);
    }

    OktaWriter writer() {
      return connection.writer();
    }

    @Override
    public void close() {
      sandbox.ifPresent(Sandbox::close);
    }
  }

  /** The org a command's options name: --sandbox (seeded from {@code p}), or a real one. */
  static Target connect(Main main, OktaOptions o, Preparation.Prepared p) {
    if (o.sandbox) {
      if (o.oktaUrl != null) {
        throw CliException.usage("--sandbox and --okta-url are alternatives; give one");
      }
      return embedded(
          p.config(), p.manifests(), line -> main.err().println("okta-groups: " + line));
    }
    String url =
        Optional.ofNullable(o.oktaUrl)
            .or(() -> main.env().var("OKTA_ORG_URL"))
            .or(() -> p == null ? Optional.empty() : p.config().orgUrl())
            .orElseThrow(
                () ->
                    CliException.usage(
                        "no Okta org: pass --okta-url, set OKTA_ORG_URL, set org.url in okta-groups.yaml, or use --sandbox"));
    return connect(main, url);
  }

  /**
   * Starts a sandbox org seeded for these manifests, and connects to it; {@code announce} hears
   * where.
   */
  static Target embedded(
      OrgConfig config, List<GroupManifest> manifests, Consumer<String> announce) {
    EmbeddedSandbox.Seeded s =
        EmbeddedSandbox.start(config, manifests, EmbeddedSandbox.Options.embedded());
    announce.accept(
        "embedded sandbox at "
            + s.sandbox().url()
            + " ("
            + s.users()
            + " synthetic people, "
            + s.people()
            + " named in manifests, "
            + s.apps()
            + " apps)");
    return new Target(
        OktaConnection.connect(s.sandbox().url(), new OktaConnection.ApiToken(s.sandbox().token())),
        Optional.of(s.sandbox()));
  }

  /** Connects to a real org with the credentials in the environment. */
  static Target connect(Main main, String url) {
    OktaConnection.Credentials creds = credentials(main);
    try {
      return new Target(OktaConnection.connect(url, creds), Optional.empty());
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** Whether the environment holds Okta credentials of either kind. */
  static boolean hasCredentials(Main main) {
    return main.env().var("OKTA_API_TOKEN").isPresent()
        || main.env().var("OKTA_CLIENT_ID").isPresent();
  }

  static OktaConnection.Credentials credentials(Main main) {
    Optional<String> token = main.env().var("OKTA_API_TOKEN");
    Optional<String> client = main.env().var("OKTA_CLIENT_ID");
    if (token.isPresent()) {
      return new OktaConnection.ApiToken(token.get());
    }
    if (client.isPresent()) {
      String key =
          main.env()
              .var("OKTA_PRIVATE_KEY_FILE")
              .orElseThrow(
                  () ->
                      CliException.usage("OKTA_CLIENT_ID is set but OKTA_PRIVATE_KEY_FILE is not"));
      Path keyPath = main.env().resolve(key);
      if (!Files.isReadable(keyPath)) {
        throw CliException.usage("OKTA_PRIVATE_KEY_FILE " + key + " cannot be read");
      }
      Set<String> scopes =
          main.env()
              .var("OKTA_SCOPES")
              .map(s -> (Set<String>) new LinkedHashSet<>(List.of(s.trim().split("[\\s,]+"))))
              .orElse(OktaConnection.SCOPES);
      return new OktaConnection.ServiceApp(client.get(), keyPath, scopes);
    }
    throw CliException.usage(
        "no Okta credentials: set OKTA_API_TOKEN, or OKTA_CLIENT_ID and OKTA_PRIVATE_KEY_FILE"
            + " (see docs/operations.md), or use --sandbox");
  }
}
