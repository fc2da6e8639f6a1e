package dev.oktagroups.bench;

import dev.oktagroups.cli.EmbeddedSandbox;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A no-op plan over a large org: by default 5,000 groups, 2,000 of them with rules, 3,000 app
 * assignments and 500 push mappings. The org is built by applying generated manifests to a sandbox
 * (rate limits off), then {@code ./okta-groups plan --detailed-exitcode} runs against it several
 * times, each a full read ({@code --full-read}; IncrementalPlanBenchmark measures the read cache).
 * Reports the requests each plan made against the pagination floor, the minimum number of list
 * pages that reading the same state takes at Okta's page-size caps; wall time with JVM start; and
 * the plan process's heap from its GC log.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench verify -Dbench.main=PlanBenchmark}
 */
public final class PlanBenchmark {

  /**
   * The sandbox the large-org benchmarks plan against: 2,000 synthetic people and rate limits off,
   * so that they count requests rather than wait for windows.
   */
  static final EmbeddedSandbox.Options LARGE_ORG =
      new EmbeddedSandbox.Options(0, 2000, 42, "00bench-token-0123456789", 60.0, false, null);

  private PlanBenchmark() {}

  /** The page-size caps the sandbox enforces, which are Okta's (reference/okta-api.md §2–§6). */
  static final int GROUPS_PAGE = 200;

  static final int RULES_PAGE = 200;
  static final int MEMBERS_PAGE = 1000;
  static final int ASSIGNMENTS_PAGE = 200;
  static final int MAPPINGS_PAGE = 1000;

