package dev.oktagroups.diag;

import java.util.Objects;

/**
 * A place in a repository file. Lines and columns are 1-based; a whole-file finding uses line 1,
 * column 1 so every consumer (GitLab's widgets, editors) can still anchor it.
 *
 * @param path repository-relative path with forward slashes, e.g. {@code groups/div.security.yaml}
 */
public record SourceRef(String path, int line, int column) {
  public SourceRef {
    Objects.requireNonNull(path, "path");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }

  /** A finding about a file as a whole. */
  public static SourceRef file(String path) {
    return new SourceRef(path, 1, 1);
  }

  public static SourceRef of(String path, int line, int column) {
    return new SourceRef(path, line, column);
  }

  @Override
  public String toString() {
    return path + ":" + line + ":" + column;
  }
}
