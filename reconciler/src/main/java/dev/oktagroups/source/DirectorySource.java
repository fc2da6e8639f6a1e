package dev.oktagroups.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the manifests of a working directory. */
public final class DirectorySource {
  private DirectorySource() {}

  /**
   * Reads {@code okta-groups.yaml} and every candidate under {@code groups/} below {@code root}.
   *
   * @throws UncheckedIOException when the directory cannot be read
   */
  public static RepoSnapshot read(Path root) {
    Path cfg = root.resolve(RepoSnapshot.CONFIG_PATH);
    Path groups = root.resolve(RepoSnapshot.GROUPS_DIR);
    try {
      Optional<byte[]> config = Files.isRegularFile(cfg) ? Optional.of(Files.readAllBytes(cfg)) : Optional.empty();
      List<SourceFile> files = new ArrayList<>();
      if (Files.isDirectory(groups)) {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(groups)) {
          paths = s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
        }
        for (Path p : paths) {
          String rel = root.relativize(p).toString().replace('\\', '/');
          if (RepoSnapshot.isCandidate(rel)) {
            files.add(new SourceFile(rel, Files.readAllBytes(p)));
          }
        }
      }
      return new RepoSnapshot(root.toString(), Optional.empty(), config, files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
    }
  }
}
