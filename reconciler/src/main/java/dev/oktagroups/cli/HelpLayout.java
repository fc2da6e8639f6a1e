package dev.oktagroups.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help text wrapped at the terminal's width on word boundaries. Picocli's own layout breaks lines
 * inside words ("docs/operations." then "md"), so the description, the parameters, the options and
 * the command list are laid out here; the synopsis stays picocli's, which breaks between options.
 */
final class HelpLayout {
  /** Narrower than this, help is unreadable anyway; wider, lines get hard to follow. */
  private static final int MIN_WIDTH = 60;

  private static final int MAX_WIDTH = 160;

  /** The longest option names that share a line with their description. */
  private static final int NAME_COLUMN = 30;

  private HelpLayout() {}

  /** Installs the layout on {@code cmd} and its subcommands, and gives each one --version. */
  static void install(CommandLine cmd, Env env) {
    int width = width(env, cmd.getCommandSpec().usageMessage().width());
    apply(cmd, width);
  }

  private static void apply(CommandLine cmd, int width) {
    cmd.setUsageHelpWidth(width);
    cmd.setUsageHelpAutoWidth(false);
    cmd.getCommandSpec().versionProvider(new VersionProvider());
    Map<String, CommandLine.IHelpSectionRenderer> s = cmd.getHelpSectionMap();
    s.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER,
        h -> paragraphs(h.commandSpec().usageMessage().header(), width, 0));
    s.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
        h -> paragraphs(h.commandSpec().usageMessage().description(), width, 0));
    s.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
        h -> parameters(h.commandSpec(), width));
    s.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
        h -> options(h.commandSpec(), width));
    s.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
        h -> commands(h.commandSpec(), width));
    cmd.setHelpSectionMap(s);
    cmd.getSubcommands().values().forEach(sub -> apply(sub, width));
  }

  /** COLUMNS when the shell exports it, else what picocli detected, within bounds. */
  static int width(Env env, int detected) {
    int w = detected;
    String columns = env.var("COLUMNS").orElse("");
    if (columns.matches("\\d{1,4}")) {
      w = Integer.parseInt(columns);
    }
    return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w));
  }

  /** The lines of an annotation joined into one paragraph, wrapped. */
  private static String paragraphs(String[] lines, int width, int indent) {
    if (lines.length == 0) {
      return "";
    }
    return String.join("\n", wrap(String.join(" ", lines), width - indent, indent)) + "\n";
  }

  private static String parameters(CommandSpec spec, int width) {
    List<String[]> rows = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        rows.add(new String[] {"      " + p.paramLabel(), String.join(" ", p.description())});
      }
    }
    return table(rows, width);
  }

  private static String options(CommandSpec spec, int width) {
    List<OptionSpec> opts =
        new ArrayList<>(spec.options().stream().filter(o -> !o.hidden()).toList());
    opts.sort(Comparator.comparing(o -> o.longestName().replaceFirst("^-+", "")));
    List<String[]> rows = new ArrayList<>();
    for (OptionSpec o : opts) {
      String shortName =
          o.shortestName().length() == 2 && !o.shortestName().equals(o.longestName())
              ? o.shortestName() + ", "
              : "    ";
      String label = o.typeInfo().isBoolean() ? "" : "=" + o.paramLabel();
      rows.add(
          new String[] {
            "  " + shortName + o.longestName() + label, String.join(" ", o.description())
          });
    }
    return table(rows, width);
  }

  private static String commands(CommandSpec spec, int width) {
    List<String[]> rows = new ArrayList<>();
    spec.subcommands()
        .forEach(
            (name, sub) -> {
              String[] header = sub.getCommandSpec().usageMessage().header();
              rows.add(new String[] {"  " + name, String.join(" ", header)});
            });
    return table(rows, width);
  }

  /** Two columns: names, then their text wrapped beside them, or below when the name is long. */
  private static String table(List<String[]> rows, int width) {
    int column = 0;
    for (String[] r : rows) {
      if (r[0].length() + 2 <= NAME_COLUMN) {
        column = Math.max(column, r[0].length() + 2);
      }
    }
    column = Math.max(column, 8);
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      List<String> text = wrap(r[1], width - column, column);
      String first = text.isEmpty() ? "" : text.get(0).substring(column);
      if (r[0].length() + 2 <= column) {
        sb.append(r[0]).append(" ".repeat(column - r[0].length())).append(first).append('\n');
      } else {
        sb.append(r[0]).append('\n');
        if (!first.isEmpty()) {
          sb.append(" ".repeat(column)).append(first).append('\n');
        }
      }
      text.stream().skip(1).forEach(l -> sb.append(l).append('\n'));
    }
    return sb.toString();
  }

  /**
   * {@code text} broken between words into lines of at most {@code width} characters after an
   * indent of {@code indent} spaces; a word longer than a line gets a line of its own, unbroken.
   */
  static List<String> wrap(String text, int width, int indent) {
    List<String> lines = new ArrayList<>();
    String pad = " ".repeat(indent);
    StringBuilder line = new StringBuilder();
    int limit = Math.max(20, width);
    for (String word : text.trim().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
        lines.add(pad + line);
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(pad + line);
    }
    return lines;
  }
}
