package dev.oktagroups.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the manifests of a working directory. */
public final class DirectorySource {
  private DirectorySource() {}

  private static byte[] readAll(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code okta-groups.yaml} and every candidate under {@code groups/} below {@code root}.
   *
   * @throws UncheckedIOException when the directory cannot be read
   */
  public static RepoSnapshot read(Path root) {
    Path cfg = root.resolve(RepoSnapshot.CONFIG_PATH);
    Path groups = root.resolve(RepoSnapshot.GROUPS_DIR);
    try {
      Optional<byte[]> config =
          Files.isRegularFile(cfg) ? Optional.of(Files.readAllBytes(cfg)) : Optional.empty();
      List<SourceFile> files = new ArrayList<>();
      if (Files.isDirectory(groups)) {
        // Relative paths by string prefix: Path.relativize per file showed up in profiles of
        // 10,000-file repositories.
        int prefix = root.toString().length() + 1;
        List<String> rels;
        try (Stream<Path> s = Files.walk(groups)) {
          rels =
              s.map(p -> p.toString().substring(prefix).replace('\\', '/'))
                  .filter(RepoSnapshot::isCandidate)
                  .sorted()
                  .toList();
        }
        // Thousands of small reads: in parallel they overlap their system calls.
        files =
            rels.parallelStream()
                .filter(r -> Files.isRegularFile(root.resolve(r)))
                .map(r -> new SourceFile(r, readAll(root.resolve(r))))
                .toList();
      }
      return new RepoSnapshot(root.toString(), Optional.empty(), config, files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
    }
  }
}
