package dev.oktagroups.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code okta-groups} entry point. {@link #run} returns the exit code, so tests call it with
 * their own writers; {@link #main} is the only place that exits the JVM.
 *
 * <p>Every failure reaches the user as one line on standard error, with the exit code of
 * docs/exit-codes.md: usage errors from picocli and from the commands exit 2, and {@link Failures}
 * names the rest. Only {@code OKTA_GROUPS_DEBUG=1} adds a stack trace.
 */
@Command(
    name = "okta-groups",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "GitOps for Okta groups: validate manifests, plan and apply them to Okta.",
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      ReconcileCommand.class,
      WatchCommand.class,
      ReviewCommands.Explain.class,
      ReviewCommands.AccessCommand.class,
      ExpiringCommand.class,
      CodeownersCommand.class,
      ImportCommand.class,
      SandboxCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success; no changes",
      "  1  Okta or Git unreachable, credentials rejected, an apply with failed changes, or a bug",
      "  2  usage error: a bad option or value, missing credentials or files, a broken saved plan",
      "  3  invalid manifests or okta-groups.yaml, or plan errors",
      "  4  plan --detailed-exitcode: changes present",
      "  5  refused by a safety rail; nothing was changed",
      "  6  stale plan; nothing was changed",
      "  7  another run holds the apply lease past --lock-timeout; nothing was changed",
      "  8  Okta refused the credentials or their scopes; nothing was changed",
      "See docs/exit-codes.md."
    })
public final class Main implements java.util.concurrent.Callable<Integer> {
  static {
    // Every JDK HttpServer in this process (the sandbox, the watcher's endpoints) answers small
    // requests; without TCP_NODELAY each would stall ~40 ms on delayed ACKs. The JDK reads the
    // property once, when the first server starts, so it is set before any can.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final PrintWriter out;
  private final PrintWriter err;
  private final Env env;
  private final BufferedReader in;
  private final boolean terminal;

  @Spec CommandSpec spec;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "No ANSI colour, even on a terminal (also: the NO_COLOR variable).")
  boolean noColor;

  public Main(PrintWriter out, PrintWriter err, Env env) {
    this(out, err, env, null);
  }

  /**
   * @param in where confirmations are read from; null when nobody can answer
   */
  public Main(PrintWriter out, PrintWriter err, Env env, BufferedReader in) {
    this(out, err, env, in, false);
  }

  /**
   * @param in where confirmations are read from; null when nobody can answer
   * @param terminal whether standard output is a terminal, so colour may be shown
   */
  public Main(PrintWriter out, PrintWriter err, Env env, BufferedReader in, boolean terminal) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.in = in;
    this.terminal = terminal;
  }

  BufferedReader in() {
    return in;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  Env env() {
    return env;
  }

  /**
   * Whether output gets ANSI colour: on a terminal, or in GitLab CI, whose job logs render it;
   * never with --no-color, NO_COLOR (https://no-color.org) or TERM=dumb.
   */
  Style style() {
    boolean wanted =
        !noColor
            && env.var("NO_COLOR").isEmpty()
            && !"dumb".equals(env.var("TERM").orElse(""))
            && (terminal || "true".equals(env.var("GITLAB_CI").orElse("")));
    return wanted ? Style.ANSI : Style.PLAIN;
  }

  @Override
  public Integer call() {
    // "okta-groups" alone: show what there is to do
    spec.commandLine().usage(out);
    return ExitCode.OK;
  }

  /**
   * The command line, configured as {@link #run} runs it; tests parse the docs' commands with it.
   */
  CommandLine commandLine() {
    CommandLine cmd = new CommandLine(this, new Factory(this));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setUsageHelpAutoWidth(true);
    HelpLayout.install(cmd, env);
    cmd.setParameterExceptionHandler(this::usageError);
    cmd.setExitCodeExceptionMapper(
        t ->
            t instanceof CliException c
                ? c.exitCode()
                : t instanceof CommandLine.ParameterException ? ExitCode.USAGE : ExitCode.FAILURE);
    cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failed(ex, commandLine));
    return cmd;
  }

  /** Parses and runs {@code args}; returns the exit code. Never throws. */
  public int run(String... args) {
    int code;
    try {
      code = commandLine().execute(args);
    } catch (RuntimeException | Error e) {
      // Picocli's own failures (a broken option declaration) arrive here, outside any handler.
      code = failed(e, null);
    }
    out.flush();
    err.flush();
    return code;
  }

  /** A bad command line: one line, a suggestion when picocli has one, and where help is. */
  private int usageError(CommandLine.ParameterException ex, String[] args) {
    err.println("okta-groups: " + usageMessage(ex));
    if (ex instanceof CommandLine.UnmatchedArgumentException u) {
      java.util.List<String> s = u.getSuggestions();
      if (!s.isEmpty()) {
        err.println(
            "  Did you mean: " + String.join(", ", s.subList(0, Math.min(3, s.size()))) + "?");
      }
    }
    err.println("  See '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCode.USAGE;
  }

  /** Picocli's message, said the way a user thinks of the mistake. */
  private static String usageMessage(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      CommandSpec where = u.getCommandLine().getCommandSpec();
      if (first.startsWith("-")) {
        return "unknown option '" + first + "' for " + where.qualifiedName();
      }
      return where.subcommands().isEmpty()
          ? "unexpected argument '" + first + "' for " + where.qualifiedName()
          : "unknown command '" + first + "'";
    }
    return ex.getMessage();
  }

  /** Any failure inside a command, as one line and its exit code. */
  private int failed(Throwable ex, CommandLine where) {
    CliException c = Failures.classify(ex);
    err.println("okta-groups: " + c.getMessage());
    if (ex instanceof CommandLine.PicocliException && where != null) {
      err.println("  See '" + where.getCommandSpec().qualifiedName() + " --help'.");
    }
    if (env.var("OKTA_GROUPS_DEBUG").isPresent()) {
      ex.printStackTrace(err);
    } else if (Failures.isBug(ex)) {
      err.println(
          "  This is a bug in okta-groups. Run again with OKTA_GROUPS_DEBUG=1 to see where, and"
              + " report it.");
    }
    err.flush();
    return c.exitCode();
  }

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    // A terminal can confirm; a pipe or CI job cannot, and must pass --auto-approve.
    boolean terminal = System.console() != null;
    BufferedReader in =
        terminal
            ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
            : null;
    System.exit(new Main(out, err, Env.system(), in, terminal).run(args));
  }

  /** Gives every command the shared context. */
  private static final class Factory implements CommandLine.IFactory {
    private final Main main;

    Factory(Main main) {
      this.main = main;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == Main.class) {
        return cls.cast(main);
      }
      try {
        return cls.getDeclaredConstructor(Main.class).newInstance(main);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }
}
