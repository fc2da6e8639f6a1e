package dev.oktagroups.bench;

import dev.oktagroups.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Validating N generated manifests (default 10,000) with the {@code ./okta-groups} launcher, JVM
 * start included, against the bare JVM start of {@code --version} measured in the same run.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench verify -Dbench.main=ValidateBenchmark}
 */
public final class ValidateBenchmark {
  private ValidateBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(Bench.arg(args, "--manifests", "10000"));
    int runs = Integer.parseInt(Bench.arg(args, "--runs", "7"));
    Path jar = Bench.jar();
    Path repo = generate(Files.createTempDirectory("okta-groups-bench"), n);
    Path root = Repo.root();
    Map<String, String> env = Map.of("OKTA_GROUPS_JAR", jar.toString());
    String launcher = root.resolve("okta-groups").toString();

    // Warm the OS page cache once so every timed run reads the same way.
    Bench.timeOnce(root, env, List.of(launcher, "validate", "--repo", repo.toString()));
    Bench.Stats start = Bench.time(runs, root, env, List.of(launcher, "--version"));
    Bench.Stats launched =
        Bench.time(runs, root, env, List.of(launcher, "validate", "--repo", repo.toString()));
    Bench.Stats plainJava =
        Bench.time(
            runs,
            root,
            env,
            List.of("java", "-jar", jar.toString(), "validate", "--repo", repo.toString()));

    System.out.printf(
        "validate %,d manifests, %d runs each, %d cores, Java %s%n",
        n, runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    System.out.printf("| ./okta-groups --version (JVM start) | %s |%n", start);
    System.out.printf("| ./okta-groups validate, %,d manifests | %s |%n", n, launched);
    System.out.printf("| java -jar (default JIT and GC), same | %s |%n", plainJava);
    System.out.printf(
        "| ratio validate / JVM start (medians) | %.1f |%n", launched.median() / start.median());
    System.out.printf(
        "| ratio default JIT / launcher (medians) | %.2f |%n",
        plainJava.median() / launched.median());
  }

  /** A valid repository of {@code n} groups: a third of each kind, with apps and push. */
  static Path generate(Path dir, int n) throws Exception {
    Files.copy(Repo.root().resolve("okta-groups.yaml"), dir.resolve("okta-groups.yaml"));
    Path groups = Files.createDirectories(dir.resolve("groups"));
    String[] depts = {
      "Engineering", "Infrastructure", "Quality", "Support", "Corporate Security", "Brand Design"
    };
    Random rnd = new Random(42);
    for (int i = 0; i < n; i++) {
      String name;
      String body;
      switch (i % 3) {
        case 0 -> {
          name = String.format("dept.team%05d", i);
          body =
              "kind: managed\nrule:\n  all:\n    - department: "
                  + depts[rnd.nextInt(depts.length)]
                  + "\n    - managementLevel: [Manager, Senior Manager]\n";
        }
        case 1 -> {
          name = String.format("push.slack.team%05d", i);
          body =
              "kind: hybrid\nrule:\n  any:\n    - department: Engineering\n    - department: Quality\n"
                  + member(i, "user", "")
                  + "push:\n  app: slack\n";
        }
        default -> {
          name = String.format("app.figma.team%05d", i);
          body =
              "kind: manual\n"
                  + member(i, "user", "    expires: 2099-06-30\n")
                      .replace("members:\n", "members:\n")
                  + "  - user: other"
                  + i
                  + "@example.com\n    request: https://gitlab.example.com/access-requests/-/issues/"
                  + i
                  + "\napps:\n  - app: figma\n    profile: {role: admin}\n";
        }
      }
      Files.writeString(
          groups.resolve(name + ".yaml"),
          "name: "
              + name
              + "\ndescription: Generated group "
              + i
              + "\nowners: [\"@corpsec-identity\"]\n"
              + body);
    }
    return dir;
  }

  private static String member(int i, String who, String extra) {
    return "members:\n  - user: "
        + who
        + i
        + "@example.com\n    reason: Generated\n"
        + "    request: https://gitlab.example.com/access-requests/-/issues/"
        + i
        + "\n"
        + extra;
  }
}
