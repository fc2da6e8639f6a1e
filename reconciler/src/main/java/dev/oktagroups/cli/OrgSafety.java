package dev.oktagroups.cli;

import dev.oktagroups.manifest.ConfigBinder;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.YamlReader;
import dev.oktagroups.plan.Safety;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Safety settings for applying a saved plan: from okta-groups.yaml as the repository has it (the
 * apply job runs in the repository), the defaults without one, and the command-line overrides.
 */
record OrgSafety(Set<String> protectedGroups, Safety.Limits limits) {
  /**
   * @param config okta-groups.yaml's bytes when the caller has already read the repository (at
   *     the plan's commit); otherwise the file in --repo is read
   */
  static OrgSafety of(Main main, RepoOptions repo, OktaOptions o, Optional<byte[]> config) {
    OrgConfig cfg = OrgConfig.defaults();
    Optional<byte[]> bytes = config;
    Path file = repo.dir(main.env()).resolve("okta-groups.yaml");
    if (bytes.isEmpty() && Files.isRegularFile(file)) {
      try {
        bytes = Optional.of(Files.readAllBytes(file));
      } catch (IOException e) {
        throw CliException.usage("cannot read " + file + ": " + e.getMessage());
      }
    }
    if (bytes.isPresent()) {
      YamlReader.Result r = new YamlReader().read("okta-groups.yaml", bytes.get());
      if (r.doc().isPresent()) {
        cfg = ConfigBinder.bind(r.doc().get());
      }
    }
    return new OrgSafety(Set.copyOf(cfg.protectedGroups()), Workflow.limits(cfg.safety(), o));
  }
}
