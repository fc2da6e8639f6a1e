package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID =
      """
      name: div.security
      kind: managed
      description: Everyone in the Security division
      owners: ["@corpsec-identity"]
      rule:
        division: Security
      """;
  private static final String EXPIRED =
      """
      name: app.figma.admins
      kind: manual
      description: Figma administrators
      owners: ["@design"]
      members:
        - user: a@example.com
          request: https://gitlab.example.com/access-requests/-/issues/1
          expires: 2026-01-01
      apps: [figma]
      """;

  @TempDir Path tmp;

  @Test
  void versionAndHelp() {
    Cli.Result v = Cli.create().run("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("okta-groups "), v.out());
    Cli.Result h = Cli.create().run("validate", "--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("--format"), h.out());
    assertTrue(Cli.create().run("--help").out().contains("Exit codes"));
  }

  @Test
  void usageErrorsExitTwoWithoutStackTrace() {
    Cli.Result r = Cli.create().run("validate", "--no-such-flag");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("--no-such-flag"), r.err());
    Cli.Result f = Cli.create().run("validate", "--format", "yaml");
    assertEquals(ExitCode.USAGE, f.code());
    assertTrue(f.err().contains("use text, json, junit or codequality"), f.err());
    Cli.Result d = Cli.create().run("validate", "--repo", tmp.resolve("nope").toString());
    assertEquals(ExitCode.USAGE, d.code());
    assertTrue(d.err().contains("no such directory"), d.err());
    assertFalse((r.err() + f.err() + d.err()).contains("\tat "));
  }

  @Test
  void validRepoExitsZero() {
    Path repo = Repo.write(tmp.resolve("r"), "groups/div.security.yaml", VALID);
    Cli.Result r = Cli.create().run("validate", "--repo", repo.toString());
    assertEquals(ExitCode.OK, r.code(), r.toString());
    assertEquals("2 files valid\n", r.out());
  }

  @Test
  void invalidRepoExitsThree() {
    Path repo =
        Repo.write(
            tmp.resolve("r"),
            "groups/div.security.yaml",
            VALID.replace("kind: managed", "kind: managd"));
    Cli.Result r = Cli.create().run("validate", "--repo", repo.toString());
    assertEquals(ExitCode.INVALID, r.code(), r.toString());
    assertTrue(
        r.out().startsWith("groups/div.security.yaml:2:7: error schema/invalid-value:"), r.out());
  }

  @Test
  void machineFormatsOwnStandardOutput() throws Exception {
    Path repo = Repo.write(tmp.resolve("r"), "groups/app.figma.admins.yaml", EXPIRED);
    Cli.Result r = Cli.create().run("validate", "--repo", repo.toString(), "--format", "json");
    assertEquals(ExitCode.OK, r.code(), "warnings pass without --strict");
    JsonNode doc = JSON.readTree(r.out()); // throws if anything else shares stdout
    assertEquals("members/expired", doc.get("findings").get(0).get("rule").asText());
    assertTrue(r.err().contains("0 errors, 1 warning"), r.err());
  }

  @Test
  void strictFailsOnWarnings() {
    Path repo = Repo.write(tmp.resolve("r"), "groups/app.figma.admins.yaml", EXPIRED);
    assertEquals(
        ExitCode.INVALID,
        Cli.create().run("validate", "--repo", repo.toString(), "--strict").code());
  }

  @Test
  void outputAndReportsGoToFilesWhileTextGoesToStdout() throws Exception {
    Path repo = Repo.write(tmp.resolve("r"), "groups/div.security.yaml", VALID);
    Path out = tmp.resolve("reports/v.json");
    Cli.Result r =
        Cli.create()
            .cwd(tmp)
            .run(
                "validate",
                "--repo",
                repo.toString(),
                "--format",
                "json",
                "--output",
                out.toString(),
                "--report",
                "junit=reports/junit.xml",
                "--report",
                "codequality=reports/cq.json");
    assertEquals(0, r.code(), r.toString());
    assertEquals("2 files valid\n", r.out());
    assertEquals(0, JSON.readTree(Files.readString(out)).get("summary").get("errors").asInt());
    assertTrue(Files.readString(tmp.resolve("reports/junit.xml")).contains("<testsuite"));
    assertEquals("[ ]\n", Files.readString(tmp.resolve("reports/cq.json")));
  }

  @Test
  void badReportSpecIsAUsageError() {
    Path repo = Repo.write(tmp.resolve("r"), "groups/div.security.yaml", VALID);
    Cli.Result r = Cli.create().run("validate", "--repo", repo.toString(), "--report", "junit");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("FORMAT=FILE"), r.err());
  }
}
