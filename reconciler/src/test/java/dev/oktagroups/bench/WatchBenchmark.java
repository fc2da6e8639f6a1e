package dev.oktagroups.bench;

import dev.oktagroups.cli.EmbeddedSandbox;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Latency from a commit on the followed branch to Okta converged, as a function of the watcher's
 * poll interval, and with the GitLab webhook. Runs {@code ./okta-groups watch} as a separate
 * process against a sandbox org (rate limits on, Okta's real time), commits a new managed group at
 * a random moment of the poll cycle, and times until the group and its rule exist.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench verify -Dbench.main=WatchBenchmark}
 */
public final class WatchBenchmark {
  private WatchBenchmark() {}

  private static final String SECRET = "bench-webhook-secret-0123456789";

  public static void main(String[] args) throws Exception {
    int commits = Integer.parseInt(Bench.arg(args, "--commits", "8"));
    String[] intervals = Bench.arg(args, "--intervals", "500ms,1s,2s,5s").split(",");
    Path root = Repo.root();
    Path jar = Bench.jar();
    Path tmp = Files.createTempDirectory("okta-groups-watch-bench");
    System.out.printf(
        "commit -> converged, %d commits per setting, %d cores, Java %s%n",
        commits, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    System.out.println("| trigger | median | p90 | max | median / interval |");
    System.out.println("|---|---|---|---|---|");
    int run = 0;
    for (String interval : intervals) {
      report(
          "poll every " + interval,
          measure(root, jar, tmp.resolve("run" + run++), interval, commits, false),
          seconds(interval));
    }
    report(
        "webhook (poll every 1h)",
        measure(root, jar, tmp.resolve("run" + run), "1h", commits, true),
        0);
  }

  private static void report(String what, List<Double> latencies, double interval) {
    double[] a = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = a[a.length / 2];
    double p90 = a[(int) Math.min(a.length - 1, Math.ceil(a.length * 0.9) - 1)];
    System.out.printf(
        "| %s | %.2f s | %.2f s | %.2f s | %s |%n",
        what,
        median,
        p90,
        a[a.length - 1],
        interval > 0 ? String.format("%.2f", median / interval) : "-");
  }

  private static double seconds(String d) {
    return d.endsWith("ms")
        ? Double.parseDouble(d.replace("ms", "")) / 1000
        : d.endsWith("s")
            ? Double.parseDouble(d.replace("s", ""))
            : Double.parseDouble(d.replace("m", "")) * 60;
  }

  private static List<Double> measure(
      Path root, Path jar, Path dir, String interval, int commits, boolean webhook)
      throws Exception {
    List<Double> out = new ArrayList<>();
    try (GitRepo git = GitRepo.init(dir.resolve("repo"))) {
      Files.copy(root.resolve("okta-groups.yaml"), git.dir.resolve("okta-groups.yaml"));
      git.write("groups/managed/div.sales.yaml", group("div.sales", "Sales"));
      git.commit("start");
      ValidationResult v = Bench.validated(git.dir);
      EmbeddedSandbox.Options o =
          new EmbeddedSandbox.Options(0, 1000, 42, "bench-watch-token-0123456789", 1.0, true, null);
      try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
          port = free.getLocalPort();
        }
        ProcessBuilder pb =
            new ProcessBuilder(Bench.watch(root, git.dir.toString(), interval, port, dir, s.url()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("watch.log").toFile());
        pb.environment().put("OKTA_GROUPS_JAR", jar.toString());
        pb.environment().put("OKTA_API_TOKEN", s.token());
        pb.environment().put("GITLAB_WEBHOOK_SECRET", SECRET);
        Process p = pb.start();
        try {
          waitFor(
              () -> s.org().allGroups().stream().anyMatch(g -> g.name().equals("div.sales")),
              60_000,
              dir);
          Random rnd = new Random(7);
          String[] divisions = {
            "Engineering", "Security", "Marketing", "Product", "People", "Finance", "Legal", "G&A"
          };
          for (int i = 0; i < commits; i++) {
            // Commit at a random point of the poll cycle, as people do.
            Thread.sleep(webhook ? 200 : (long) (rnd.nextDouble() * seconds(interval) * 1000));
            String name = String.format("div.bench%02d", i);
            git.write(
                "groups/managed/" + name + ".yaml", group(name, divisions[i % divisions.length]));
            long t0 = System.nanoTime();
            git.commit("add " + name);
            if (webhook) {
              hook(port);
            }
            waitFor(
                () ->
                    s.org().allRules().stream()
                        .anyMatch(r -> r.name().equals(name) && r.status().name().equals("ACTIVE")),
                120_000,
                dir);
            out.add((System.nanoTime() - t0) / 1e9);
          }
        } finally {
          p.destroy(); // SIGTERM: the watcher stops gracefully
          p.waitFor();
        }
      }
    }
    return out;
  }

  private static String group(String name, String division) {
    return "name: "
        + name
        + "\nkind: managed\ndescription: Benchmark group "
        + name
        + "\nowners: [\"@corpsec-identity\"]\nrule:\n  division: "
        + division
        + "\n";
  }

  private static void hook(int port) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/gitlab"))
                    .header("X-Gitlab-Token", SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"refs/heads/main\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new IllegalStateException("webhook answered " + r.statusCode() + ": " + r.body());
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier done, long timeoutMs, Path dir)
      throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "timed out; the watcher's log:\n" + Files.readString(dir.resolve("watch.log")));
      }
      Thread.sleep(5);
    }
  }
}
