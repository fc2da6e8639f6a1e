package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.client.ApiClient;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.state.ActualState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Reads the member lists of the groups in scope, several groups at a time. */
final class MemberLists {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<JsonNode>> LIST = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, Object>> PROFILE =
      new TypeReference<>() {};

  private final Lists lists;
  private final Calls calls;
  private final ApiClient client;
  private final int threads;

  /** Okta GA'd membership expand in 2026.06.0; an older org refuses it, and then we stop asking. */
  private volatile boolean expandMembership = true;

  MemberLists(Lists lists, int threads) {
    this.lists = lists;
    this.calls = lists.calls();
    this.client = calls.client();
    this.threads = threads;
  }

  Map<String, Map<String, ActualState.Member>> read(
      List<String> groupIds, Consumer<String> progress) {
    Map<String, Map<String, ActualState.Member>> out = new ConcurrentHashMap<>();
    Map<String, Map<String, Object>> profiles = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    long[] lastNote = {System.currentTimeMillis()};
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, Math.max(1, groupIds.size())),
            r -> {
              Thread t = new Thread(r, "okta-read");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String gid : groupIds) {
        futures.add(
            pool.submit(
                () -> {
                  out.put(gid, membersOf(gid, profiles));
                  int n = done.incrementAndGet();
                  synchronized (lastNote) {
                    if (System.currentTimeMillis() - lastNote[0] > 2000) {
                      lastNote[0] = System.currentTimeMillis();
                      progress.accept(
                          "reading members: "
                              + n
                              + "/"
                              + groupIds.size()
                              + " groups ("
                              + calls.requests()
                              + " requests)");
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OktaFailure(0, "", "interrupted", List.of());
    } finally {
      pool.shutdownNow();
    }
    return new LinkedHashMap<>(out);
  }

  private Map<String, ActualState.Member> membersOf(
      String gid, Map<String, Map<String, Object>> profiles) {
    String path = "/api/v1/groups/" + client.escapeString(gid) + "/users";
    List<JsonNode> users;
    try {
      users =
          lists.pages(
              "GET /api/v1/groups/{id}/users",
              (after, limit) ->
                  lists.invoke(
                      path,
                      "GET",
                      expandMembership
                          ? Lists.query("after", after, "limit", limit, "expand", "membership")
                          : Lists.query("after", after, "limit", limit),
                      null,
                      LIST),
              1000);
    } catch (OktaFailure f) {
      if (!expandMembership || f.status() != 400) {
        throw f;
      }
      expandMembership =
          false; // an org without the 2026.06.0 expand: tell members apart by selector
      users =
          lists.pages(
              "GET /api/v1/groups/{id}/users",
              (after, limit) ->
                  lists.invoke(
                      path, "GET", Lists.query("after", after, "limit", limit), null, LIST),
              1000);
    }
    Map<String, ActualState.Member> out = new LinkedHashMap<>();
    for (JsonNode u : users) {
      // People belong to many groups: share one profile per person rather than one per membership,
      // which on a 5,000-group org was most of the heap (docs/benchmarks.md).
      Map<String, Object> profile =
          profiles.computeIfAbsent(
              u.path("id").asText(), id -> JSON.convertValue(u.path("profile"), PROFILE));
      String type = u.path("_embedded").path("membership").path("type").asText("");
      ActualState.Via via =
          switch (type) {
            case "DIRECT" -> ActualState.Via.DIRECT;
            case "RULE" -> ActualState.Via.RULE;
            default -> ActualState.Via.UNKNOWN;
          };
      out.put(
          u.path("id").asText(),
          new ActualState.Member(
              u.path("id").asText(),
              String.valueOf(profile.get("login")),
              String.valueOf(profile.getOrDefault("email", "")),
              u.path("status").asText(),
              via,
              profile));
    }
    return out;
  }
}
