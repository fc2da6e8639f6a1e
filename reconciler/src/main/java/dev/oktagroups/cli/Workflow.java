package dev.oktagroups.cli;

import dev.oktagroups.compile.Compiler;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.okta.OktaConnection;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.Planner;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.report.FindingsFormat;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The composition root of plan, apply and reconcile: reads and validates the repository,
 * connects to Okta (or an embedded sandbox), reads the actual state, plans and checks safety.
 */
final class Workflow {
  private Workflow() {}

  /** A validated repository and the state it wants. */
  record Prepared(RepoSnapshot snapshot, ValidationResult validation, DesiredState desired) {
    OrgConfig config() {
      return validation.config();
    }

    List<GroupManifest> manifests() {
      return validation.manifests();
    }
  }

  /** An Okta connection, and the sandbox behind it when embedded. */
  record Target(OktaConnection connection, Optional<Sandbox> sandbox) implements AutoCloseable {
    @Override
    public void close() {
      sandbox.ifPresent(Sandbox::close);
    }
  }

  /** A plan and the state it was computed from. */
  record Planned(Plan plan, ActualState actual) {}

  /**
   * Validates and compiles. Invalid manifests are never planned: their findings go to standard
   * error and the run ends with exit code 3.
   */
  static Prepared prepare(Main main, RepoSnapshot snap) {
    return prepare(main, snap, v -> {});
  }

  /** As {@link #prepare(Main, RepoSnapshot)}, telling {@code onInvalid} first when the manifests are invalid. */
  static Prepared prepare(Main main, RepoSnapshot snap, java.util.function.Consumer<ValidationResult> onInvalid) {
    ValidationResult v = new Validator(LocalDate.now(main.env().clock())).validate(snap);
    if (v.hasErrors()) {
      main.err().print(FindingsFormat.TEXT.render(v, false));
      main.err().flush();
      onInvalid.accept(v);
      throw new CliException(ExitCode.INVALID, "the manifests are invalid; nothing was planned. Fix the errors above (okta-groups validate).");
    }
    DesiredState d = Compiler.compile(v.config(), v.manifests(), LocalDate.now(main.env().clock()));
    return new Prepared(snap, v, d);
  }

  static Target connect(Main main, OktaOptions o, Prepared p) {
    if (o.sandbox) {
      if (o.oktaUrl != null) {
        throw CliException.usage("--sandbox and --okta-url are alternatives; give one");
      }
      return embedded(p.config(), p.manifests(), line -> main.err().println("okta-groups: " + line));
    }
    String url = Optional.ofNullable(o.oktaUrl)
        .or(() -> main.env().var("OKTA_ORG_URL"))
        .or(() -> p == null ? Optional.empty() : p.config().orgUrl())
        .orElseThrow(() -> CliException.usage("no Okta org: pass --okta-url, set OKTA_ORG_URL, set org.url in okta-groups.yaml, or use --sandbox"));
    return connect(main, url);
  }

  /** Starts a sandbox org seeded for these manifests, and connects to it; {@code announce} hears where. */
  static Target embedded(OrgConfig config, List<GroupManifest> manifests, java.util.function.Consumer<String> announce) {
    EmbeddedSandbox.Seeded s = EmbeddedSandbox.start(config, manifests, EmbeddedSandbox.Options.embedded());
    announce.accept("embedded sandbox at " + s.sandbox().url() + " (" + s.users() + " synthetic people, "
        + s.people() + " named in manifests, " + s.apps() + " apps)");
    return new Target(OktaConnection.connect(s.sandbox().url(), new OktaConnection.ApiToken(s.sandbox().token())), Optional.of(s.sandbox()));
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
    return main.env().var("OKTA_API_TOKEN").isPresent() || main.env().var("OKTA_CLIENT_ID").isPresent();
  }