  public static void main(String[] args) throws Exception {
    int groups = Integer.parseInt(Bench.arg(args, "--groups", "5000"));
    int rules = Integer.parseInt(Bench.arg(args, "--rules", "2000"));
    int assignments = Integer.parseInt(Bench.arg(args, "--assignments", "3000"));
    int push = Integer.parseInt(Bench.arg(args, "--push", "500"));
    int runs = Integer.parseInt(Bench.arg(args, "--runs", "3"));
    Path repo =
        generate(
            Files.createTempDirectory("okta-groups-plan-bench"), groups, rules, assignments, push);
    ValidationResult v = Bench.validated(repo);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), LARGE_ORG).sandbox()) {
      Path root = Repo.root();
      Map<String, String> env =
          Bench.env(s.token(), repo.resolveSibling(repo.getFileName() + "-cache"));
      String launcher = root.resolve("okta-groups").toString();
      List<String> common = List.of("--repo", repo.toString(), "--okta-url", s.url());

      double setup =
          Bench.timeOnce(root, env, concat(List.of(launcher, "apply", "--auto-approve"), common));
      Org org = s.org();
      Floor floor = floor(org, v.config());
      System.out.printf(
          "no-op plan: %,d groups in Okta (%,d owned), %,d memberships, %,d rules, %,d app assignments,"
              + " %,d push mappings, %,d users; %d runs, %d cores, Java %s%n",
          org.allGroups().size(),
          floor.owned,
          org.allGroups().stream().mapToInt(g -> g.members().size()).sum(),
          org.allRules().size(),
          org.allAssignments().size(),
          org.allMappings().size(),
          org.allUsers().size(),
          runs,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.printf(
          "(setup: the first apply built this org in %.1f s, sandbox rate limits off)%n", setup);

      List<Double> walls = new ArrayList<>();
      long peak = 0;
      long live = 0;
      long requests = 0;
      for (int i = 0; i < runs; i++) {
        Path gcLog = Files.createTempFile("plan-gc", ".log");
        Map<String, String> e = new HashMap<>(env);
        e.put("OKTA_GROUPS_JAVA_OPTS", "-Xlog:gc,gc+heap+exit:file=" + gcLog);
        s.stats().clear();
        // --detailed-exitcode: exit 0 only if the plan is empty, so a non-converged org fails here.
        walls.add(
            Bench.timeOnce(
                root,
                e,
                concat(List.of(launcher, "plan", "--detailed-exitcode", "--full-read"), common)));
        requests = Math.max(requests, s.stats().total());
        long[] heap = heap(Files.readString(gcLog));
        peak = Math.max(peak, heap[0]);
        live = Math.max(live, heap[1]);
      }
      double[] w = walls.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(
          "| pagination floor (list pages at Okta's page-size caps) | %,d (%s) |%n",
          floor.total(), floor);
      System.out.printf("| requests per no-op plan | %,d |%n", requests);
      System.out.printf("| ratio requests / floor | %.3f |%n", (double) requests / floor.total());
      System.out.printf(
          "| wall time of ./okta-groups plan, JVM start included | %.2f s (min %.2f, max %.2f) |%n",
          w[w.length / 2], w[0], w[w.length - 1]);
      System.out.printf(
          "| heap: peak used / largest live set after a GC | %,d MB / %,d MB |%n",
          peak >> 20, live >> 20);
      System.out.printf(
          "| rate-limit floor of the same reads (member lists, 600/min per token) | %.1f Okta minutes |%n",
          floor.members / 600.0);
    }
  }

  /** The minimum pages, endpoint by endpoint, for what the plan must read. */
  record Floor(
      int schema, int groups, int rules, int members, int assignments, int mappings, int owned) {
    int total() {
      return schema + groups + rules + members + assignments + mappings;
    }

    @Override
    public String toString() {
      return String.format(
          "schema %d + groups %d + rules %d + members %,d + assignments %d + push mappings %d",
          schema, groups, rules, members, assignments, mappings);
    }
  }

  static Floor floor(Org org, OrgConfig config) {
    String attribute = config.ownership().attribute();
    String marker = config.ownership().value();
    int groups = pages(org.allGroups().size(), GROUPS_PAGE);
    int rules = pages(org.allRules().size(), RULES_PAGE);
    int members = 0;
    int owned = 0;
    for (Group g : org.allGroups()) {
      if (marker.equals(g.profile().get(attribute))) {
        owned++;
        members +=
            Math.max(
                1, pages(g.members().size(), MEMBERS_PAGE)); // an empty list is still one request
      }
    }
    Map<String, Integer> perApp = new HashMap<>();
    org.allAssignments().forEach(a -> perApp.merge(a.appId(), 1, Integer::sum));
    // The plan reads the assignments of the catalog's apps, and the push mappings of its push apps.
    int assignments =
        config.apps().values().stream()
            .mapToInt(a -> Math.max(1, pages(perApp.getOrDefault(a.id(), 0), ASSIGNMENTS_PAGE)))
            .sum();
    Map<String, Integer> perPush = new HashMap<>();
    org.allMappings().forEach(m -> perPush.merge(m.appId(), 1, Integer::sum));
    int mappings =
        config.apps().values().stream()
            .filter(a -> a.push())
            .mapToInt(a -> Math.max(1, pages(perPush.getOrDefault(a.id(), 0), MAPPINGS_PAGE)))
            .sum();
    return new Floor(1, groups, rules, members, assignments, mappings, owned);
  }

  private static int pages(int n, int size) {
    return (n + size - 1) / size;
  }

  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\(");
  private static final Pattern EXIT_USED =
      Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

  /** Peak used heap (before a GC, or at exit) and the largest heap after a GC, in bytes. */
  static long[] heap(String log) {
    long peak = 0;
    long live = 0;
    Matcher m = GC.matcher(log);
    while (m.find()) {
      peak = Math.max(peak, Long.parseLong(m.group(1)) << 20);
      live = Math.max(live, Long.parseLong(m.group(2)) << 20);
    }
    long atExit = 0;
    Matcher x = EXIT_USED.matcher(log);
    while (x.find()) {
      atExit += Long.parseLong(x.group(1)) << 10;
    }
    return new long[] {Math.max(peak, atExit), live};
  }

  /**
   * A valid repository: {@code rules} managed and hybrid groups (the first {@code push} of them
   * pushed, half to Slack and half to Google), then manual groups; {@code assignments} app
   * assignments spread over the manual groups first.
   */
  static Path generate(Path dir, int groups, int rules, int assignments, int push)
      throws Exception {
    Files.copy(Repo.root().resolve("okta-groups.yaml"), dir.resolve("okta-groups.yaml"));
    Path out = Files.createDirectories(dir.resolve("groups"));
    String[] depts = {
      "Engineering", "Infrastructure", "Quality", "Support", "Corporate Security", "Brand Design"
    };
    String[] apps = {"figma", "zoom", "gitlab", "salesforce", "zendesk"};
    int manual = groups - rules;
    for (int i = 0; i < groups; i++) {
      boolean ruled = i < rules;
      boolean assigned = ruled ? i < assignments - manual : i - rules < assignments;
      String name;
      StringBuilder body = new StringBuilder();
      if (ruled && i < push) {
        name = String.format("push.%s.bench%05d", i % 2 == 0 ? "slack" : "google", i);
        body.append("kind: hybrid\nrule:\n  department: ")
            .append(depts[i % depts.length])
            .append('\n');
        body.append(members(i, 1));
        body.append("push:\n  app: ")
            .append(i % 2 == 0 ? "slack" : "google-workspace")
            .append('\n');
      } else if (ruled) {
        // Attribute-style names are for managed groups only; a hybrid one is named for its app.
        name =
            i % 2 == 0
                ? String.format("dept.bench%05d", i)
                : String.format("app.%s.bench%05d", apps[i % apps.length], i);
        body.append(i % 2 == 0 ? "kind: managed\n" : "kind: hybrid\n");
        body.append("rule:\n  all:\n    - department: ")
            .append(depts[i % depts.length])
            .append("\n    - managementLevel: [Manager, Senior Manager]\n");
        if (i % 2 == 1) {
          body.append(members(i, 1));
        }
      } else {
        name = String.format("app.%s.bench%05d", apps[i % apps.length], i);
        body.append("kind: manual\n").append(members(i, 2));
      }
      if (assigned) {
        body.append("apps:\n  - app: ").append(apps[i % apps.length]).append('\n');
      }
      Files.writeString(
          out.resolve(name + ".yaml"),
          "name: "
              + name
              + "\ndescription: Benchmark group "
              + i
              + "\nowners: [\"@corpsec-identity\"]\n"
              + body);
    }
    return dir;
  }

  /**
   * {@code n} named members from a pool of 800 people, so people recur across groups as in life.
   */
  private static String members(int i, int n) {
    StringBuilder b = new StringBuilder("members:\n");
    for (int k = 0; k < n; k++) {
      b.append("  - user: bench.person")
          .append((i * 7 + k * 131) % 800)
          .append("@example.com\n")
          .append(
              "    reason: Benchmark\n    request: https://gitlab.example.com/access-requests/-/issues/")
          .append(i)
          .append('\n');
    }
    return b.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
