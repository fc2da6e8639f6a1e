package dev.oktagroups.validate;

import dev.oktagroups.manifest.GroupManifest;

/**
 * One family of semantic rules over one manifest. A family reports every finding it has into {@code
 * out} and never stops the others; {@link GroupChecks} runs every family on every file.
 * Implementations are immutable, so one instance serves all the validator's threads.
 */
interface GroupCheck {
  void check(GroupManifest m, Findings out);
}
