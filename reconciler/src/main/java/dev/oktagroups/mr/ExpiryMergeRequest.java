package dev.oktagroups.mr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduled job's one merge request that removes expired entries from the manifests, so Git
 * stays the truth after the apply has removed the people. It commits to one branch, recreated from
 * the target each run, and opens the merge request or updates the open one.
 */
public final class ExpiryMergeRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The branch the job owns. */
  public static final String BRANCH = "okta-groups/expired-access";

  private ExpiryMergeRequest() {}

  /** What the job did, and the merge request's web address. */
  public record Result(GitLabNotes.Outcome outcome, long iid, String url) {}

  /**
   * Commits {@code files} (path to new content) to {@link #BRANCH}, started afresh from {@code
   * target}, and opens or updates the merge request.
   */
  public static Result upsert(
      GitLabNotes gitlab, String target, Map<String, String> files, String description) {
    ObjectNode commit = JSON.createObjectNode();
    commit.put("branch", BRANCH);
    commit.put("start_branch", target);
    commit.put("force", true); // the branch is the job's own: each run rebuilds it from the target
    commit.put("commit_message", "Remove expired access entries\n\n" + description);
    ArrayNode actions = commit.putArray("actions");
    files.forEach(
        (path, content) ->
            actions
                .addObject()
                .put("action", "update")
                .put("file_path", path)
                .put("content", content));
    gitlab.project("POST", "/repository/commits", commit.toString());
    JsonNode open =
        gitlab.project(
            "GET",
            "/merge_requests?state=opened&source_branch="
                + URLEncoder.encode(BRANCH, StandardCharsets.UTF_8),
            null);
    ObjectNode mr = JSON.createObjectNode();
    mr.put("title", "Remove expired access entries");
    mr.put("description", description);
    if (open.isArray() && !open.isEmpty()) {
      long iid = open.get(0).path("iid").asLong();
      JsonNode r = gitlab.project("PUT", "/merge_requests/" + iid, mr.toString());
      return new Result(GitLabNotes.Outcome.UPDATED, iid, r.path("web_url").asText());
    }
    mr.put("source_branch", BRANCH);
    mr.put("target_branch", target);
    mr.put("remove_source_branch", true);
    JsonNode r = gitlab.project("POST", "/merge_requests", mr.toString());
    return new Result(
        GitLabNotes.Outcome.CREATED, r.path("iid").asLong(), r.path("web_url").asText());
  }

  /**
   * A manifest's text without the member entries of {@code users}: each {@code - user: X} item and
   * the lines indented under it. Comments and everything else stay as written. An emptied list
   * becomes {@code members: []}.
   */
  public static String withoutMembers(String yaml, Set<String> users) {
    List<String> out = new ArrayList<>();
    String[] lines = yaml.split("\n", -1);
    int skipDeeperThan = -1;
    for (String line : lines) {
      int indent = line.length() - line.stripLeading().length();
      String t = line.strip();
      if (skipDeeperThan >= 0) {
        if (t.isEmpty() || (indent > skipDeeperThan && !t.startsWith("- "))) {
          continue;
        }
        skipDeeperThan = -1;
      }
      if (t.startsWith("- user:") && users.contains(unquote(t.substring(7).strip()))) {
        skipDeeperThan = indent;
        continue;
      }
      out.add(line);
    }
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).strip().equals("members:") && !listFollows(out, i)) {
        out.set(i, out.get(i).replace("members:", "members: []"));
      }
    }
    return String.join("\n", out);
  }

  private static boolean listFollows(List<String> lines, int at) {
    for (int j = at + 1; j < lines.size(); j++) {
      String t = lines.get(j).strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      return t.startsWith("- ");
    }
    return false;
  }

  private static String unquote(String v) {
    int hash = v.indexOf(" #");
    String s = hash >= 0 ? v.substring(0, hash).strip() : v;
    if (s.length() >= 2
        && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
