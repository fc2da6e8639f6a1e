package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the README and docs/*.md, and every relative path written in code, names a
 * file inside the repository: a reader of the repository alone can follow them.
 */
class DocsLinksTest {
  /** A Markdown link's target: [text](target) or [text](target "title"). */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  /** A code span that is a path leaving the docs' directory: `../x`. */
  private static final Pattern UP_PATH = Pattern.compile("`(\\.\\./[^`\\s]+)`");

  @Test
  void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
    Path root = Repo.root().toRealPath();
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path doc : DocsCommandsTest.docs()) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        for (String target : targets(lines.get(i))) {
          checked++;
          String problem = problem(root, doc, target);
          if (!problem.isEmpty()) {
            broken.add(root.relativize(doc) + ":" + (i + 1) + ": " + target + ": " + problem);
          }
        }
      }
    }
    assertTrue(checked >= 15, "found only " + checked + " links; is the extraction broken?");
    assertEquals(List.of(), broken);
  }

  @Test
  void theCheckCatchesALinkOutsideTheRepository() throws IOException {
    Path root = Repo.root().toRealPath();
    Path doc = root.resolve("docs/sandbox.md");
    assertEquals("", problem(root, doc, "reconcile.md#exit-codes"));
    assertTrue(problem(root, doc, "../../shared/reference/okta-api.md").contains("outside"));
    assertTrue(problem(root, doc, "no-such-page.md").contains("no such file"));
    assertEquals(List.of("../x.md"), targets("see `../x.md` and [web](https://example.com)"));
  }

  static List<String> targets(String line) {
    List<String> out = new ArrayList<>();
    Matcher m = LINK.matcher(line);
    while (m.find()) {
      String t = m.group(1);
      if (!t.matches("^[a-z][a-z0-9+.-]*:.*") && !t.startsWith("#")) {
        out.add(t);
      }
    }
    Matcher up = UP_PATH.matcher(line);
    while (up.find()) {
      out.add(up.group(1));
    }
    return out;
  }

  /** Empty when {@code target}, relative to {@code doc}, is a file or directory in the repo. */
  static String problem(Path root, Path doc, String target) {
    String path = target.replaceFirst("#.*$", "");
    if (path.isEmpty()) {
      return "";
    }
    Path resolved = doc.getParent().resolve(path).normalize();
    if (!resolved.startsWith(root)) {
      return "outside the repository";
    }
    return Files.exists(resolved) ? "" : "no such file";
  }
}
