package dev.oktagroups.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The impact on people as text and Markdown: the headline, then per group the first names and the
 * counts. The JSON plan has every name.
 */
public final class ImpactText {
  /** How many names a line shows before "and N more". */
  public static final int SHOWN = 5;

  /** A merge-request note shows at most this many impact lines, to stay within GitLab's limit. */
  static final int MARKDOWN_LINES = 60;

  private ImpactText() {}

  /** "ana, bob, carl and 4 more". */
  public static String names(List<String> logins) {
    if (logins.size() <= SHOWN) {
      return String.join(", ", logins);
    }
    return String.join(", ", logins.subList(0, SHOWN))
        + " and "
        + (logins.size() - SHOWN)
        + " more";
  }

  /** The text plan's section: a heading, the headline and one block per group. */
  public static String section(Impact impact) {
    StringBuilder sb = new StringBuilder("\n  # impact on people\n");
    sb.append("  ").append(impact.line()).append('\n');
    for (String line : lines(impact)) {
      sb.append("  ").append(line).append('\n');
    }
    return sb.toString();
  }

  /** The Markdown section for the plan and the merge-request note. */
  public static String markdown(Impact impact) {
    StringBuilder sb = new StringBuilder("\n#### Impact on people\n\n");
    sb.append("**").append(PlanMarkdown.md(impact.line())).append("**\n");
    List<String> lines = lines(impact);
    if (!lines.isEmpty()) {
      sb.append("\n```\n");
      lines.stream().limit(MARKDOWN_LINES).forEach(l -> sb.append(l).append('\n'));
      if (lines.size() > MARKDOWN_LINES) {
        sb.append("... and ")
            .append(lines.size() - MARKDOWN_LINES)
            .append(" more lines; the JSON plan has every name\n");
      }
      sb.append("```\n");
    }
    return sb.toString();
  }

  /** One line per group, then indented lines per app and push target. */
  static List<String> lines(Impact impact) {
    List<String> out = new ArrayList<>();
    for (Impact.Group g : impact.groups()) {
      out.add(g.group() + ": " + counts(g.gains(), g.losses()));
      for (Impact.App a : g.apps()) {
        if (a.gains().isEmpty() && a.losses().isEmpty() && a.kept().isEmpty()) {
          continue;
        }
        StringBuilder l =
            new StringBuilder("  app " + a.app() + ": " + counts(a.gains(), a.losses()));
        if (!a.kept().isEmpty()) {
          l.append("; ").append(a.kept().size()).append(" keep it through another group (");
          List<String> kept = new ArrayList<>();
          for (Map.Entry<String, List<String>> e : a.kept().entrySet()) {
            kept.add(e.getKey() + " via " + String.join(", ", e.getValue()));
          }
          l.append(names(kept)).append(')');
        }
        if (!a.losses().isEmpty() && !a.unread().isEmpty()) {
          l.append("; may keep it through ").append(String.join(", ", a.unread()));
        }
        out.add(l.toString());
      }
      for (Impact.Push p : g.pushes()) {
        if (!p.gains().isEmpty() || !p.losses().isEmpty()) {
          out.add("  push " + p.app() + " " + p.target() + ": " + counts(p.gains(), p.losses()));
        }
      }
      for (Impact.Channel c : g.channels()) {
        out.add(
            "  channel "
                + c.channel()
                + " ("
                + c.app()
                + "): up to "
                + counts(c.joining(), List.of())
                + " join");
      }
    }
    return out;
  }

  /** "+2 (ana, bob), -1 (carl)", leaving out an empty side. */
  static String counts(List<String> gains, List<String> losses) {
    List<String> parts = new ArrayList<>();
    if (!gains.isEmpty()) {
      parts.add("+" + gains.size() + " (" + names(gains) + ")");
    }
    if (!losses.isEmpty()) {
      parts.add("-" + losses.size() + " (" + names(losses) + ")");
    }
    return parts.isEmpty() ? "no one joins or leaves" : String.join(", ", parts);
  }
}
