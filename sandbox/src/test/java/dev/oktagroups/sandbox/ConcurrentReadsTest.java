package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.User;
import dev.oktagroups.sandbox.org.Views;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Profile updates racing member and user reads. Every update writes the same version into {@code
 * title} and {@code nickName} and alternates between a short and a long profile, so a read that
 * sees a half-written profile, or iterates one being rewritten, is caught.
 */
class ConcurrentReadsTest {
  private static final int USERS = 8;
  private static final int THREADS = 3;
  private static final long BUDGET_MILLIS = 15_000;

  @Test
  void httpReadsNeverSeeAHalfUpdatedProfile() throws Exception {
    SandboxConfig config =
        SandboxConfig.defaults().withRateLimits(false).withConcurrencyLimit(1000);
    try (Sandbox s = Sandbox.start(config)) {
      Org org = s.org();
      Group g = org.createGroup(Map.of("name", "race"));
      List<String> ids = users(org, g);
      Queue problems = new Queue();
      run(
          problems,
          400,
          i -> {
            String id = ids.get(i % USERS);
            Http.Res w =
                Http.send(s, "PUT", "/api/v1/users/" + id, "{\"profile\":" + profileJson(i) + "}");
            problems.expect(w.status() == 200, "update answered " + w.status() + ": " + w.body());
          },
          i -> {
            Http.Res r =
                i % 2 == 0
                    ? Http.get(s, "/api/v1/groups/" + g.id() + "/users?limit=1000")
                    : Http.get(s, "/api/v1/users/" + ids.get(i % USERS));
            problems.expect(r.status() == 200, "read answered " + r.status() + ": " + r.body());
            if (r.status() == 200) {
              JsonNode body = r.json();
              for (JsonNode u : body.isArray() ? body : List.of(body)) {
                problems.consistent(u.path("profile"));
              }
            }
          });
      problems.assertNone();
    }
  }

  @Test
  void facadeReadsNeverSeeAHalfUpdatedProfile() throws Exception {
    SandboxConfig config = SandboxConfig.defaults().withRateLimits(false);
    try (Sandbox s = Sandbox.start(config)) {
      Org org = s.org();
      Views views = s.views();
      Group g = org.createGroup(Map.of("name", "race"));
      List<String> ids = users(org, g);
      Queue problems = new Queue();
      run(
          problems,
          5_000,
          i -> org.updateUser(ids.get(i % USERS), profile(i), true),
          i -> {
            if (i % 2 == 0) {
              for (Map.Entry<User, ?> e : org.members(g.id(), null, 1000).items()) {
                problems.consistent(views.user(e.getKey()).path("profile"));
              }
            } else {
              problems.consistent(views.user(org.user(ids.get(i % USERS))).path("profile"));
            }
          });
      problems.assertNone();
    }
  }

  private static List<String> users(Org org, Group g) {
    org.addUserAttribute("nickName");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      String login = "race" + i + "@example.com";
      Map<String, Object> p =
          new LinkedHashMap<>(
              Map.of("login", login, "email", login, "firstName", "R", "lastName", "C" + i));
      p.putAll(profile(0));
      User u = org.createUser(p, true);
      org.addMember(g.id(), u.id());
      ids.add(u.id());
    }
    return ids;
  }

  /** Version {@code i}: an odd version also sets a handful of address fields. */
  private static Map<String, Object> profile(int i) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("title", "v" + i);
    if (i % 2 == 1) {
      for (String k :
          List.of("city", "state", "zipCode", "streetAddress", "countryCode", "department")) {
        p.put(k, k + i);
      }
    }
    p.put("nickName", "v" + i);
    return p;
  }

  private static String profileJson(int i) {
    try {
      return Http.JSON.writeValueAsString(profile(i));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Runs writers and readers side by side, each for {@code iterations} or until the budget. */
  private static void run(Queue problems, int iterations, IntConsumer write, IntConsumer read)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);
    CountDownLatch go = new CountDownLatch(1);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MILLIS);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < 2 * THREADS; t++) {
        IntConsumer work = t % 2 == 0 ? write : read;
        int offset = t;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0;
                      i < iterations && System.nanoTime() < deadline && problems.isEmpty();
                      i++) {
                    try {
                      work.accept(i + offset);
                    } catch (RuntimeException e) {
                      problems.add(e.toString());
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(BUDGET_MILLIS * 2, TimeUnit.MILLISECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Problems the threads saw; the first few are reported. */
  private static final class Queue {
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

    void add(String problem) {
      seen.add(problem);
    }

    boolean isEmpty() {
      return seen.isEmpty();
    }

    void expect(boolean ok, String problem) {
      if (!ok) {
        add(problem);
      }
    }

    /** A profile is whole: the base attributes there, and title and nickName of one version. */
    void consistent(JsonNode profile) {
      expect(profile.path("login").isTextual(), "profile without login: " + profile);
      expect(
          profile.path("title").isTextual()
              && profile.path("title").equals(profile.path("nickName")),
          "torn profile: " + profile);
    }

    void assertNone() {
      List<String> first = seen.stream().limit(5).toList();
      assertTrue(first.isEmpty(), seen.size() + " problems, first: " + first);
      assertEquals(0, seen.size());
    }
  }
}
