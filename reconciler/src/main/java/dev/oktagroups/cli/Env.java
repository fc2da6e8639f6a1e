package dev.oktagroups.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI reads from its surroundings, injected so tests control it.
 *
 * @param vars environment variables
 * @param cwd the working directory relative paths resolve against
 * @param clock the time source, for expiry dates and timestamps
 */
public record Env(Map<String, String> vars, Path cwd, Clock clock) {
  public Env {
    vars = Map.copyOf(vars);
  }

  public static Env system() {
    return new Env(System.getenv(), Path.of("").toAbsolutePath(), Clock.systemUTC());
  }

  public Optional<String> var(String name) {
    String v = vars.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** The user's home directory: HOME, else the JVM's idea of it. */
  public Path home() {
    return Path.of(var("HOME").orElse(System.getProperty("user.home")));
  }

  public Path resolve(String path) {
    return cwd.resolve(path).normalize();
  }
}
