package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.User;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.state.ActualState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Finds the people the manifests name, by login or email, as cheaply as Okta allows. */
final class NamedPeople {
  private static final TypeReference<JsonNode> NODE = new TypeReference<>() {};

  private final Lists lists;
  private final Calls calls;
  private final ApiClient client;

  NamedPeople(Lists lists) {
    this.lists = lists;
    this.calls = lists.calls();
    this.client = calls.client();
  }

  /**
   * The named people: first from the member lists already read, then by batched search for the
   * rest, then by a consistent GET for any the (eventually consistent) search missed.
   */
  Map<String, ActualState.User> read(
      Set<String> wanted, Map<String, Map<String, ActualState.Member>> members) {
    Map<String, ActualState.User> out = new HashMap<>();
    Set<String> left = new TreeSet<>();
    wanted.forEach(w -> left.add(w.toLowerCase(Locale.ROOT)));
    for (Map<String, ActualState.Member> ms : members.values()) {
      for (ActualState.Member m : ms.values()) {
        ActualState.User u = new ActualState.User(m.userId(), m.login(), m.email(), m.status());
        index(out, left, u);
      }
    }
    search(out, left);
    get(out, left);
    return out;
  }

  /** Batched search, 15 people a request (two terms each, within Okta's filter limits). */
  private void search(Map<String, ActualState.User> out, Set<String> left) {
    UserApi api = new UserApi(client);
    List<String> batch = new ArrayList<>(left);
    for (int i = 0; i < batch.size(); i += 15) {
      List<String> part = batch.subList(i, Math.min(batch.size(), i + 15));
      List<String> terms = new ArrayList<>();
      for (String login : part) {
        String q = "\"" + login.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        terms.add("profile.login eq " + q);
        terms.add("profile.email eq " + q);
      }
      String search = String.join(" or ", terms);
      for (User u :
          lists.pages(
              "GET /api/v1/users",
              (after, limit) -> api.listUsers(null, null, after, limit, null, search, null, null),
              200)) {
        index(
            out,
            left,
            user(
                u.getId(),
                u.getProfile() == null ? null : u.getProfile().getLogin(),
                u.getProfile() == null ? null : u.getProfile().getEmail(),
                String.valueOf(u.getStatus())));
      }
    }
  }

  /** A consistent GET for each person the search missed; a 404 means there is no such person. */
  private void get(Map<String, ActualState.User> out, Set<String> left) {
    for (String login : new ArrayList<>(left)) {
      try {
        JsonNode u =
            calls.run(
                "GET /api/v1/users/{id}",
                Calls.Retry.IDEMPOTENT,
                () ->
                    lists.invoke(
                        "/api/v1/users/" + client.escapeString(login),
                        "GET",
                        Map.of(),
                        null,
                        NODE));
        index(
            out,
            left,
            user(
                u.path("id").asText(),
                u.path("profile").path("login").asText(null),
                u.path("profile").path("email").asText(null),
                u.path("status").asText()));
      } catch (OktaFailure f) {
        if (f.status() != 404) {
          throw f;
        }
      }
    }
  }

  private static ActualState.User user(String id, String login, String email, String status) {
    return new ActualState.User(id, String.valueOf(login), email == null ? "" : email, status);
  }

  private static void index(
      Map<String, ActualState.User> out, Set<String> left, ActualState.User u) {
    for (String k : new String[] {u.login(), u.email()}) {
      if (k != null && !k.isEmpty()) {
        String key = k.toLowerCase(Locale.ROOT);
        out.putIfAbsent(key, u);
        left.remove(key);
      }
    }
  }
}
