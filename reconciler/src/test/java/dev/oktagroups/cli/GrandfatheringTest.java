package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grandfathering list is for groups that predate the conventions: a new group cannot use it.
 * Validation needs the manifest to adopt a group; the plan needs Okta to have it; a plan with
 * {@code --since} names every name added to the list, for review.
 */
class GrandfatheringTest {
  @TempDir Path tmp;

  private static final String CAT_OWNERS =
      "name: Cat Owners\n"
          + "kind: manual\n"
          + "description: Cat owners\n"
          + "adopt: true\n"
          + "owners: [\"@jdoe\"]\n"
          + "members:\n"
          + "  - user: jdoe@example.com\n"
          + "    request: https://gitlab.example.com/access-requests/-/issues/1\n";

  @Test
  void aNewGrandfatheredNameIsFlaggedSinceTheBaseAndRefusedWhereOktaLacksTheGroup()
      throws Exception {
    try (GitRepo git = GitRepo.init(tmp.resolve("repo"))) {
      Repo.copyOwnGroups(git.dir);
      String base = git.commit("groups");
      Path config = git.dir.resolve("okta-groups.yaml");
      String text = Files.readString(config);
      assertTrue(text.contains("naming:\n"), "the test edits the naming block");
      git.write(
          "okta-groups.yaml",
          text.replace("naming:\n", "naming:\n  grandfathered: [\"Cat Owners\"]\n"));
      git.write("groups/manual/Cat%20Owners.yaml", CAT_OWNERS);
      git.commit("a new group with a grandfathered name");

      Cli cli = Cli.create().cwd(git.dir);
      Cli.Result valid = cli.run("validate");
      assertEquals(ExitCode.OK, valid.code(), "adopt: true satisfies validation: " + valid);

      Cli.Result plan = cli.run("plan", "--offline", "--since", base);
      assertTrue(
          plan.err().contains("+ naming.grandfathered: 'Cat Owners' is a new grandfathered name"),
          plan.toString());
      // The offline plan assumes Okta matches the base, which has no such group.
      assertTrue(
          (plan.out() + plan.err())
              .contains(
                  "'Cat Owners' is on naming.grandfathered in okta-groups.yaml, but"
                      + " Okta has no such group"),
          plan.toString());
      assertFalse((plan.out() + plan.err()).contains("create group"), plan.toString());

      // A later change to okta-groups.yaml that adds no name flags none.
      String now = git.commit("nothing new");
      git.write("okta-groups.yaml", Files.readString(config) + "# a comment\n");
      git.commit("a comment");
      Cli.Result later = cli.run("plan", "--offline", "--since", now);
      assertTrue(later.err().contains("~ okta-groups.yaml"), later.toString());
      assertFalse(later.err().contains("naming.grandfathered"), later.toString());
    }
  }
}
