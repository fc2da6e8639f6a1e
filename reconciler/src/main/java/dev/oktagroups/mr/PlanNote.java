package dev.oktagroups.mr;

import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Severity;
import dev.oktagroups.plan.Action;
import dev.oktagroups.plan.Change;
import dev.oktagroups.plan.ImpactText;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.PlanMarkdown;
import dev.oktagroups.plan.PlanText;
import dev.oktagroups.validate.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of the merge-request note: a hidden marker to find it again, what kind of plan it is
 * (against Okta, or offline), the groups the merge request touches, the plan, and where the full
 * plan is when the note had to be shortened.
 */
public final class PlanNote {
  private PlanNote() {}

  /** Notes above this many characters list groups with counts instead of every change. */
  public static final int FULL_LIMIT = 60_000;

  /** At most this many groups are listed in a shortened note. */
  static final int SUMMARY_GROUPS = 150;

  /**
   * Where the note comes from, for its footer.
   *
   * @param commit the commit planned
   * @param pipelineUrl CI_PIPELINE_URL, when known
   * @param jobUrl CI_JOB_URL, for the link to the artifacts with the full plan
   * @param at when the note was made, as text
   */
  public record Context(
      Optional<String> commit, Optional<String> pipelineUrl, Optional<String> jobUrl, String at) {}

  /**
   * How an offline plan was computed.
   *
   * @param base the commit the manifests were compared with (the merge request's target), if any
   */
  public record Offline(Optional<String> base) {}

  /** The marker that identifies this job's note on a merge request. */
  public static String marker(String key) {
    return "<!-- okta-groups:plan:" + key.replaceAll("[^A-Za-z0-9_.:-]", "_") + " -->";
  }

  /** A note for a plan. */
  public static String plan(
      String marker,
      Plan plan,
      Optional<Offline> offline,
      List<String> touched,
      List<String> refusals,
      Context ctx) {
    return plan(marker, plan, offline, touched, refusals, List.of(), ctx);
  }

  /**
   * A note for a plan, warning of access that ends soon.
   *
   * @param expiring one line per named member whose access ends within the warning window, such as
   *     {@code app.zoom.webinar_hosts: pat@example.com ends 2027-02-28}
   */
  public static String plan(
      String marker,
      Plan plan,
      Optional<Offline> offline,
      List<String> touched,
      List<String> refusals,
      List<String> expiring,
      Context ctx) {
    StringBuilder head = new StringBuilder();
    head.append(marker).append('\n');
    head.append("### okta-groups plan")
        .append(offline.isPresent() ? " (offline)" : "")
        .append("\n\n");
    head.append("**").append(PlanMarkdown.md(leadLine(plan, offline.isPresent()))).append("**\n\n");
    offline.ifPresent(o -> head.append(offlineWarning(o)));
    boolean nothing = plan.changes().isEmpty() && plan.setup().isEmpty() && plan.errors().isEmpty();
    head.append("**")
        .append(
            nothing && offline.isPresent()
                ? "No changes: this merge request changes nothing in Okta."
                : plan.summary().line())
        .append("**\n\n");
    head.append(lists(refusals, expiring, touched));
    String footer = footer(ctx, false);
    String full = head + body(plan) + footer;
    if (full.length() <= FULL_LIMIT) {
      return full;
    }
    return head + summary(plan) + footer(ctx, true);
  }

  /** The quote that says what an offline plan could not see. */
  private static String offlineWarning(Offline o) {
    return "> **Offline plan: Okta was not read.** This pipeline has no Okta credentials (protected variables"
        + " are not available to merge-request pipelines). "
        + o.base()
            .map(
                b ->
                    "It compares the manifests of this merge request with its target branch at `"
                        + PlanText.shortSha(b)
                        + "`, assuming Okta matches that branch exactly.")
            .orElse("It lists what the manifests declare, as if Okta had none of it.")
        + " People who do not exist in Okta, rule members and drift are not checked here; the apply job plans against Okta"
        + " again after the merge and shows the real changes.\n\n";
  }

  /** The refusals, the access ending soon and the files touched, each only when there are any. */
  private static String lists(List<String> refusals, List<String> expiring, List<String> touched) {
    StringBuilder sb = new StringBuilder();
    if (!refusals.isEmpty()) {
      sb.append("**The safety rails will refuse this plan; nothing would be applied:**\n\n");
      refusals.forEach(r -> sb.append("- ").append(PlanMarkdown.md(r)).append('\n'));
      sb.append('\n');
    }
    if (!expiring.isEmpty()) {
      sb.append("**Access ending soon** (")
          .append(expiring.size())
          .append("; renew with a new `expires`, or let it lapse):\n\n");
      expiring.forEach(e -> sb.append("- ").append(PlanMarkdown.md(e)).append('\n'));
      sb.append('\n');
    }
    if (!touched.isEmpty()) {
      sb.append("<details><summary>Files this merge request changes (")
          .append(touched.size())
          .append(")</summary>\n\n");
      touched.forEach(t -> sb.append("- `").append(t.replace("`", "'")).append("`\n"));
      sb.append("\n</details>\n\n");
    }
    return sb.toString();
  }

