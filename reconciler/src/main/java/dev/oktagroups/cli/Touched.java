package dev.oktagroups.cli;

import dev.oktagroups.source.GitSource.FileChange;
import dev.oktagroups.source.RepoSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Names the groups a range of commits touched, from the files it changed. */
final class Touched {
  /** The entry of a change to okta-groups.yaml. */
  static final String CONFIG = "~ okta-groups.yaml (affects every group)";

  private Touched() {}

  /**
   * One entry per name that {@code after} grandfathers and {@code before} did not. Such a name is
   * exempt from the naming conventions, and validation can check only that its manifest adopts a
   * group, not that Okta has it; so a reviewer is told.
   */
  static List<String> grandfathered(List<String> before, List<String> after) {
    List<String> out = new ArrayList<>();
    for (String name : after) {
      if (!before.contains(name)) {
        out.add(
            "+ naming.grandfathered: '"
                + name
                + "' is a new grandfathered name, exempt from the naming conventions; review that"
                + " it is a group Okta already has");
      }
    }
    return out;
  }

  /** One entry per file, e.g. {@code ~ app.zoom.hosts} or {@code > div.sales -> div.sales_emea}. */
  static List<String> entries(List<FileChange> changes) {
    List<String> out = new ArrayList<>();
    for (FileChange c : changes) {
      if (c.oldPath().equals(RepoSnapshot.CONFIG_PATH)
          || c.newPath().equals(RepoSnapshot.CONFIG_PATH)) {
        out.add(CONFIG);
        continue;
      }
      String entry =
          switch (c.kind()) {
            case ADD, COPY -> "+ " + c.newGroup().orElseThrow() + " (" + c.newPath() + ")";
            case MODIFY -> "~ " + c.newGroup().orElseThrow() + " (" + c.newPath() + ")";
            case DELETE -> "- " + c.oldGroup().orElseThrow() + " (" + c.oldPath() + ")";
            case RENAME ->
                c.oldGroup().equals(c.newGroup())
                    ? "> "
                        + c.newGroup().orElseThrow()
                        + " (moved "
                        + c.oldPath()
                        + " to "
                        + c.newPath()
                        + ")"
                    // A group's name is its identity: a new name is a new group in Okta.
                    : "> "
                        + c.oldGroup().orElseThrow()
                        + " renamed to "
                        + c.newGroup().orElseThrow()
                        + " ("
                        + c.oldPath()
                        + " to "
                        + c.newPath()
                        + "): Okta's group is deleted and a new one created";
          };
      out.add(entry);
    }
    return out;
  }

  /**
   * The groups a scoped plan must cover: every group a changed file names before or after the
   * change, so a deleted or renamed manifest's old group is swept. Empty when okta-groups.yaml
   * changed: the catalog, the marker or the caps affect every group, and only a full plan will do.
   */
  static Optional<Set<String>> groups(List<FileChange> changes) {
    Set<String> out = new TreeSet<>();
    for (FileChange c : changes) {
      if (c.oldPath().equals(RepoSnapshot.CONFIG_PATH)
          || c.newPath().equals(RepoSnapshot.CONFIG_PATH)) {
        return Optional.empty();
      }
      c.oldGroup().ifPresent(out::add);
      c.newGroup().ifPresent(out::add);
    }
    return Optional.of(out);
  }

  /** All entries on one line, for logs; empty when nothing relevant changed. */
  static String line(List<FileChange> changes) {
    return String.join("; ", entries(changes));
  }
}
