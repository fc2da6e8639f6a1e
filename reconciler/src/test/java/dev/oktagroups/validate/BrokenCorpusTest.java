package dev.oktagroups.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.cli.ExitCode;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.Repo;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broken-manifest corpus in src/test/resources/broken: each case has exactly one defect and
 * must produce exactly one finding, with the expected rule id, file and line, through the real CLI,
 * without a stack trace and without hanging.
 *
 * <p>A single-file case starts with {@code # expect: RULE LINE} and {@code # path: REPO_PATH}. A
 * directory case holds a repository layout and an {@code expect} file: {@code RULE PATH LINE}; it
 * gets the standard okta-groups.yaml unless it brings its own or holds a {@code no-config} marker.
 */
class BrokenCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXPECT =
      Pattern.compile("^# expect: (\\S+) (\\d+)$", Pattern.MULTILINE);
  private static final Pattern PATH = Pattern.compile("^# path: (\\S+)$", Pattern.MULTILINE);

  record Case(String name, Path source, String rule, String path, int line) {}

  static Path corpus() throws URISyntaxException {
    return Path.of(BrokenCorpusTest.class.getResource("/broken").toURI());
  }

  static Path standardConfig() throws URISyntaxException {
    return Path.of(BrokenCorpusTest.class.getResource("/testrepo/okta-groups.yaml").toURI());
  }

  static List<Case> cases() throws IOException, URISyntaxException {
    List<Case> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(corpus())) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p)) {
          String[] e = Files.readString(p.resolve("expect")).trim().split(" ");
          out.add(new Case(name, p, e[0], e[1], Integer.parseInt(e[2])));
        } else {
          // Header lines are ASCII even in the deliberately non-UTF-8 case.
          String head = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
          Matcher m = EXPECT.matcher(head);
          Matcher pm = PATH.matcher(head);
          assertTrue(m.find() && pm.find(), name + " lacks its # expect / # path header");
          out.add(new Case(name, p, m.group(1), pm.group(1), Integer.parseInt(m.group(2))));
        }
      }
    }
    return out;
  }

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyCaseReportsItsOneDefect() throws Exception {
    List<Case> cases = cases();
    assertTrue(cases.size() >= 40, "the corpus must hold at least 40 cases, has " + cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> runCase(c)));
  }

  private void runCase(Case c) throws Exception {
    Path repo = Files.createDirectories(tmp.resolve(c.name()));
    if (Files.isDirectory(c.source())) {
      Repo.copyTree(c.source(), repo);
      Files.deleteIfExists(repo.resolve("expect"));
      boolean noConfig = Files.deleteIfExists(repo.resolve("no-config"));
      if (!noConfig && !Files.exists(repo.resolve("okta-groups.yaml"))) {
        Files.copy(standardConfig(), repo.resolve("okta-groups.yaml"));
      }
    } else {
      Files.copy(standardConfig(), repo.resolve("okta-groups.yaml"));
      Path target = repo.resolve(c.path());
      Files.createDirectories(target.getParent());
      Files.copy(c.source(), target);
    }
    assertExactlyOne(repo, c.rule(), c.path(), c.line(), c.name());
  }

  static void assertExactlyOne(Path repo, String rule, String path, int line, String name)
      throws IOException {
    Cli.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> Cli.create().run("validate", "--repo", repo.toString(), "--format", "json"));
    assertFalse(
        r.err().contains("Exception") || r.err().contains("\tat "),
        name + " printed a stack trace:\n" + r);
    JsonNode findings = JSON.readTree(r.out()).get("findings");
    List<String> got = new ArrayList<>();
    findings.forEach(
        f ->
            got.add(
                f.get("rule").asText()
                    + " "
                    + f.get("path").asText()
                    + ":"
                    + f.get("line").asInt()));
    assertEquals(List.of(rule + " " + path + ":" + line), got, name + ": " + findings);
    boolean error = Rule.byId(rule).orElseThrow().severity() == dev.oktagroups.diag.Severity.ERROR;
    assertEquals(error ? ExitCode.INVALID : ExitCode.OK, r.code(), name);
    JsonNode f = findings.get(0);
    assertFalse(f.get("message").asText().isBlank(), name + " has no message");
    assertFalse(
        f.get("hint").asText().isBlank(), name + " has no hint: every finding says how to fix it");
  }

  /** Too large to keep in the repository, so this case is generated. */
  @Test
  void oversizedFileIsRejectedBeforeParsing() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("too-large"));
    Files.copy(standardConfig(), repo.resolve("okta-groups.yaml"));
    Path f = Files.createDirectories(repo.resolve("groups")).resolve("div.security.yaml");
    StringBuilder sb = new StringBuilder("name: div.security\n");
    while (sb.length() < (1 << 20) + 10) {
      sb.append("# padding padding padding padding padding padding padding padding padding\n");
    }
    Files.writeString(f, sb);
    assertExactlyOne(repo, "yaml/too-large", "groups/div.security.yaml", 1, "too-large");
  }

  @Test
  void corpusCoversEveryRuleId() throws Exception {
    Set<String> covered = new TreeSet<>();
    cases().forEach(c -> covered.add(c.rule()));
    covered.add("yaml/too-large"); // the generated case above
    Set<String> missing = new TreeSet<>(Rule.all().stream().map(Rule::id).toList());
    missing.removeAll(covered);
    assertEquals(Set.of(), missing, "rule ids without a corpus case");
  }
}