  /**
   * A note saying the manifests are invalid, with the findings, so reviewers see why nothing was
   * planned.
   */
  public static String invalid(String marker, ValidationResult v, Context ctx) {
    StringBuilder sb = new StringBuilder();
    sb.append(marker).append('\n');
    sb.append("### okta-groups plan\n\n");
    sb.append("**The manifests are invalid: ")
        .append(v.errorCount())
        .append(" error")
        .append(v.errorCount() == 1 ? "" : "s")
        .append(
            v.warningCount() > 0
                ? ", " + v.warningCount() + " warning" + (v.warningCount() == 1 ? "" : "s")
                : "")
        .append(". Nothing was planned.** Fix them and push; this note will be updated.\n\n");
    int shown = 0;
    for (Diagnostic d : v.diagnostics()) {
      if (shown++ == 50) {
        sb.append("- ... and ")
            .append(v.diagnostics().size() - 50)
            .append(" more; run `okta-groups validate` for all of them\n");
        break;
      }
      sb.append("- ")
          .append(d.severity() == Severity.ERROR ? "**error**" : "warning")
          .append(" `")
          .append(d.where())
          .append("` ")
          .append(d.rule())
          .append(": ")
          .append(PlanMarkdown.md(d.message()));
      if (!d.hint().isEmpty()) {
        sb.append(" _").append(PlanMarkdown.md(d.hint())).append("_");
      }
      sb.append('\n');
    }
    sb.append('\n');
    return sb + footer(ctx, false);
  }

  /**
   * The note's first line: who gains and loses access, or that impact needs Okta access.
   *
   * @param offline whether the plan was made without reading Okta
   */
  static String leadLine(Plan plan, boolean offline) {
    if (offline || !plan.impact().known()) {
      return "Impact on people not known: it needs Okta access, and "
          + (offline ? "this plan is offline." : "it was not computed.");
    }
    return plan.impact().line();
  }

  private static String body(Plan plan) {
    String md = PlanMarkdown.render(plan);
    // The summary line is already in the note's head.
    int cut = md.indexOf("\n\n", md.indexOf("**"));
    return (cut < 0 ? md : md.substring(cut + 2)) + "\n";
  }

  private static String summary(Plan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append(ImpactText.markdown(plan.impact()).substring(1)).append('\n');
    sb.append("The plan has ")
        .append(plan.changes().size())
        .append(" changes: too many to show here. Changes per group:\n\n");
    sb.append("| Group | Create | Update | Delete |\n|---|---:|---:|---:|\n");
    Map<String, List<Change>> byGroup = PlanText.byGroup(plan.changes());
    int n = 0;
    for (Map.Entry<String, List<Change>> e : byGroup.entrySet()) {
      if (n++ == SUMMARY_GROUPS) {
        sb.append("| ... and ")
            .append(byGroup.size() - SUMMARY_GROUPS)
            .append(" more groups | | | |\n");
        break;
      }
      long c = PlanMarkdown.count(e.getValue(), Action.CREATE);
      long u = PlanMarkdown.count(e.getValue(), Action.UPDATE);
      long d = PlanMarkdown.count(e.getValue(), Action.DELETE);
      sb.append("| `")
          .append(e.getKey())
          .append("` | ")
          .append(c)
          .append(" | ")
          .append(u)
          .append(" | ")
          .append(d)
          .append(" |\n");
    }
    if (!plan.errors().isEmpty()) {
      sb.append("\n**Errors: these groups are not planned**\n\n");
      plan.errors().stream()
          .limit(50)
          .forEach(
              err ->
                  sb.append("- **")
                      .append(PlanMarkdown.md(err.group()))
                      .append("**: ")
                      .append(PlanMarkdown.md(err.message()))
                      .append('\n'));
    }
    return sb.append('\n').toString();
  }

  private static String footer(Context ctx, boolean shortened) {
    StringBuilder sb = new StringBuilder("---\n<sub>");
    sb.append(
        ctx.commit()
            .map(c -> "Commit `" + PlanText.shortSha(c) + "`")
            .orElse("Uncommitted manifests"));
    ctx.pipelineUrl().ifPresent(u -> sb.append(" · [pipeline](").append(u).append(")"));
    sb.append(" · updated ").append(ctx.at());
    if (shortened) {
      sb.append(" · the full plan is in the ")
          .append(
              ctx.jobUrl()
                  .map(u -> "[job's artifacts](" + u + "/artifacts/browse)")
                  .orElse("job's artifacts"))
          .append(" (`okta-groups-plan.txt`, `okta-groups-plan.json`)");
    }
    sb.append(". This note is updated by every pipeline of this merge request.</sub>\n");
    return sb.toString();
  }
}
