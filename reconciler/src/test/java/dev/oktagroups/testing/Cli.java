package dev.oktagroups.testing;

import dev.oktagroups.cli.Env;
import dev.oktagroups.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with captured writers, a fixed clock and a chosen environment. */
public final class Cli {
  /** The date every test runs on unless it says otherwise. */
  public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private final Map<String, String> vars = new HashMap<>();
  private Path cwd = Path.of("").toAbsolutePath();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  public static Cli create() {
    return new Cli();
  }

  public Cli env(String name, String value) {
    vars.put(name, value);
    return this;
  }

  public Cli cwd(Path dir) {
    this.cwd = dir;
    return this;
  }

  public Cli clock(Clock c) {
    this.clock = c;
    return this;
  }

  /** The outcome of one run. */
  public record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Main(new PrintWriter(out), new PrintWriter(err), new Env(vars, cwd, clock)).run(args);
    return new Result(code, out.toString(), err.toString());
  }
}
