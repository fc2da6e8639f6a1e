package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.Membership;
import dev.oktagroups.sandbox.org.User;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An exception Okta takes away: a hybrid group's named member whose profile comes to match the rule
 * becomes a rule member, and is removed when it stops matching. The watcher sees the removal in the
 * System Log and adds them back within seconds, long before its (hour-long) drift check.
 */
class ExceptionRestoreE2ETest {
  private static final String HYBRID = "groups/hybrid/push.slack.div.security.yaml";
  private static final String EXCEPTION = "jordan.ames@example.com";

  @TempDir Path tmp;

  @Test
  void anExceptionTheRuleDroppedIsRestoredWithinSeconds() throws Exception {
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Files.copy(Repo.root().resolve("okta-groups.yaml"), git.dir.resolve("okta-groups.yaml"));
      String c1 = git.write(HYBRID, Repo.read(HYBRID)).commit("Security in Slack");
      ValidationResult v = new Validator(LocalDate.now()).validate(DirectorySource.read(git.dir));
      EmbeddedSandbox.Options o =
          new EmbeddedSandbox.Options(0, 300, 7, "restore-e2e-token-0123456789", 600.0, true, null);
      try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
        StringWriter err = new StringWriter();
        Main main =
            new Main(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                new Env(Map.of("OKTA_API_TOKEN", s.token()), tmp, Clock.systemUTC()));
        WatchCommand cmd = new WatchCommand(main);
        new CommandLine(cmd)
            .parseArgs(
                "--git-url",
                git.dir.toString(),
                "--interval",
                "200ms",
                "--drift-interval",
                "1h",
                "--removal-poll",
                "200ms",
                "--listen",
                "127.0.0.1:0",
                "--state-dir",
                tmp.resolve("state").toString(),
                "--git-cache",
                tmp.resolve("cache").toString(),
                "--okta-url",
                s.url());
        WatchCommand.Running r = cmd.assemble();
        Thread t = new Thread(r.watcher::run, "watch-loop");
        t.start();
        try {
          await(
              "c1 applied",
              Duration.ofSeconds(20),
              () -> r.watcher.status().lastApplied().equals(Optional.of(c1)));
          User jordan = s.org().user(EXCEPTION);
          String gid = group(s).id();
          assertEquals("DIRECT", membership(s, gid, jordan).orElseThrow().type());

          // Jordan moves into Security: Okta makes the exception a rule member.
          s.org()
              .updateUser(EXCEPTION, Map.of("division", "Security", "userType", "Employee"), false);
          assertEquals("RULE", membership(s, gid, jordan).orElseThrow().type());
          Thread.sleep(500); // the watcher's log cursor is past the conversion

          // And out again: the rule removes them, although the manifest still names them.
          s.org().updateUser(EXCEPTION, Map.of("division", "Marketing"), false);
          long removed = System.nanoTime();
          assertTrue(membership(s, gid, jordan).isEmpty(), "Okta took the exception away");
          await(
              "the exception restored",
              Duration.ofSeconds(10),
              () -> membership(s, gid, jordan).isPresent());
          double without = (System.nanoTime() - removed) / 1e9;
          assertEquals("DIRECT", membership(s, gid, jordan).orElseThrow().type());
          assertTrue(without < 5, "without access for " + without + " s");
          System.out.printf("exception without access for %.2f s%n", without);
          await(
              "the repair logged",
              Duration.ofSeconds(10),
              () -> err.toString().contains("Okta removed members of push.slack.div.security"));
        } finally {
          r.watcher.stop();
          t.join(10_000);
          r.close();
        }
      }
    }
  }

  private static Group group(Sandbox s) {
    return s.org().allGroups().stream()
        .filter(g -> g.name().equals("push.slack.div.security"))
        .findFirst()
        .orElseThrow();
  }

  private static Optional<Membership> membership(Sandbox s, String gid, User u) {
    return Optional.ofNullable(group(s).members().get(u.id()));
  }

  private static void await(String what, Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }
}
