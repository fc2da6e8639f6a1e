package dev.oktagroups.cli;

import dev.oktagroups.mr.GitLabNotes;
import dev.oktagroups.mr.PlanNote;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The merge request a CI job plans for, from GitLab's predefined variables, and its note. */
final class MergeRequest {
  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Env env;
  private final GitLabNotes notes;
  private final long iid;

  private MergeRequest(Env env, GitLabNotes notes, long iid) {
    this.env = env;
    this.notes = notes;
    this.iid = iid;
  }

  /**
   * Reads CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID and OKTA_GROUPS_GITLAB_TOKEN.
   *
   * @throws CliException naming every variable that is missing
   */
  static MergeRequest fromEnv(Env env) {
    List<String> missing = new ArrayList<>();
    for (String v :
        List.of(
            "CI_API_V4_URL", "CI_PROJECT_ID", "CI_MERGE_REQUEST_IID", "OKTA_GROUPS_GITLAB_TOKEN")) {
      if (env.var(v).isEmpty()) {
        missing.add(v);
      }
    }
    if (!missing.isEmpty()) {
      throw CliException.usage(
          "--post-mr-note needs "
              + String.join(", ", missing)
              + ". It runs in a GitLab merge-request pipeline; OKTA_GROUPS_GITLAB_TOKEN is a project access token with the api scope"
              + " in a masked CI/CD variable (CI_JOB_TOKEN cannot post notes). See docs/operations.md.");
    }
    long iid;
    try {
      iid = Long.parseLong(env.var("CI_MERGE_REQUEST_IID").orElseThrow());
    } catch (NumberFormatException e) {
      throw CliException.usage(
          "CI_MERGE_REQUEST_IID is not a number: " + env.var("CI_MERGE_REQUEST_IID").orElse(""));
    }
    GitLabNotes notes =
        new GitLabNotes(
            env.var("CI_API_V4_URL").orElseThrow(),
            env.var("CI_PROJECT_ID").orElseThrow(),
            env.var("OKTA_GROUPS_GITLAB_TOKEN").orElseThrow());
    return new MergeRequest(env, notes, iid);
  }

  /**
   * This job's marker: one note per job name, so two orgs planned in one pipeline keep two notes.
   */
  String marker() {
    return PlanNote.marker(env.var("CI_JOB_NAME").orElse("plan"));
  }

  PlanNote.Context context(Optional<String> commit) {
    return new PlanNote.Context(
        commit.or(() -> env.var("CI_COMMIT_SHA")),
        env.var("CI_PIPELINE_URL"),
        env.var("CI_JOB_URL"),
        AT.format(env.clock().instant()));
  }

  /** Creates or updates the note, and says which on standard error. */
  void post(Main main, String body) {
    try {
      GitLabNotes.Outcome o = notes.upsert(iid, marker(), body);
      main.err()
          .println(
              "okta-groups: "
                  + (o == GitLabNotes.Outcome.CREATED ? "posted" : "updated")
                  + " the plan note on merge request !"
                  + iid);
      main.err().flush();
    } catch (GitLabNotes.GitLabException e) {
      throw new CliException(
          ExitCode.FAILURE,
          "cannot post the plan note on merge request !" + iid + ": " + e.getMessage());
    }
  }
}
