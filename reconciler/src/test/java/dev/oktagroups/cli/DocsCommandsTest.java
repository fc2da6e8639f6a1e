package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.testing.Repo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code okta-groups} command shown in the README and docs/*.md parses against the real
 * command line, so the docs cannot drift from it. A command shown failing on purpose ends with the
 * comment {@code # fails: why}, and must then not parse. Synopsis blocks (fenced as {@code text})
 * are not run, but each option they name must exist on their command.
 */
class DocsCommandsTest {
  private static final Pattern COMMAND = Pattern.compile("^\\s*(?:\\./)?okta-groups\\s+(.*)$");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z-]*)");

  /** A command found in a doc: where, its words, and whether it is meant to fail. */
  record Shown(String where, List<String> args, boolean fails, boolean synopsis) {}

  static List<Path> docs() throws IOException {
    List<Path> out = new ArrayList<>(List.of(Repo.root().resolve("README.md")));
    try (Stream<Path> s = Files.list(Repo.root().resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    }
    return out;
  }

  /** The commands in fenced blocks, with backslash continuations joined. */
  static List<Shown> commands(Path doc) throws IOException {
    List<Shown> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(doc);
    boolean fenced = false;
    String info = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        fenced = !fenced;
        info = fenced ? line.substring(3).trim() : "";
        continue;
      }
      Matcher m = COMMAND.matcher(line);
      if (!fenced || !m.matches()) {
        continue;
      }
      int start = i;
      StringBuilder text = new StringBuilder(m.group(1));
      while (text.toString().endsWith("\\") && i + 1 < lines.size()) {
        text.setLength(text.length() - 1);
        text.append(' ').append(lines.get(++i).trim());
      }
      String where = Repo.root().relativize(doc) + ":" + (start + 1);
      String cmd = text.toString();
      boolean fails = cmd.matches(".*#\\s*fails:.*");
      out.add(new Shown(where, words(cmd), fails, info.equals("text")));
    }
    return out;
  }

  /** Shell words, without a trailing comment or pipe, quotes removed. */
  static List<String> words(String cmd) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (char ch : cmd.toCharArray()) {
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          w.append(ch);
        }
      } else if (ch == '"' || ch == '\'') {
        quote = ch;
        any = true;
      } else if (ch == '#' || ch == '|' || ch == '>') {
        break;
      } else if (Character.isWhitespace(ch)) {
        if (w.length() > 0 || any) {
          out.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(ch);
      }
    }
    if (w.length() > 0 || any) {
      out.add(w.toString());
    }
    return out;
  }

  static CommandLine commandLine() {
    Env env = new Env(Map.of(), Path.of("").toAbsolutePath(), Clock.systemUTC());
    return new Main(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), env)
        .commandLine();
  }

  @Test
  void everyDocumentedCommandParses() throws IOException {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Path doc : docs()) {
      for (Shown s : commands(doc)) {
        if (s.synopsis()) {
          continue;
        }
        checked++;
        String problem = parse(s.args());
        if (s.fails() && problem.isEmpty()) {
          wrong.add(s.where() + ": marked '# fails:' but parses: " + s.args());
        } else if (!s.fails() && !problem.isEmpty()) {
          wrong.add(s.where() + ": " + s.args() + ": " + problem);
        }
      }
    }
    assertTrue(checked >= 10, "found only " + checked + " commands; is the extraction broken?");
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyOptionInASynopsisExists() throws IOException {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Path doc : docs()) {
      for (Shown s : commands(doc)) {
        if (!s.synopsis() || s.args().isEmpty()) {
          continue;
        }
        CommandLine sub = commandLine().getSubcommands().get(s.args().get(0));
        if (sub == null) {
          wrong.add(s.where() + ": no command " + s.args().get(0));
          continue;
        }
        Set<String> names = sub.getCommandSpec().optionsMap().keySet();
        Matcher m = OPTION.matcher(String.join(" ", s.args()));
        while (m.find()) {
          checked++;
          if (!names.contains(m.group(1))) {
            wrong.add(s.where() + ": " + s.args().get(0) + " has no option " + m.group(1));
          }
        }
      }
    }
    assertTrue(checked > 0, "no synopsis options found");
    assertEquals(List.of(), wrong);
  }

  @Test
  void theCheckCatchesAnOptionThatDoesNotExist() {
    assertFalse(parse(List.of("reconcile", "--auto-approve")).isEmpty());
    assertFalse(parse(List.of("plan", "--threads", "0")).isEmpty());
    assertEquals("", parse(List.of("plan", "--out", "plan.json")));
    assertEquals(
        List.of("plan", "--ref", "$CI_COMMIT_SHA", "--since", ""),
        words("plan --ref \"$CI_COMMIT_SHA\" --since \"\" | tee x.txt"));
  }

  /** Empty when {@code args} parse; else picocli's complaint. */
  static String parse(List<String> args) {
    try {
      commandLine().parseArgs(args.toArray(String[]::new));
      return "";
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }
}
