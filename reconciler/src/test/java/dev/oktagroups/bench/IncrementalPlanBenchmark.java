package dev.oktagroups.bench;

import dev.oktagroups.cli.EmbeddedSandbox;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.org.Assignment;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.PushMapping;
import dev.oktagroups.sandbox.org.User;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a plan costs with a warm read cache, against a full read of the same org in the same run:
 * the org of {@link PlanBenchmark} (5,000 groups, 2,000 rules, 3,000 assignments, 500 push mappings
 * by default), a full-read no-op plan, a warm no-op plan, and plans after k hand-made changes (k =
 * 1, 10, 100: members removed by an admin, people whose title HR changes, apps unassigned, push
 * mappings deactivated, in turn), and after one department change, which moves a person in or out
 * of every group whose rule reads the department. Requests are counted by the sandbox.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench verify -Dbench.main=IncrementalPlanBenchmark}
 */
public final class IncrementalPlanBenchmark {
  private IncrementalPlanBenchmark() {}

  public static void main(String[] args) throws Exception {
    int groups = Integer.parseInt(Bench.arg(args, "--groups", "5000"));
    int rules = Integer.parseInt(Bench.arg(args, "--rules", "2000"));
    int assignments = Integer.parseInt(Bench.arg(args, "--assignments", "3000"));
    int push = Integer.parseInt(Bench.arg(args, "--push", "500"));
    Path tmp = Files.createTempDirectory("okta-groups-incremental-bench");
    Path repo =
        PlanBenchmark.generate(
            Files.createDirectories(tmp.resolve("repo")), groups, rules, assignments, push);
    ValidationResult v = Bench.validated(repo);
    try (Sandbox s =
        EmbeddedSandbox.start(v.config(), v.manifests(), PlanBenchmark.LARGE_ORG).sandbox()) {
      Path root = Repo.root();
      Map<String, String> env = Bench.env(s.token(), tmp.resolve("cache"));
      List<String> cmd =
          List.of(
              root.resolve("okta-groups").toString(),
              "plan",
              "--repo",
              repo.toString(),
              "--okta-url",
              s.url());
      Bench.timeOnce(
          root,
          env,
          List.of(
              cmd.get(0),
              "apply",
              "--auto-approve",
              "--repo",
              repo.toString(),
              "--okta-url",
              s.url()));
      Org org = s.org();
      PlanBenchmark.Floor floor = PlanBenchmark.floor(org, v.config());
      int warmFloor = floor.schema() + floor.groups() + floor.rules() + floor.mappings() + 1;
      System.out.printf(
          "incremental plan: %,d groups, %,d rules, %,d app assignments, %,d push mappings, %,d users%n",
          org.allGroups().size(),
          org.allRules().size(),
          org.allAssignments().size(),
          org.allMappings().size(),
          org.allUsers().size());
      System.out.printf(
          "warm floor: schema %d + groups %d + rules %d + push mappings %d + log 1 = %d%n",
          floor.schema(), floor.groups(), floor.rules(), floor.mappings(), warmFloor);
      long full = requests(s, root, env, with(cmd, "--full-read"));
      long warm = requests(s, root, env, cmd);
      System.out.println("| Plan | Requests | Against the warm floor | Against the full read |");
      System.out.println("|---|---|---|---|");
      row("full read (--full-read), no-op", full, warmFloor, full);
      row("warm cache, no-op", warm, warmFloor, full);
      Changes changes =
          new Changes(org, v.config().ownership().attribute(), v.config().ownership().value());
      for (int k : new int[] {1, 10, 100}) {
        changes.make(k);
        long r = requests(s, root, env, cmd);
        row(
            "warm cache, after " + k + " changes (floor + k = " + (warmFloor + k) + ")",
            r,
            warmFloor,
            full);
      }
      // A department change moves a person in or out of every group whose rule reads it.
      int moved = changes.moveDepartment();
      long moveCost = requests(s, root, env, cmd);
      row(
          "warm cache, after one department change (" + moved + " memberships moved)",
          moveCost,
          warmFloor,
          full);
    }
  }

  private static void row(String what, long requests, int floor, long full) {
    System.out.printf(
        "| %s | %,d | %.2f× | %.3f× (%.0f× fewer) |%n",
        what,
        requests,
        (double) requests / floor,
        (double) requests / full,
        (double) full / requests);
  }

  private static List<String> with(List<String> cmd, String arg) {
    List<String> out = new ArrayList<>(cmd);
    out.add(arg);
    return out;
  }

  /** The requests one plan made; a plan with changes exits 0 too (no --detailed-exitcode). */
  private static long requests(Sandbox s, Path cwd, Map<String, String> env, List<String> cmd)
      throws Exception {
    s.stats().clear();
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
    }
    String text = new String(out, StandardCharsets.UTF_8);
    text.lines().filter(l -> l.contains(" read:")).forEach(l -> System.out.println("  " + l));
    return s.stats().total();
  }

  /** Hand-made changes of four kinds, in turn, each on objects not touched before. */
  private static final class Changes {
    private final Org org;
    private final List<String[]> directMembers = new ArrayList<>();
    private final List<User> people;
    private final List<Assignment> assignments;
    private final List<PushMapping> mappings;
    private int next;

    Changes(Org org, String markerAttribute, String marker) {
      this.org = org;
      for (Group g : org.allGroups()) {
        if (!marker.equals(g.profile().get(markerAttribute))) {
          continue; // only the groups a plan reads
        }
        g.members()
            .forEach(
                (uid, m) -> {
                  if (m.direct()
                      && m.rules().isEmpty()
                      && g.type() == Group.Type.OKTA_GROUP
                      && directMembers.size() < 1000) {
                    directMembers.add(new String[] {g.id(), uid});
                  }
                });
      }
      this.people = org.allUsers().stream().filter(u -> u.status() == User.Status.ACTIVE).toList();
      this.assignments =
          org.allAssignments().stream()
              .filter(a -> org.group(a.groupId()).type() == Group.Type.OKTA_GROUP)
              .toList();
      this.mappings = org.allMappings();
    }

    /** Moves one person to another department; returns how many memberships moved. */
    int moveDepartment() {
      User u = people.get(people.size() - 1);
      java.util.Set<String> was = groupsOf(u.id());
      Object dept = u.profile().get("department");
      org.updateUser(
          u.id(),
          Map.of("department", "Engineering".equals(dept) ? "Quality" : "Engineering"),
          false);
      java.util.Set<String> now = groupsOf(u.id());
      java.util.Set<String> moved = new java.util.HashSet<>(was);
      moved.addAll(now);
      java.util.Set<String> kept = new java.util.HashSet<>(was);
      kept.retainAll(now);
      moved.removeAll(kept);
      return moved.size();
    }

    private java.util.Set<String> groupsOf(String userId) {
      java.util.Set<String> out = new java.util.HashSet<>();
      for (Group g : org.allGroups()) {
        if (g.members().containsKey(userId)) {
          out.add(g.id());
        }
      }
      return out;
    }

    void make(int k) {
      for (int i = 0; i < k; i++, next++) {
        int n = next / 4;
        switch (next % 4) {
          case 0 -> org.removeMember(directMembers.get(n)[0], directMembers.get(n)[1]);
          case 1 -> org.updateUser(people.get(n).id(), Map.of("title", "Title " + next), false);
          case 2 -> org.unassign(assignments.get(n).appId(), assignments.get(n).groupId());
          default ->
              org.setMappingStatus(mappings.get(n).appId(), mappings.get(n).id(), "INACTIVE");
        }
      }
    }
  }
}
