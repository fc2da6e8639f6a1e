package dev.oktagroups.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.oktagroups.mr.ExpiryMergeRequest;
import dev.oktagroups.mr.GitLabNotes;
import dev.oktagroups.reconcile.Expiries;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Policy;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code okta-groups expiring}: named members whose access ends soon, by group and owner. */
@Command(
    name = "expiring",
    mixinStandardHelpOptions = true,
    header = "List named members whose access ends soon, by group and owner.",
    description = {
      "List every exception and named member whose expires date falls within --within of today,",
      "and those already past (the next apply removes them). Reads the manifests only, needing no",
      "Okta credentials, unless --okta-url or --sandbox is given: then each row also says whether",
      "the person is still a member in Okta, already gone, or deactivated."
    })
final class ExpiringCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Main main;

  @Mixin RepoOptions repo;
  @Mixin OktaOptions okta;

  @Option(
      names = "--within",
      paramLabel = "DURATION",
      description = "How far ahead to look, in days, e.g. 14d (default) or 30d.",
      converter = Durations.class)
  Duration within = Duration.ofDays(14);

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default), json or csv.",
      converter = ReviewFormat.Converter.class)
  ReviewFormat format = ReviewFormat.TEXT;

  @Option(
      names = "--open-mr",
      description =
          "Open, or update, one merge request that removes the expired entries (GitLab CI: CI_API_V4_URL, CI_PROJECT_ID, CI_DEFAULT_BRANCH and OKTA_GROUPS_GITLAB_TOKEN).")
  boolean openMr;

  ExpiringCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() throws Exception {
    if (within.isNegative() || within.toDays() == 0 && !within.isZero()) {
      throw CliException.usage("--within takes whole days, e.g. 14d; got " + within);
    }
    RepoSnapshot snap = repo.read(main);
    Preparation.Prepared p = Stages.prepare(main, snap);
    LocalDate today = LocalDate.now(main.env().clock());
    List<Expiries.Expiring> list = entries(p, today);
    main.out().print(render(list, within.toDays()));
    main.out().flush();
    if (openMr) {
      openMergeRequest(snap, list.stream().filter(Expiries.Expiring::expired).toList());
    }
    return ExitCode.OK;
  }

  /**
   * The entries from the manifests; with --okta-url or --sandbox, each with what Okta holds for the
   * person. Without either it stays offline, so the scheduled job needs no Okta credentials.
   */
  private List<Expiries.Expiring> entries(Preparation.Prepared p, LocalDate today) {
    if (!okta.sandbox && okta.oktaUrl == null) {
      return Pipeline.expiring(p, Optional.empty(), today, within.toDays(), line -> {});
    }
    try (Wiring.Target t = Wiring.connect(main, okta, p, Wiring.Access.READ_IN_FULL)) {
      Pipeline.Online o =
          new Pipeline.Online(
              t.reporting(main, okta.threads),
              t.directory(main),
              Policy.of(p, Stages.overrides(okta)),
              t.orgUrl());
      List<Expiries.Expiring> out =
          Pipeline.expiring(p, Optional.of(o), today, within.toDays(), line -> {});
      main.err().flush();
      return out;
    }
  }

  /** The scheduled job: one merge request removing the expired entries, so Git stays the truth. */
  private void openMergeRequest(RepoSnapshot snap, List<Expiries.Expiring> expired) {
    requireGitLab();
    if (expired.isEmpty()) {
      main.err().println("okta-groups: no expired entries; no merge request needed");
      return;
    }
    GitLabNotes gitlab =
        new GitLabNotes(
            main.env().var("CI_API_V4_URL").orElseThrow(),
            main.env().var("CI_PROJECT_ID").orElseThrow(),
            main.env().var("OKTA_GROUPS_GITLAB_TOKEN").orElseThrow());
    try {
      ExpiryMergeRequest.Result r =
          ExpiryMergeRequest.upsert(
              gitlab,
              main.env().var("CI_DEFAULT_BRANCH").orElseThrow(),
              withoutExpired(snap, expired),
              description(expired));
      main.err()
          .println(
              "okta-groups: "
                  + (r.outcome() == GitLabNotes.Outcome.CREATED ? "opened" : "updated")
                  + " merge request !"
                  + r.iid()
                  + " removing "
                  + expired.size()
                  + " expired entries"
                  + (r.url().isEmpty() ? "" : ": " + r.url()));
    } catch (GitLabNotes.GitLabException e) {
      throw new CliException(ExitCode.FAILURE, "cannot open the merge request: " + e.getMessage());
    }
  }

  /** Fails with a usage error naming the GitLab CI variables --open-mr needs and lacks. */
  private void requireGitLab() {
    List<String> missing = new ArrayList<>();
    for (String v :
        List.of(
            "CI_API_V4_URL", "CI_PROJECT_ID", "CI_DEFAULT_BRANCH", "OKTA_GROUPS_GITLAB_TOKEN")) {
      if (main.env().var(v).isEmpty()) {
        missing.add(v);
      }
    }
    if (!missing.isEmpty()) {
      throw CliException.usage(
          "--open-mr needs "
              + String.join(", ", missing)
              + ". It runs in a scheduled GitLab pipeline; OKTA_GROUPS_GITLAB_TOKEN is a project"
              + " access token with the api scope and the Developer role. See docs/operations.md.");
    }
  }

  /** Each manifest with expired entries, as text without them, by path. */
  private static Map<String, String> withoutExpired(
      RepoSnapshot snap, List<Expiries.Expiring> expired) {
    Map<String, Set<String>> byPath = new TreeMap<>();
    expired.forEach(e -> byPath.computeIfAbsent(e.path(), k -> new TreeSet<>()).add(e.user()));
    Map<String, String> files = new LinkedHashMap<>();
    for (SourceFile f : snap.files()) {
      Set<String> users = byPath.get(f.path());
      if (users != null) {
        String text = new String(f.bytes(), StandardCharsets.UTF_8);
        files.put(f.path(), ExpiryMergeRequest.withoutMembers(text, users));
      }
    }
    return files;
  }

  /** The merge request's description: why, and one line per entry removed. */
  private static String description(List<Expiries.Expiring> expired) {
    StringBuilder d =
        new StringBuilder(
            "These entries' access has ended; the apply has removed or will remove the people. This merge request removes the entries so the manifests say what Okta holds.\n\n");
    for (Expiries.Expiring e : expired) {
      d.append("- `")
          .append(e.group())
          .append("`: ")
          .append(e.user())
          .append(", ended ")
          .append(e.expires())
          .append(e.owners().isEmpty() ? "" : " (owners " + String.join(", ", e.owners()) + ")")
          .append('\n');
    }
    return d.toString();
  }

  private String render(List<Expiries.Expiring> list, long days) throws JsonProcessingException {
    return switch (format) {
      case TEXT -> text(list, days);
      case JSON -> json(list);
      case CSV -> csv(list);
    };
  }

  private static String text(List<Expiries.Expiring> list, long days) {
    StringBuilder sb = new StringBuilder();
    sb.append(list.size())
        .append(list.size() == 1 ? " entry ends" : " entries end")
        .append(" within ")
        .append(days)
        .append(list.size() == 1 ? " days or has ended\n" : " days or have ended\n");
    String group = null;
    for (Expiries.Expiring e :
        list.stream().sorted(java.util.Comparator.comparing(Expiries.Expiring::group)).toList()) {
      if (!e.group().equals(group)) {
        group = e.group();
        sb.append('\n')
            .append(group)
            .append(" (owners: ")
            .append(String.join(", ", e.owners()))
            .append(", ")
            .append(e.path())
            .append(")\n");
      }
      sb.append("  ")
          .append(e.user())
          .append(": ")
          .append(
              e.expired()
                  ? "ended " + e.expires() + "; the next apply removes them"
                  : "ends " + e.expires() + " (in " + e.daysLeft() + " days)")
          .append(e.request().isEmpty() ? "" : ", request " + e.request())
          .append(e.okta().map(o -> "; in Okta: " + o.describe()).orElse(""))
          .append('\n');
    }
    if (list.stream().anyMatch(e -> e.okta().isEmpty())) {
      sb.append(
          "\nIn Okta: unknown (read the manifests only); with --okta-url URL or --sandbox each"
              + " entry says whether the person is still a member, already gone or deactivated.\n");
    }
    return sb.toString();
  }

  /** What Okta holds for the entry's person, or {@code unknown} when Okta was not read. */
  private static String inOkta(Expiries.Expiring e) {
    return e.okta().map(Expiries.InOkta::describe).orElse("unknown");
  }

  private static String json(List<Expiries.Expiring> list) throws JsonProcessingException {
    ArrayNode a = JSON.createArrayNode();
    for (Expiries.Expiring e : list) {
      var o = a.addObject();
      o.put("group", e.group());
      e.owners().forEach(o.putArray("owners")::add);
      o.put("user", e.user());
      o.put("expires", e.expires().toString());
      o.put("daysLeft", e.daysLeft());
      o.put("expired", e.expired());
      o.put("reason", e.reason());
      o.put("request", e.request());
      o.put("path", e.path());
      o.put("okta", inOkta(e));
    }
    return JSON.writeValueAsString(a) + "\n";
  }

  private static String csv(List<Expiries.Expiring> list) {
    StringBuilder sb = new StringBuilder("group,owners,user,expires,daysLeft,request,okta\n");
    for (Expiries.Expiring e : list) {
      sb.append(String.join(",", e.group(), String.join(" ", e.owners()), e.user()))
          .append(',')
          .append(e.expires())
          .append(',')
          .append(e.daysLeft())
          .append(',')
          .append(e.request().replace(",", "%2C"))
          .append(',')
          .append(inOkta(e).replace(",", ";"))
          .append('\n');
    }
    return sb.toString();
  }
}
