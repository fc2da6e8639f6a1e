package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * okta-groups.yaml's {@code rateLimits.maxShare} against the sandbox's real rate-limit buckets
 * (time-scaled so an Okta minute lasts ten seconds, long enough for one reconcile to crowd a window
 * without pacing): a whole reconcile of the repository's groups keeps every bucket's busiest window
 * at or under the share, and draws no 429.
 */
class RateShareE2ETest {
  @TempDir Path tmp;

  @Test
  void aReconcileKeepsEveryBucketUnderTheConfiguredShare() throws Exception {
    Path repo = Repo.copyOwnGroups(tmp.resolve("repo"));
    Path config = repo.resolve("okta-groups.yaml");
    Files.writeString(config, Files.readString(config) + "\nrateLimits:\n  maxShare: 0.3\n");
    ValidationResult v =
        new Validator(LocalDate.of(2026, 11, 29)).validate(DirectorySource.read(repo));
    assertFalse(v.hasErrors(), v.diagnostics().toString());
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, 300, 11, "share-token-0123456789", 6.0, true, null);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
      Cli.Result r =
          Cli.create()
              .env("OKTA_API_TOKEN", s.token())
              .cwd(repo)
              .run("reconcile", "--repo", repo.toString(), "--okta-url", s.url());
      assertEquals(ExitCode.OK, r.code(), r.toString());

      assertEquals(0, s.stats().rateLimited(), "no request drew a 429");
      Map<String, Sandbox.Peak> peaks = s.ratePeaks();
      assertTrue(peaks.containsKey("/api/v1/apps*"), peaks.toString());
      for (Sandbox.Peak p : peaks.values()) {
        int allowed = Math.max(1, (int) Math.floor(p.limit() * 0.3));
        assertTrue(
            p.used() <= allowed,
            p.bucket() + ": " + p.used() + " in one window, share allows " + allowed);
      }
    }
  }

  @Test
  void theSchemaRefusesAShareOutsideZeroToOne() throws Exception {
    Path repo = Repo.copyOwnGroups(tmp.resolve("repo"));
    Path config = repo.resolve("okta-groups.yaml");
    Files.writeString(config, Files.readString(config) + "\nrateLimits:\n  maxShare: 1.5\n");
    Cli.Result r = Cli.create().cwd(repo).run("validate", "--repo", repo.toString());
    assertEquals(ExitCode.INVALID, r.code(), r.toString());
    assertTrue((r.out() + r.err()).contains("okta-groups.yaml"), r.toString());
    assertTrue((r.out() + r.err()).contains("maxShare"), r.toString());
  }
}
