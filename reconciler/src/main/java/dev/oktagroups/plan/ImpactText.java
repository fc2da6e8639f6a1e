package dev.oktagroups.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

  /**
   * One line per group, then indented lines per app and push target, then the members whose entry
   * ends soon and what they lose then.
   */
  static List<String> lines(Impact impact) {
    List<String> out = new ArrayList<>();
    for (Impact.Group g : impact.groups()) {
      out.add(g.group() + ": " + counts(g.gains(), g.losses()));
      for (Impact.App a : g.apps()) {
        if (!a.gains().isEmpty() || !a.losses().isEmpty() || !a.kept().isEmpty()) {
          out.add(appLine(a));
        }
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
      out.addAll(expiryLines(g.expiring()));
    }
    return out;
  }

  private static String appLine(Impact.App a) {
    StringBuilder l = new StringBuilder("  app " + a.app() + ": " + counts(a.gains(), a.losses()));
    l.append(kept(a.kept()));
    if (!a.losses().isEmpty() && !a.unread().isEmpty()) {
      l.append("; may keep it through ").append(String.join(", ", a.unread()));
    }
    return l.toString();
  }

  /** "; 2 keep it through another group (ana via g1, bob via g2)", or nothing. */
  private static String kept(Map<String, List<String>> kept) {
    if (kept.isEmpty()) {
      return "";
    }
    List<String> via = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : kept.entrySet()) {
      via.add(e.getKey() + " via " + String.join(", ", e.getValue()));
    }
    return "; "
        + kept.size()
        + (kept.size() == 1 ? " keeps" : " keep")
        + " it through another group ("
        + names(via)
        + ")";
  }

  /**
   * "2 people lose access within 14 days (expiry): ana ends 2026-12-10, bob ends 2026-12-12", then
   * per app and push target who loses it on their day.
   */
  static List<String> expiryLines(List<Impact.Expiring> expiring) {
    if (expiring.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    List<String> who = new ArrayList<>();
    Map<String, List<String>> lose = new TreeMap<>();
    Map<String, Map<String, List<String>>> keep = new TreeMap<>();
    Map<String, List<String>> leave = new TreeMap<>();
    for (Impact.Expiring x : expiring) {
      who.add(x.login() + " ends " + x.expires());
      x.apps().forEach(a -> lose.computeIfAbsent(a, k -> new ArrayList<>()).add(x.login()));
      x.kept()
          .forEach((a, via) -> keep.computeIfAbsent(a, k -> new TreeMap<>()).put(x.login(), via));
      x.pushes().forEach(t -> leave.computeIfAbsent(t, k -> new ArrayList<>()).add(x.login()));
    }
    int n = expiring.size();
    out.add(
        "  "
            + n
            + (n == 1 ? " person loses" : " people lose")
            + " access within "
            + Impact.EXPIRY_WINDOW_DAYS
            + " days (expiry): "
            + names(who));
    Set<String> apps = new TreeSet<>(lose.keySet());
    apps.addAll(keep.keySet());
    for (String app : apps) {
      out.add(
          "    app "
              + app
              + ": "
              + counts(List.of(), lose.getOrDefault(app, List.of()))
              + kept(keep.getOrDefault(app, Map.of())));
    }
    leave.forEach((t, logins) -> out.add("    push " + t + ": " + counts(List.of(), logins)));
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
