package dev.oktagroups.source;

import java.util.List;
import java.util.Optional;

/**
 * The manifests of a repository at one point: a commit, or a working directory.
 *
 * @param origin where it was read from, for messages (a directory or a Git URL)
 * @param commit the commit id when read from Git
 * @param config the bytes of okta-groups.yaml, when present
 * @param files every file under {@code groups/} that could be a manifest ({@code .yaml} and {@code
 *     .yml}), sorted by path
 */
public record RepoSnapshot(
    String origin, Optional<String> commit, Optional<byte[]> config, List<SourceFile> files) {
  public RepoSnapshot {
    files = List.copyOf(files);
  }

  public static final String CONFIG_PATH = "okta-groups.yaml";
  public static final String GROUPS_DIR = "groups";

  /** Whether {@code path} names a file a manifest source should collect. */
  public static boolean isCandidate(String path) {
    return path.startsWith(GROUPS_DIR + "/") && (path.endsWith(".yaml") || path.endsWith(".yml"));
  }
}
