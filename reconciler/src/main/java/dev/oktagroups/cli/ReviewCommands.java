package dev.oktagroups.cli;

import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Policy;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.reconcile.Review;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The access-review commands: thin shells over {@link Pipeline#explain} and access. */
final class ReviewCommands {
  private ReviewCommands() {}

  /** What both commands share: the repository, Okta or --offline, and the format. */
  abstract static class Base implements Callable<Integer> {
    final Main main;

    @Mixin RepoOptions repo;
    @Mixin OktaOptions okta;

    @Option(
        names = "--offline",
        description = "Answer from the manifests alone; what needs Okta is marked unknown.")
    boolean offline;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "text (default), json or csv.",
        converter = ReviewFormat.Converter.class)
    ReviewFormat format = ReviewFormat.TEXT;

    Base(Main main) {
      this.main = main;
    }

    /** Runs {@code ask} against Okta, or offline, and prints what it returns. */
    <T> T ask(Function<Optional<Pipeline.Online>, T> ask, Preparation.Prepared p) {
      if (offline && okta.sandbox) {
        throw CliException.usage("--offline and --sandbox are alternatives; give one");
      }
      if (offline) {
        return ask.apply(Optional.empty());
      }
      try (Wiring.Target t = Wiring.connect(main, okta, p, Wiring.Access.READ_IN_FULL)) {
        Policy policy = Policy.of(p, Stages.overrides(okta));
        T out =
            ask.apply(
                Optional.of(
                    new Pipeline.Online(
                        t.reporting(main, okta.threads), t.directory(main), policy, t.orgUrl())));
        main.err().flush();
        return out;
      }
    }

    Instant now() {
      return main.env().clock().instant();
    }
  }

  /** {@code okta-groups explain USER}. */
  @Command(
      name = "explain",
      mixinStandardHelpOptions = true,
      header = "Why a person is in each group, and what each group gives them.",
      description = {
        "List every group USER (a login or email) is in, or will be in after the pending plan,",
        "and why: the selector clause that matched with the attribute values, the exception with",
        "its reason, request and expiry, or drift. Then the apps and push targets of each."
      })
  static final class Explain extends Base {
    @Parameters(paramLabel = "USER", description = "The person's Okta login or email.")
    String user;

    Explain(Main main) {
      super(main);
    }

    @Override
    public Integer call() throws Exception {
      Preparation.Prepared p = Stages.prepare(main, repo.read(main));
      Review.Explanation x = ask(o -> Pipeline.explain(p, o, user, now(), line -> {}), p);
      main.out().print(format.render(x));
      main.out().flush();
      if (x.online() && x.person().isEmpty()) {
        main.err().println("okta-groups: no Okta user has the login or email " + user);
        return ExitCode.FAILURE;
      }
      return ExitCode.OK;
    }
  }

  /** {@code okta-groups access APP}. */
  @Command(
      name = "access",
      mixinStandardHelpOptions = true,
      header = "Everyone who has an app through groups, with the path for each.",
      description = {
        "List everyone the catalog app APP reaches through group assignments: the group, and why",
        "they are in it. People the pending plan adds or removes are marked."
      })
  static final class AccessCommand extends Base {
    @Parameters(paramLabel = "APP", description = "The app's key in okta-groups.yaml's catalog.")
    String app;

    AccessCommand(Main main) {
      super(main);
    }

    @Override
    public Integer call() throws Exception {
      Preparation.Prepared p = Stages.prepare(main, repo.read(main));
      if (!p.desired().catalogApps().containsKey(app)) {
        throw CliException.usage(
            "'"
                + app
                + "' is not an app of okta-groups.yaml's catalog; use one of: "
                + String.join(", ", p.desired().catalogApps().keySet()));
      }
      Review.Access a = ask(o -> Pipeline.access(p, o, app, now(), line -> {}), p);
      main.out().print(format.render(a));
      main.out().flush();
      return ExitCode.OK;
    }
  }
}
