package dev.oktagroups.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code okta-groups} entry point. {@link #run} returns the exit code, so tests call it with
 * their own writers; {@link #main} is the only place that exits the JVM.
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
      SandboxCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success; no changes",
      "  1  unexpected failure, or an apply with failed changes",
      "  2  usage error",
      "  3  invalid manifests or okta-groups.yaml, or plan errors",
      "  4  plan --detailed-exitcode: changes present",
      "  5  refused by a safety rail; nothing was changed",
      "  6  stale plan; nothing was changed",
      "See docs/exit-codes.md."
    })
public final class Main implements Runnable {
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
  private final java.io.BufferedReader in;

  public Main(PrintWriter out, PrintWriter err, Env env) {
    this(out, err, env, null);
  }

  /**
   * @param in where confirmations are read from; null when nobody can answer
   */
  public Main(PrintWriter out, PrintWriter err, Env env, java.io.BufferedReader in) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.in = in;
  }

  java.io.BufferedReader in() {
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

  @Override
  public void run() {
    // "okta-groups" alone: show what there is to do
    new CommandLine(this).usage(err);
  }

  /** Parses and runs {@code args}; returns the exit code. Never throws. */
  public int run(String... args) {
    CommandLine cmd = new CommandLine(this, new Factory(this));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExitCodeExceptionMapper(
        t ->
            t instanceof CliException c
                ? c.exitCode()
                : t instanceof CommandLine.ParameterException ? ExitCode.USAGE : ExitCode.FAILURE);
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof CliException c) {
            err.println("okta-groups: " + c.getMessage());
            err.flush();
            return c.exitCode();
          }
          // Never a stack trace by default: say what failed and how to see more.
          err.println(
              "okta-groups: internal error: "
                  + ex.getClass().getSimpleName()
                  + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
          if (env.var("OKTA_GROUPS_DEBUG").isPresent()) {
            ex.printStackTrace(err);
          } else {
            err.println(
                "Set OKTA_GROUPS_DEBUG=1 for details, and report this at the project's issue tracker.");
          }
          err.flush();
          return ExitCode.FAILURE;
        });
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    // A terminal can confirm; a pipe or CI job cannot, and must pass --auto-approve.
    java.io.BufferedReader in =
        System.console() == null
            ? null
            : new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.exit(new Main(out, err, Env.system(), in).run(args));
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