  static OktaConnection.Credentials credentials(Main main) {
    Optional<String> token = main.env().var("OKTA_API_TOKEN");
    Optional<String> client = main.env().var("OKTA_CLIENT_ID");
    if (token.isPresent()) {
      return new OktaConnection.ApiToken(token.get());
    }
    if (client.isPresent()) {
      String key = main.env().var("OKTA_PRIVATE_KEY_FILE")
          .orElseThrow(() -> CliException.usage("OKTA_CLIENT_ID is set but OKTA_PRIVATE_KEY_FILE is not"));
      Path keyPath = main.env().resolve(key);
      if (!Files.isReadable(keyPath)) {
        throw CliException.usage("OKTA_PRIVATE_KEY_FILE " + key + " cannot be read");
      }
      Set<String> scopes = main.env().var("OKTA_SCOPES")
          .map(s -> (Set<String>) new LinkedHashSet<>(List.of(s.trim().split("[\\s,]+"))))
          .orElse(OktaConnection.SCOPES);
      return new OktaConnection.ServiceApp(client.get(), keyPath, scopes);
    }
    throw CliException.usage("no Okta credentials: set OKTA_API_TOKEN, or OKTA_CLIENT_ID and OKTA_PRIVATE_KEY_FILE"
        + " (see docs/operations.md), or use --sandbox");
  }

  static Planned plan(Main main, Prepared p, Target t, OktaOptions o) {
    Plan.Scope scope = Planner.scope(p.desired());
    PrintWriter err = main.err();
    ActualState actual = read(main, t, scope, o.threads);
    Set<String> adopt = new LinkedHashSet<>(o.adopt);
    Plan plan = Planner.plan(p.desired(), actual, new Planner.Policy(adopt),
        new Plan.Source(p.snapshot().origin(), p.snapshot().commit()), t.connection().orgUrl(), main.env().clock().instant());
    err.flush();
    return new Planned(plan, actual);
  }

  static ActualState read(Main main, Target t, Plan.Scope scope, int threads) {
    long r0 = t.connection().requests();
    try {
      ActualState a = t.connection().reader(threads).read(scope, line -> {
        main.err().println("okta-groups: " + line);
        main.err().flush();
      });
      main.err().println("okta-groups: read Okta in " + (t.connection().requests() - r0) + " requests");
      return a;
    } catch (OktaFailure f) {
      throw new CliException(ExitCode.FAILURE, "cannot read Okta: " + f.detail());
    }
  }

  /** The groups whose takeover is allowed: flags and manifests with 'adopt: true'. */
  static Set<String> adopted(Prepared p, OktaOptions o) {
    return adopted(p.desired(), o);
  }

  static Set<String> adopted(DesiredState desired, OktaOptions o) {
    Set<String> out = new LinkedHashSet<>(o.adopt);
    desired.groups().values().stream().filter(DesiredState.Group::adopt).forEach(g -> out.add(g.name()));
    return out;
  }

  static List<Safety.Refusal> safety(Plan plan, ActualState actual, OrgConfig config, Set<String> adopted, OktaOptions o) {
    return Safety.check(plan, actual, Set.copyOf(config.protectedGroups()), adopted, limits(config.safety(), o));
  }

  /**
   * The caps for this run: okta-groups.yaml's, unless --max-deletions or --max-removals
   * overrides one, which then replaces its fraction too.
   */
  static Safety.Limits limits(OrgConfig.Safety s, OktaOptions o) {
    return new Safety.Limits(
        o.maxDeletions != null ? o.maxDeletions : s.maxDeletions(),
        o.maxDeletions != null ? 1.0 : s.maxDeletionFraction(),
        o.maxRemovals != null ? o.maxRemovals : s.maxRemovals(),
        o.maxRemovals != null ? 1.0 : s.maxRemovalFraction());
  }

  static void printRefusals(Main main, List<Safety.Refusal> refusals) {
    main.err().println("okta-groups: refused by the safety rails; nothing was changed:");
    for (Safety.Refusal r : refusals) {
      main.err().println("  - " + r.message());
      main.err().println("    " + r.howToProceed());
    }
    main.err().flush();
  }
}
