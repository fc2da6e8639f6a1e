package dev.oktagroups.bench;

import dev.oktagroups.cli.EmbeddedSandbox;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Importing a brownfield org of about 5,000 console-made groups into an empty repository: {@code
 * ./okta-groups import --dry-run} against a sandbox (rate limits off) seeded with the brownfield
 * shapes plus plain groups with direct members. Reports the requests one import made against the
 * pagination floor of what it must read (every group, rule, the members of every OKTA_GROUP, the
 * catalog apps' assignments and push mappings), wall time with JVM start, and heap from the GC log.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench verify -Dbench.main=ImportBenchmark}
 */
public final class ImportBenchmark {
  private ImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int groups = Integer.parseInt(Bench.arg(args, "--groups", "5000"));
    int runs = Integer.parseInt(Bench.arg(args, "--runs", "3"));
    Path repo = Files.createTempDirectory("okta-groups-import-bench");
    Files.copy(Repo.root().resolve("okta-groups.yaml"), repo.resolve("okta-groups.yaml"));
    Files.createDirectories(repo.resolve("groups"));
    ValidationResult v = Bench.validated(repo);
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, 2000, 42, "00bench-token-0123456789", 60.0, false, null);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
      int seeded = s.seedBrownfield(42, Math.max(0, groups - 13)); // 13 brownfield shapes
      Path root = Repo.root();
      Path jar = Bench.jar();
      Map<String, String> env =
          new HashMap<>(Map.of("OKTA_GROUPS_JAR", jar.toString(), "OKTA_API_TOKEN", s.token()));
      List<String> cmd =
          List.of(
              root.resolve("okta-groups").toString(),
              "import",
              "--dry-run",
              "--repo",
              repo.toString(),
              "--okta-url",
              s.url());
      Org org = s.org();
      PlanBenchmark.Floor floor = floor(org, v.config());
      System.out.printf(
          "import --dry-run: %,d groups in Okta (%,d seeded as brownfield), %,d memberships, %,d"
              + " rules, %,d users; %d runs, %d cores, Java %s%n",
          org.allGroups().size(),
          seeded,
          org.allGroups().stream().mapToInt(g -> g.members().size()).sum(),
          org.allRules().size(),
          org.allUsers().size(),
          runs,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      List<Double> walls = new ArrayList<>();
      long peak = 0;
      long live = 0;
      long requests = 0;
      for (int i = 0; i < runs; i++) {
        Path gcLog = Files.createTempFile("import-gc", ".log");
        Map<String, String> e = new HashMap<>(env);
        e.put("OKTA_GROUPS_JAVA_OPTS", "-Xlog:gc,gc+heap+exit:file=" + gcLog);
        s.stats().clear();
        walls.add(Bench.timeOnce(root, e, cmd));
        requests = Math.max(requests, s.stats().total());
        long[] heap = PlanBenchmark.heap(Files.readString(gcLog));
        peak = Math.max(peak, heap[0]);
        live = Math.max(live, heap[1]);
      }
      double[] w = walls.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(
          "| pagination floor (list pages at Okta's page-size caps) | %,d (%s) |%n",
          floor.total(), floor);
      System.out.printf("| requests per import | %,d |%n", requests);
      System.out.printf("| ratio requests / floor | %.3f |%n", (double) requests / floor.total());
      System.out.printf(
          "| wall time of ./okta-groups import --dry-run, JVM start included | %.2f s (min %.2f,"
              + " max %.2f) |%n",
          w[w.length / 2], w[0], w[w.length - 1]);
      System.out.printf(
          "| heap: peak used / largest live set after a GC | %,d MB / %,d MB |%n",
          peak >> 20, live >> 20);
    }
  }

  /** As {@link PlanBenchmark#floor}, but with the members of every OKTA_GROUP. */
  static PlanBenchmark.Floor floor(Org org, OrgConfig config) {
    PlanBenchmark.Floor owned = PlanBenchmark.floor(org, config);
    int members = 0;
    for (Group g : org.allGroups()) {
      if (g.type() == Group.Type.OKTA_GROUP) {
        members +=
            Math.max(
                1,
                (g.members().size() + PlanBenchmark.MEMBERS_PAGE - 1) / PlanBenchmark.MEMBERS_PAGE);
      }
    }
    return new PlanBenchmark.Floor(
        owned.schema(),
        owned.groups(),
        owned.rules(),
        members,
        owned.assignments(),
        owned.mappings(),
        0);
  }
}
