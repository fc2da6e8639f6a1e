package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeownersTest {
  @TempDir Path tmp;

  @Test
  void eachManifestIsOwnedByItsOwnersAndTheCheckCatchesStaleFiles() throws Exception {
    Path repo = Repo.copyOwnGroups(tmp.resolve("repo"));
    Cli cli = Cli.create().cwd(repo);
    Cli.Result printed = cli.run("codeowners", "--config-owners", "@corpsec-identity");
    assertEquals(ExitCode.OK, printed.code(), printed.toString());
    List<String> lines = printed.out().lines().toList();
    assertEquals("[okta-groups]", lines.get(2));
    assertEquals(
        "/groups/ @corpsec-identity",
        lines.get(3),
        "the catch-all comes first so specific lines win");
    assertTrue(
        lines.contains("/groups/manual/app.figma.admins.yaml @brand-design-leads"), printed.out());
    assertTrue(
        lines.contains(
            "/groups/hybrid/push.google.dept.engineering.manager.yaml @corpsec-identity @jdoe"),
        printed.out());
    assertEquals(
        26,
        lines.stream().filter(l -> l.matches("/groups/.+\\.yaml @.+")).count(),
        "one line per manifest");

    Cli.Result missing = cli.run("codeowners", "--check", ".gitlab/CODEOWNERS");
    assertEquals(ExitCode.FAILURE, missing.code());
    assertTrue(
        missing.err().contains("okta-groups codeowners --write .gitlab/CODEOWNERS"), missing.err());
    assertEquals(ExitCode.OK, cli.run("codeowners", "--write", ".gitlab/CODEOWNERS").code());
    assertEquals(ExitCode.OK, cli.run("codeowners", "--check", ".gitlab/CODEOWNERS").code());

    Path figma = repo.resolve("groups/manual/app.figma.admins.yaml");
    Files.writeString(
        figma,
        Files.readString(figma)
            .replace("owners: [\"@brand-design-leads\"]", "owners: [\"@design-ops\"]"));
    assertEquals(
        ExitCode.FAILURE,
        cli.run("codeowners", "--check", ".gitlab/CODEOWNERS").code(),
        "an owner change makes the file stale");
  }
}
