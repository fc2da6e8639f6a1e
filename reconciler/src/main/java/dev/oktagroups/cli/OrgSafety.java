package dev.oktagroups.cli;

import dev.oktagroups.manifest.ConfigBinder;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.YamlReader;
import dev.oktagroups.plan.Safety;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Safety settings for applying a saved plan: okta-groups.yaml of --repo when it is there (the
 * apply job runs in the repository), the defaults otherwise, and the command-line overrides.
 */
record OrgSafety(Set<String> protectedGroups, Safety.Limits limits) {
  static OrgSafety of(Main main, RepoOptions repo, OktaOptions o) {
    OrgConfig config = OrgConfig.defaults();
    Path file = repo.dir(main.env()).resolve("okta-groups.yaml");
    if (Files.isRegularFile(file)) {
      try {
        YamlReader.Result r = new YamlReader().read("okta-groups.yaml", Files.readAllBytes(file));
        if (r.doc().isPresent()) {
          config = ConfigBinder.bind(r.doc().get());
        }
      } catch (IOException e) {
        throw CliException.usage("cannot read " + file + ": " + e.getMessage());
      }
    }
    OrgConfig.Safety s = config.safety();
    return new OrgSafety(Set.copyOf(config.protectedGroups()), new Safety.Limits(
        o.maxDeletions != null ? o.maxDeletions : s.maxDeletions(),
        o.maxDeletions != null ? 1.0 : s.maxDeletionFraction(),
        o.maxRemovals != null ? o.maxRemovals : s.maxRemovals(),
        o.maxRemovals != null ? 1.0 : s.maxRemovalFraction()));
  }
}
