package dev.oktagroups.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.cli.EmbeddedSandbox;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.User;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The watcher under a burst of merges: {@code --merges} commits within {@code --window}, each
 * adding one person to one manual or hybrid group, against a sandbox with Okta's real rate limits
 * (one token's half of each bucket, in real time) and {@code rateLimits.maxShare} in
 * okta-groups.yaml. Times commit to converged (the person is a member in Okta) for each merge, with
 * per-merge scoped reconciles and, in the same run, with {@code --reconcile-all} (every commit read
 * in full, as before). Also reports responses of 429 and each bucket's busiest window against the
 * share.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench verify -Dbench.main=BurstBenchmark
 * -Dbench.args="--merges 20 --window 60s --interval 5s --share 0.3"}
 */
public final class BurstBenchmark {
  private BurstBenchmark() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int merges = Integer.parseInt(Bench.arg(args, "--merges", "20"));
    double window = seconds(Bench.arg(args, "--window", "60s"));
    String interval = Bench.arg(args, "--interval", "5s");
    double share = Double.parseDouble(Bench.arg(args, "--share", "0.3"));
    Path root = Repo.root();
    Path jar = Bench.jar();
    Path tmp = Files.createTempDirectory("okta-groups-burst-bench");
    System.out.printf(
        "%d merges in %.0f s, one group each, poll every %s, rateLimits.maxShare %.2f, %d cores,"
            + " Java %s%n",
        merges,
        window,
        interval,
        share,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.println(
        "| watcher | p50 | p90 | max | within interval + 2 s | 429s | Okta requests |"
            + " busiest window (used / limit) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    double goal = seconds(interval) + 2;
    for (boolean all : new boolean[] {false, true}) {
      Run r =
          run(root, jar, tmp.resolve(all ? "all" : "scoped"), merges, window, interval, share, all);
      double[] a = r.latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      long within = r.latencies.stream().filter(x -> x <= goal).count();
      System.out.printf(
          "| %s | %.2f s | %.2f s | %.2f s | %d of %d | %d | %d | %s |%n",
          all ? "--reconcile-all (every commit read in full)" : "per-merge scoped",
          a[a.length / 2],
          a[(int) Math.min(a.length - 1, Math.ceil(a.length * 0.9) - 1)],
          a[a.length - 1],
          within,
          a.length,
          r.limited,
          r.requests,
          r.peaks);
    }
  }

  private record Run(List<Double> latencies, long limited, long requests, String peaks) {}

  private record Merge(String group, String userId, long committedAt) {}

  private static Run run(
      Path root,
      Path jar,
      Path dir,
      int merges,
      double window,
      String interval,
      double share,
      boolean all)
      throws Exception {
    Path repo = Repo.copyOwnGroups(dir.resolve("repo"));
    Path config = repo.resolve("okta-groups.yaml");
    String plain = Files.readString(config);
    ValidationResult v = Bench.validated(repo);
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, 1000, 42, "bench-burst-token-0123456789", 1.0, true, null);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox();
        GitRepo git = GitRepo.init(repo)) {
      // Converge first, unpaced, so the burst starts from an org that matches the branch.
      Cli.Result pre =
          Cli.create()
              .env("OKTA_API_TOKEN", s.token())
              .cwd(repo)
              .run("reconcile", "--repo", repo.toString(), "--okta-url", s.url());
      if (pre.code() != 0) {
        throw new IllegalStateException("the first reconcile failed: " + pre);
      }
      // The set-up's writes must be older than the 5 s margin before the watcher's first read
      // begins, or that read cannot vouch for the details it read of those groups, and their first
      // scoped reads go back to the apps bucket, whose share that very read has just spent. A real
      // watcher starts after the org's last write by more than that, unless it is the watcher's
      // own; a start a second after the set-up measured the set-up, not the burst.
      Thread.sleep(6_000);
      Files.writeString(config, plain + "\nrateLimits:\n  maxShare: " + share + "\n");
      String start = git.commit("start");
      List<Path> files = groupsWithMembers(repo);
      List<User> people = newcomers(s, 1000).subList(0, merges);
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      List<String> cmd =
          new ArrayList<>(Bench.watch(root, repo.toString(), interval, port, dir, s.url()));
      if (all) {
        cmd.add("--reconcile-all");
      }
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("watch.log").toFile());
      pb.environment().put("OKTA_GROUPS_JAR", jar.toString());
      pb.environment().put("OKTA_API_TOKEN", s.token());
      Process p = pb.start();
      try {
        waitFor(() -> applied(port).equals(start), 180_000, dir);
        s.resetRateLimits();
        s.stats().clear();
        List<Merge> pending = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < merges; i++) {
          long due = t0 + (long) (i * window / merges * 1e9);
          while (System.nanoTime() < due) {
            collect(s, pending, latencies);
            Thread.sleep(5);
          }
          Path f = files.get(i % files.size());
          User u = people.get(i);
          String text = Files.readString(f);
          Files.writeString(
              f,
              text.replaceFirst(
                  "\nmembers:\n",
                  "\nmembers:\n  - user: "
                      + u.login()
                      + "\n    reason: Burst benchmark\n    request:"
                      + " https://gitlab.example.com/access-requests/-/issues/"
                      + (9000 + i)
                      + "\n"));
          git.commit("add " + u.login());
          pending.add(new Merge(group(f), u.id(), System.nanoTime()));
        }
        long deadline = System.currentTimeMillis() + 600_000;
        while (!pending.isEmpty()) {
          if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException(
                pending.size()
                    + " merges not converged; the watcher's log:\n"
                    + Files.readString(dir.resolve("watch.log")));
          }
          collect(s, pending, latencies);
          Thread.sleep(5);
        }
        String peaks =
            s.ratePeaks().values().stream()
                .map(k -> k.bucket() + " " + k.used() + "/" + k.limit())
                .collect(Collectors.joining(", "));
        return new Run(latencies, s.stats().rateLimited(), s.stats().total(), peaks);
      } finally {
        p.destroy();
        p.waitFor();
      }
    }
  }

  /** Records the merges that reached Okta: their person is a member of their group. */
  private static void collect(Sandbox s, List<Merge> pending, List<Double> latencies) {
    long now = System.nanoTime();
    pending.removeIf(
        m -> {
          Group g =
              s.org().allGroups().stream()
                  .filter(x -> x.name().equals(m.group()))
                  .findFirst()
                  .orElse(null);
          if (g != null && g.members().containsKey(m.userId())) {
            latencies.add((now - m.committedAt()) / 1e9);
            return true;
          }
          return false;
        });
  }

  private static List<Path> groupsWithMembers(Path repo) throws Exception {
    try (Stream<Path> files = Files.walk(repo.resolve("groups"))) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .filter(f -> f.toString().contains("/manual/") || f.toString().contains("/hybrid/"))
          .filter(
              f -> {
                try {
                  return Files.readString(f).contains("\nmembers:\n");
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sorted()
          .toList();
    }
  }

  /** Active people who are in none of the groups yet. */
  private static List<User> newcomers(Sandbox s, int max) {
    Set<String> taken = new TreeSet<>();
    s.org().allGroups().forEach(g -> taken.addAll(g.members().keySet()));
    return s.org().allUsers().stream()
        .filter(u -> u.status().name().equals("ACTIVE"))
        .filter(u -> !taken.contains(u.id()))
        .limit(max)
        .toList();
  }

  private static String group(Path f) {
    String n = f.getFileName().toString();
    return n.substring(0, n.length() - ".yaml".length());
  }

  private static String applied(int port) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body()).path("lastAppliedCommit").asText();
    } catch (Exception e) {
      return "";
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
      Thread.sleep(50);
    }
  }

  private static double seconds(String d) {
    return d.endsWith("ms")
        ? Double.parseDouble(d.replace("ms", "")) / 1000
        : d.endsWith("s")
            ? Double.parseDouble(d.replace("s", ""))
            : Double.parseDouble(d.replace("m", "")) * 60;
  }
}
