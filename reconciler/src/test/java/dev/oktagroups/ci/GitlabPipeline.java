package dev.oktagroups.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.testing.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs this repository's .gitlab-ci.yml with gitlab-ci-local in shell mode, in a scratch Git
 * repository holding the pipeline's inputs. Tools come from .ci/install-tools.
 */
final class GitlabPipeline {
  private final Path dir;

  private GitlabPipeline(Path dir) {
    this.dir = dir;
  }

  /** The outcome of one gitlab-ci-local run. */
  record Run(int code, String output, Path artifacts) {
    boolean ran(String job) {
      // Job names are padded to the longest one: "apply    starting shell (apply)".
      return output
          .lines()
          .anyMatch(l -> l.matches(java.util.regex.Pattern.quote(job) + " +starting shell.*"));
    }

    /**
     * The job's wall time as gitlab-ci-local reports it ("validate finished in 2.16 s"), in
     * seconds; docs/benchmarks.md records the validate job's.
     */
    java.util.OptionalDouble seconds(String job) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "(?m)^"
                      + java.util.regex.Pattern.quote(job)
                      + " +finished in ([\\d.]+) (ms|s|min)")
              .matcher(output);
      if (!m.find()) {
        return java.util.OptionalDouble.empty();
      }
      double n = Double.parseDouble(m.group(1));
      return java.util.OptionalDouble.of(
          switch (m.group(2)) {
            case "ms" -> n / 1000;
            case "min" -> n * 60;
            default -> n;
          });
    }

    @Override
    public String toString() {
      return "exit " + code + "\n" + output;
    }
  }

  static void installTools() throws Exception {
    Process p =
        new ProcessBuilder(Repo.root().resolve(".ci/install-tools").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "install-tools timed out");
    assertEquals(0, p.exitValue(), ".ci/install-tools failed:\n" + out);
  }

  /** A Git repository with the pipeline, the launcher, the config, schemas and groups. */
  static GitlabPipeline create(Path dir) throws Exception {
    Path root = Repo.root();
    for (String f : List.of(".gitlab-ci.yml", "okta-groups", "okta-groups.yaml")) {
      Files.copy(root.resolve(f), dir.resolve(f));
    }
    dir.resolve("okta-groups").toFile().setExecutable(true);
    for (String d : List.of("schemas", "groups")) {
      Repo.copyTree(root.resolve(d), dir.resolve(d));
    }
    GitlabPipeline g = new GitlabPipeline(dir);
    g.git("init", "-q", "-b", "main");
    g.commit("okta-groups repository");
    g.git("remote", "add", "origin", "https://gitlab.example.com/corpsec/okta-groups.git");
    g.git("update-ref", "refs/remotes/origin/main", "HEAD");
    g.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
    return g;
  }

  Path dir() {
    return dir;
  }

  /** The SHA of HEAD. */
  String head() throws Exception {
    Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(dir.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    return out;
  }

  void commit(String message) throws Exception {
    git("add", "-A");
    git(
        "-c",
        "user.email=ci@example.com",
        "-c",
        "user.name=ci",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        message);
  }

  /** Runs the whole pipeline with the given variables. */
  Run run(Map<String, String> variables) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Repo.root().resolve(".ci/tools/node_modules/.bin/gitlab-ci-local").toString());
    cmd.add("--force-shell-executor");
    cmd.add("--no-color");
    List<String> predefined = new ArrayList<>();
    variables.forEach(
        (k, v) -> {
          cmd.add("--variable");
          cmd.add(k + "=" + v);
          if (k.startsWith("CI_")) {
            predefined.add(k);
          }
        });
    if (!predefined.isEmpty()) {
      // One comma-separated list: given twice, gitlab-ci-local receives an array and fails.
      cmd.add("--ignore-predefined-vars");
      cmd.add(String.join(",", predefined));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "gitlab-ci-local timed out:\n" + out);
    return new Run(p.exitValue(), out, dir.resolve(".gitlab-ci-local/artifacts"));
  }

  private void git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), "git " + String.join(" ", args) + ":\n" + out);
  }
}
