package dev.oktagroups.mr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Merge-request notes through GitLab's REST API (v4), authenticated with a project or personal
 * access token in the {@code PRIVATE-TOKEN} header. CI_JOB_TOKEN cannot post notes.
 *
 * <p>One note per merge request and marker: {@link #upsert} finds the note whose body carries the
 * marker and edits it, so reviewers see one plan that follows the branch rather than a new comment
 * for every push.
 */
public final class GitLabNotes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ATTEMPTS = 4;

  private final String api;
  private final String project;
  private final String token;
  private final HttpClient http;

  /**
   * @param api the API root, CI_API_V4_URL (e.g. https://gitlab.example.com/api/v4)
   * @param project the project's id or full path, CI_PROJECT_ID
   */
  public GitLabNotes(String api, String project, String token) {
    this.api = api.replaceAll("/+$", "");
    this.project = URLEncoder.encode(project, StandardCharsets.UTF_8);
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** A note as GitLab has it. */
  public record Note(long id, String body) {}

  /** What {@link #upsert} did. */
  public enum Outcome {
    CREATED,
    UPDATED
  }

  /** A call GitLab refused or could not serve; the message says what to check. */
  public static final class GitLabException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    GitLabException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** Posts {@code body} as the merge request's note for {@code marker}, or edits that note. */
  public Outcome upsert(long mr, String marker, String body) {
    Optional<Note> existing = find(mr, marker);
    if (existing.isPresent()) {
      send("PUT", notes(mr) + "/" + existing.get().id(), body(body));
      return Outcome.UPDATED;
    }
    send("POST", notes(mr), body(body));
    return Outcome.CREATED;
  }

  /** The first note (oldest first) whose body contains {@code marker}, following pagination. */
  public Optional<Note> find(long mr, String marker) {
    String page = "1";
    while (page != null && !page.isEmpty()) {
      HttpResponse<String> r =
          send("GET", notes(mr) + "?per_page=100&sort=asc&order_by=created_at&page=" + page, null);
      try {
        for (JsonNode n : JSON.readTree(r.body())) {
          // Only our own note: anyone can paste the marker into a comment of theirs.
          boolean ours =
              self().map(id -> id == n.path("author").path("id").asLong(-1)).orElse(true);
          if (ours
              && !n.path("system").asBoolean(false)
              && n.path("body").asText("").contains(marker)) {
            return Optional.of(new Note(n.path("id").asLong(), n.path("body").asText()));
          }
        }
      } catch (IOException e) {
        throw new GitLabException(
            r.statusCode(), "GitLab's list of notes is not JSON: " + e.getMessage());
      }
      page = r.headers().firstValue("X-Next-Page").orElse(null);
    }
    return Optional.empty();
  }

  private Optional<Long> self;

  /** The token's user (a project access token's bot), if GitLab says. */
  private Optional<Long> self() {
    if (self == null) {
      try {
        self =
            Optional.of(JSON.readTree(send("GET", api + "/user", null).body()).path("id").asLong())
                .filter(id -> id > 0);
      } catch (IOException | GitLabException e) {
        self = Optional.empty(); // some tokens may not read /user; the marker alone then decides
      }
    }
    return self;
  }

  /**
   * One call to the project's API, {@code path} relative to {@code /projects/:id}, with this
   * client's retries and error messages; for the other GitLab clients of this package.
   */
  JsonNode project(String method, String path, String json) {
    try {
      String body = send(method, api + "/projects/" + project + path, json).body();
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new GitLabException(0, "GitLab's answer is not JSON: " + e.getMessage());
    }
  }

  private String notes(long mr) {
    return api + "/projects/" + project + "/merge_requests/" + mr + "/notes";
  }

  private static String body(String text) {
    return JSON.createObjectNode().put("body", text).toString();
  }

  private HttpResponse<String> send(String method, String url, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("PRIVATE-TOKEN", token)
            .header("Accept", "application/json");
    if (json != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    String what = method + " " + url.replace(api, "").replaceAll("\\?.*", "");
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (attempt < MAX_ATTEMPTS) {
          pause(attempt, Optional.empty());
          continue;
        }
        throw new GitLabException(
            0, "cannot reach GitLab at " + api + " (" + what + "): " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GitLabException(0, "interrupted");
      }
      int s = r.statusCode();
      if (s >= 200 && s < 300) {
        return r;
      }
      if ((s == 429 || s >= 500) && attempt < MAX_ATTEMPTS) {
        pause(attempt, r.headers().firstValue("Retry-After"));
        continue;
      }
      throw new GitLabException(s, explain(s, what, r.body()));
    }
  }

  private static String explain(int status, String what, String body) {
    String hint =
        switch (status) {
          case 401 ->
              "GitLab refused the token: set OKTA_GROUPS_GITLAB_TOKEN to a project access token with the api scope"
                  + " (CI_JOB_TOKEN cannot post notes)";
          case 403 ->
              "the token may not write notes here: give the project access token the api scope and at least the Reporter role";
          case 404 ->
              "no such project or merge request: check CI_PROJECT_ID and CI_MERGE_REQUEST_IID (the token must also be able to see the project)";
          case 413 -> "the note is too large for GitLab";
          default -> "GitLab answered " + status;
        };
    String detail = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    if (detail.length() > 200) {
      detail = detail.substring(0, 200) + "...";
    }
    return hint
        + " ("
        + what
        + " answered "
        + status
        + (detail.isEmpty() ? "" : ": " + detail)
        + ")";
  }

  private static void pause(int attempt, Optional<String> retryAfter) {
    long ms =
        retryAfter
            .flatMap(
                v -> {
                  try {
                    return Optional.of(Long.parseLong(v.trim()) * 1000);
                  } catch (NumberFormatException e) {
                    return Optional.empty();
                  }
                })
            .orElse(500L << attempt);
    try {
      Thread.sleep(Math.min(ms, 30_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitLabException(0, "interrupted");
    }
  }
}
