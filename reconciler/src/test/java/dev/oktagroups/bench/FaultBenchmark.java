package dev.oktagroups.bench;

import dev.oktagroups.cli.EmbeddedSandbox;
import dev.oktagroups.sandbox.Faults;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.testing.Storm;
import dev.oktagroups.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The wall time of {@code ./okta-groups apply --auto-approve} of N new managed groups with rules
 * (default 200) in three fresh sandboxes: fault-free, with 503 on every fifth write, and beside a
 * 429 storm that another client of the same token keeps up on the groups bucket. Reports each as a
 * ratio to the fault-free run of the same invocation.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench verify -Dbench.main=FaultBenchmark}
 */
public final class FaultBenchmark {
  private FaultBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(Bench.arg(args, "--groups", "200"));
    double scale = Double.parseDouble(Bench.arg(args, "--time-scale", "6"));
    Path repo = ApplyBenchmark.generate(Files.createTempDirectory("okta-groups-fault-bench"), n);
    ValidationResult v = Bench.validated(repo);
    double clean = run(v, repo, scale, s -> {});
    double with503 =
        run(
            v,
            repo,
            scale,
            s -> {
              for (String method : List.of("POST", "PUT", "DELETE")) {
                for (int nth = 5; nth <= 20 * n; nth += 5) {
                  s.faults()
                      .add(Faults.Rule.failNth(method, "/api/v1/.*", nth, Faults.Kind.ERROR_503));
                }
              }
            });
    AtomicBoolean storming = new AtomicBoolean();
    double storm = run(v, repo, scale, s -> storm(s, storming));
    storming.set(false);
    System.out.printf(
        "apply %,d new managed groups with rules; one Okta minute = %.1f s; %d cores, Java %s%n",
        n,
        60 / scale,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf("| fault-free | %.1f s | 1.00 |%n", clean);
    System.out.printf("| 503 on every fifth write | %.1f s | %.2f |%n", with503, with503 / clean);
    System.out.printf("| 429 storm from another client | %.1f s | %.2f |%n", storm, storm / clean);
  }

  private static double run(ValidationResult v, Path repo, double scale, Consumer<Sandbox> arrange)
      throws Exception {
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, 2000, 42, "00bench-token-0123456789", scale, true, null);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
      Path root = Repo.root();
      Path jar = Bench.jar();
      Map<String, String> env =
          Map.of("OKTA_GROUPS_JAR", jar.toString(), "OKTA_API_TOKEN", s.token());
      arrange.accept(s);
      double wall =
          Bench.timeOnce(
              root,
              env,
              List.of(
                  root.resolve("okta-groups").toString(),
                  "apply",
                  "--auto-approve",
                  "--repo",
                  repo.toString(),
                  "--okta-url",
                  s.url()));
      if (s.org().allRules().size() < v.manifests().size()) {
        throw new IllegalStateException(
            "apply did not converge: " + s.org().allRules().size() + " rules");
      }
      return wall;
    }
  }

  /** Another client on the same token, spending the groups bucket as fast as it refills. */
  private static void storm(Sandbox s, AtomicBoolean on) {
    on.set(true);
    Storm.start(s, on);
  }
}
