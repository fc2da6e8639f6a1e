package dev.oktagroups.bench;

import dev.oktagroups.cli.EmbeddedSandbox;
import dev.oktagroups.sandbox.RequestStats;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applying N new managed groups (default 1,000), each with its rule, to a sandbox whose rate limits
 * are on and time-scaled: one Okta minute lasts {@code 60 / scale} real seconds. Reports the wall
 * time of {@code ./okta-groups apply --auto-approve} against the rate-limit floor, the least time
 * the same requests can take under the buckets they count against, and the 429s.
 *
 * <p>The floor, per bucket: n requests at L per window need ceil(n / L) windows, and the last
 * window opens (ceil(n / L) - 1) minutes after the first request. The run's floor is the largest
 * over the buckets it used.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench verify -Dbench.main=ApplyBenchmark}
 */
public final class ApplyBenchmark {
  private ApplyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(Bench.arg(args, "--groups", "1000"));
    double scale = Double.parseDouble(Bench.arg(args, "--time-scale", "6"));
    Path repo = generate(Files.createTempDirectory("okta-groups-apply-bench"), n);
    ValidationResult v = Bench.validated(repo);
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, 2000, 42, "00bench-token-0123456789", scale, true, null);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
      Path root = Repo.root();
      Path jar = Bench.jar();
      Map<String, String> env =
          Map.of("OKTA_GROUPS_JAR", jar.toString(), "OKTA_API_TOKEN", s.token());
      String launcher = root.resolve("okta-groups").toString();
      // The JVM start and the empty org's first read, for the part of the wall time no bucket
      // explains.
      double start =
          Bench.timeOnce(
              root,
              env,
              List.of(launcher, "plan", "--repo", repo.toString(), "--okta-url", s.url()));
      s.stats().clear();
      s.resetRateLimits();

      double wall =
          Bench.timeOnce(
              root,
              env,
              List.of(
                  launcher,
                  "apply",
                  "--auto-approve",
                  "--repo",
                  repo.toString(),
                  "--okta-url",
                  s.url()));

      Map<String, long[]> buckets = new TreeMap<>(); // name -> {requests served, per-token limit}
      for (Map.Entry<String, RequestStats.Count> e : s.stats().snapshot().entrySet()) {
        if (e.getKey().contains("/__sandbox") || e.getKey().contains("(no route)")) {
          continue;
        }
        Sandbox.Bucket b = s.bucketOf(e.getKey());
        long[] c = buckets.computeIfAbsent(b.name(), k -> new long[] {0, b.perTokenLimit()});
        c[0] += e.getValue().requests() - e.getValue().rateLimited();
      }
      double floorMinutes = 0;
      StringBuilder per = new StringBuilder();
      for (Map.Entry<String, long[]> e : buckets.entrySet()) {
        long windows = (e.getValue()[0] + e.getValue()[1] - 1) / e.getValue()[1];
        floorMinutes = Math.max(floorMinutes, windows - 1);
        per.append(
            String.format(
                "%s: %,d requests at %d/min; ", e.getKey(), e.getValue()[0], e.getValue()[1]));
      }
      double minute = 60 / scale;
      double floor = floorMinutes * minute;
      long owned =
          s.org().allGroups().stream()
              .filter(
                  g ->
                      v.config()
                          .ownership()
                          .value()
                          .equals(g.profile().get(v.config().ownership().attribute())))
              .count();
      if (owned != n || s.org().allRules().size() < n) {
        throw new IllegalStateException(
            "apply did not converge: "
                + owned
                + " groups, "
                + s.org().allRules().size()
                + " rules");
      }
      System.out.printf(
          "apply %,d new managed groups with rules; rate limits on, one Okta minute = %.1f s; %d cores, Java %s%n",
          n,
          minute,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.printf("buckets used: %s%n", per.toString().replaceAll("; $", ""));
      System.out.printf("| requests (429s included) | %,d |%n", s.stats().total());
      System.out.printf("| 429 responses | %,d |%n", s.stats().rateLimited());
      System.out.printf("| rate-limit floor | %.0f Okta minutes = %.1f s |%n", floorMinutes, floor);
      System.out.printf(
          "| wall time of ./okta-groups apply --auto-approve | %.1f s = %.2f Okta minutes |%n",
          wall, wall / minute);
      System.out.printf("| ratio wall / floor | %.2f |%n", wall / floor);
      System.out.printf(
          "| ratio (wall - JVM start and first read, %.1f s) / floor | %.2f |%n",
          start, (wall - start) / floor);
    }
  }

  /** N managed groups, each with a two-attribute selector, and nothing else. */
  static Path generate(Path dir, int n) throws Exception {
    Files.copy(Repo.root().resolve("okta-groups.yaml"), dir.resolve("okta-groups.yaml"));
    Path out = Files.createDirectories(dir.resolve("groups"));
    String[] depts = {
      "Engineering", "Infrastructure", "Quality", "Support", "Corporate Security", "Brand Design"
    };
    String[] countries = {"US", "CA", "NL", "GB", "DE"};
    for (int i = 0; i < n; i++) {
      String name = String.format("dept.apply%05d", i);
      Files.writeString(
          out.resolve(name + ".yaml"),
          "name: "
              + name
              + "\nkind: managed\ndescription: Benchmark group "
              + i
              + "\nowners: [\"@corpsec-identity\"]\nrule:\n  all:\n    - department: "
              + depts[i % depts.length]
              + "\n    - countryCode: "
              + countries[i % countries.length]
              + "\n");
    }
    return dir;
  }
}
