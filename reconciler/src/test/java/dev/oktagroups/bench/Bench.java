package dev.oktagroups.bench;

import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Small helpers shared by the benchmark programs: timing subprocesses and summarising. */
final class Bench {
  private Bench() {}

  /** The packaged jar the benchmarks run: {@code -Dokta-groups.jar}, as Maven sets it. */
  static Path jar() {
    return Path.of(System.getProperty("okta-groups.jar", "target/okta-groups.jar"))
        .toAbsolutePath();
  }

  /**
   * The environment of a launched command against a sandbox: the packaged jar, the sandbox's token,
   * and a read cache of its own under {@code cacheHome}; mutable, for a benchmark to add to.
   */
  static Map<String, String> env(String token, Path cacheHome) {
    return new HashMap<>(
        Map.of(
            "OKTA_GROUPS_JAR",
            jar().toString(),
            "OKTA_API_TOKEN",
            token,
            "XDG_CACHE_HOME",
            cacheHome.toString()));
  }

  /**
   * The launcher's watch command over {@code gitUrl} against {@code oktaUrl}, on {@code port}, with
   * its state and Git cache under {@code dir}. The drift check is an hour away, so a benchmark
   * measures merges only.
   */
  static List<String> watch(
      Path root, String gitUrl, String interval, int port, Path dir, String oktaUrl) {
    return List.of(
        root.resolve("okta-groups").toString(),
        "watch",
        "--git-url",
        gitUrl,
        "--interval",
        interval,
        "--drift-interval",
        "1h",
        "--listen",
        "127.0.0.1:" + port,
        "--state-dir",
        dir.resolve("state").toString(),
        "--git-cache",
        dir.resolve("cache").toString(),
        "--okta-url",
        oktaUrl);
  }

  /** Wall-clock seconds of one run of {@code cmd}, which must exit 0. */
  static double timeOnce(Path cwd, Map<String, String> env, List<String> cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Min, median and max of {@code runs} timings. */
  record Stats(double min, double median, double max) {
    @Override
    public String toString() {
      return String.format("%.2f s (min %.2f, max %.2f)", median, min, max);
    }
  }

  static Stats time(int runs, Path cwd, Map<String, String> env, List<String> cmd)
      throws Exception {
    List<Double> ts = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      ts.add(timeOnce(cwd, env, cmd));
    }
    double[] a = ts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Stats(a[0], a[a.length / 2], a[a.length - 1]);
  }

  /**
   * Validates a generated repository, which must be valid: a benchmark of an invalid one measures
   * nothing.
   */
  static ValidationResult validated(Path repo) {
    ValidationResult v = new Validator(LocalDate.now()).validate(DirectorySource.read(repo));
    if (v.hasErrors()) {
      throw new IllegalStateException(
          "the generated repository is invalid: "
              + v.diagnostics().subList(0, Math.min(5, v.diagnostics().size())));
    }
    return v;
  }

  /**
   * A benchmark option: from the program's arguments, else from {@code -Dbench.args="--name value"}
   * (how Maven passes them), else the fallback.
   */
  static String arg(String[] args, String name, String fallback) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    String fromMaven = System.getProperty("bench.args", "").trim();
    if (!fromMaven.isEmpty()) {
      all.addAll(Arrays.asList(fromMaven.split("\\s+")));
    }
    int i = all.indexOf(name);
    return i >= 0 && i + 1 < all.size() ? all.get(i + 1) : fallback;
  }
}
