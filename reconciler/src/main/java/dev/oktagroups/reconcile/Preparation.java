package dev.oktagroups.reconcile;

import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.validate.ValidationResult;
import java.util.List;

/**
 * The first stage's outcome: manifests that are valid and compiled, or the reasons they are not.
 */
public sealed interface Preparation {
  RepoSnapshot snapshot();

  ValidationResult validation();

  /** Valid manifests and the state they want. */
  record Prepared(RepoSnapshot snapshot, ValidationResult validation, DesiredState desired)
      implements Preparation {
    public OrgConfig config() {
      return validation.config();
    }

    public List<GroupManifest> manifests() {
      return validation.manifests();
    }
  }

  /** Manifests with errors: never planned. The findings are in {@link #validation()}. */
  record Invalid(RepoSnapshot snapshot, ValidationResult validation) implements Preparation {}
}
