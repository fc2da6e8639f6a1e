package dev.oktagroups.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Paths of the project itself, for tests that check the repository's own content. */
public final class Repo {
  private Repo() {}

  /** The repository root (surefire runs in the reconciler module directory). */
  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.exists(here.resolve("okta-groups.yaml")) ? here : here.getParent();
    if (!Files.exists(root.resolve("okta-groups.yaml"))) {
      throw new IllegalStateException("cannot find the repository root from " + here);
    }
    return root;
  }

  public static String read(String relative) {
    try {
      return Files.readString(root().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a small repository: okta-groups.yaml from test resources plus the given manifests. */
  public static Path write(Path dir, String... pathAndContent) {
    try {
      Files.createDirectories(dir);
      Files.copy(
          Path.of(Repo.class.getResource("/testrepo/okta-groups.yaml").toURI()),
          dir.resolve("okta-groups.yaml"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      for (int i = 0; i < pathAndContent.length; i += 2) {
        Path p = dir.resolve(pathAndContent[i]);
        Files.createDirectories(p.getParent());
        Files.writeString(p, pathAndContent[i + 1]);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies the project's own okta-groups.yaml and groups/ into {@code dir}. */
  public static Path copyOwnGroups(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.copy(root().resolve("okta-groups.yaml"), dir.resolve("okta-groups.yaml"));
      copyTree(root().resolve("groups"), dir.resolve("groups"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the directory {@code from} and everything below it to {@code to}. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }
}
