package dev.oktagroups.plan;

import java.util.List;
import java.util.Map;

/**
 * Renders a plan as Markdown for a merge-request note: a summary line up front, then one
 * collapsible section per group so long plans stay readable.
 */
public final class PlanMarkdown {
  private PlanMarkdown() {}

  public static String render(Plan p) {
    StringBuilder sb = new StringBuilder();
    sb.append("### okta-groups plan\n\n");
    sb.append("**").append(p.summary().line()).append("**\n\n");
    sb.append("Org `")
        .append(p.orgUrl())
        .append("`, manifests from `")
        .append(p.source().origin())
        .append('`')
        .append(p.source().commit().map(c -> " at `" + PlanText.shortSha(c) + "`").orElse(""))
        .append(".\n");
    sb.append(ImpactText.markdown(p.impact()));
    if (!p.errors().isEmpty()) {
      sb.append("\n#### Errors: these groups are not planned\n\n");
      for (Plan.GroupError e : p.errors()) {
        sb.append("- **")
            .append(md(e.group()))
            .append("**")
            .append(e.path().isEmpty() ? "" : " (`" + e.path() + "`)")
            .append(": ")
            .append(md(e.message()))
            .append('\n');
      }
    }
    if (!p.setup().isEmpty()) {
      sb.append("\n#### Setup\n\n");
      p.setup().forEach(s -> sb.append("- ").append(md(s)).append('\n'));
    }
    Map<String, List<Change>> groups = PlanText.byGroup(p.changes());
    if (!groups.isEmpty()) {
      sb.append("\n#### Changes\n");
    }
    for (Map.Entry<String, List<Change>> e : groups.entrySet()) {
      sb.append("\n<details><summary><code>")
          .append(html(e.getKey()))
          .append("</code>: ")
          .append(counts(e.getValue()))
          .append("</summary>\n\n```diff\n");
      for (Change c : PlanText.steps(e.getValue())) {
        sb.append(c.action() == Action.CREATE ? "+ " : c.action() == Action.DELETE ? "- " : "! ")
            .append(c.describe())
            .append("  (")
            .append(c.reason())
            .append(")\n");
        for (String line : PlanText.details(c, p.scope().markerAttribute())) {
          sb.append("      ").append(line).append('\n');
        }
      }
      sb.append("```\n\n</details>\n");
    }
    return sb.toString();
  }

  /**
   * How many steps of {@code cs} have action {@code a}: a replace counts as a delete and a create.
   */
  public static long count(List<Change> cs, Action a) {
    return PlanText.steps(cs).stream().filter(x -> x.action() == a).count();
  }

  private static String counts(List<Change> cs) {
    long c = count(cs, Action.CREATE);
    long u = count(cs, Action.UPDATE);
    long d = count(cs, Action.DELETE);
    StringBuilder sb = new StringBuilder();
    if (c > 0) {
      sb.append('+').append(c).append(' ');
    }
    if (u > 0) {
      sb.append('~').append(u).append(' ');
    }
    if (d > 0) {
      sb.append('-').append(d).append(' ');
    }
    return sb.toString().trim();
  }

  /** Text made safe for Markdown: no table breaks, no HTML. */
  public static String md(String s) {
    return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
