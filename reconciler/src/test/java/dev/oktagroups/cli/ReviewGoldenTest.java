package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden answers of {@code explain} and {@code access}, in text and JSON, against a sandbox that
 * was reconciled and then given a pending change (pat.lee named as an exception, drew.kim removed
 * from the Figma admins, and a member added by hand as drift). Run with -Dgolden.update=true to
 * rewrite them, then review the diff.
 */
class ReviewGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/review");

  @TempDir Path tmp;

  @Test
  void explainAndAccessAnswerInTextAndJson() throws Exception {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      String slack = "groups/hybrid/push.slack.div.security.yaml";
      e.write(
          slack,
          e.read(slack)
              .replace(
                  "members:\n",
                  "members:\n  - user: pat.lee@example.com\n    reason: Incident commander rota\n"
                      + "    request: https://gitlab.example.com/access-requests/-/issues/5001\n"
                      + "    expires: 2027-01-31\n"));
      String figma = "groups/manual/app.figma.admins.yaml";
      String text = e.read(figma);
      e.write(
          figma,
          text.substring(0, text.indexOf("  - user: drew.kim@example.com"))
              + text.substring(text.indexOf("  - user: jamie.park@example.com")));
      var org = e.sandbox.org();
      org.addMember(e.mustGroup("app.figma.admins").id(), org.user("pat.lee@example.com").id());

      check(e, "explain-pat.lee.txt", "explain", "pat.lee@example.com");
      check(e, "explain-pat.lee.json", "explain", "pat.lee@example.com", "--format", "json");
      check(e, "explain-jordan.ames.txt", "explain", "jordan.ames@example.com");
      check(e, "access-figma.txt", "access", "figma");
      check(e, "access-figma.json", "access", "figma", "--format", "json");
      check(e, "access-figma.csv", "access", "figma", "--format", "csv");
      check(e, "access-figma-offline.txt", "access", "figma", "--offline");

      Cli.Result nobody = e.run("explain", "nobody@example.com");
      assertEquals(ExitCode.FAILURE, nobody.code(), nobody.toString());
      assertTrue(nobody.out().contains("No Okta user has the login or email"), nobody.out());
      Cli.Result badApp = e.run("access", "figmaa");
      assertEquals(ExitCode.USAGE, badApp.code(), badApp.toString());
      assertTrue(badApp.err().contains("use one of: "), badApp.err());
    }
  }

  private static void check(E2E e, String golden, String... args) throws Exception {
    Cli.Result r = e.run(args);
    assertEquals(ExitCode.OK, r.code(), r.toString());
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(GOLDEN.resolve(golden), r.out(), StandardCharsets.UTF_8);
      return;
    }
    assertEquals(Files.readString(GOLDEN.resolve(golden), StandardCharsets.UTF_8), r.out(), golden);
  }
}
