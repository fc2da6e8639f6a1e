package dev.oktagroups.bench;

import dev.oktagroups.cli.EmbeddedSandbox;
import dev.oktagroups.compile.ExpressionCompiler;
import dev.oktagroups.manifest.Selector;
import dev.oktagroups.okta.OktaConnection;
import dev.oktagroups.okta.OktaStateReader;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.state.Person;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cost of the impact of one changed rule in an org of N people (default 50,000): the SCIM
 * search compiled from its selector, then the compiler's matcher, against listing every user and
 * matching locally. Both run in the same JVM against the same sandbox, through the real Okta
 * adapter, alternating, so the machine's noise hits both alike.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench verify -Dbench.main=ImpactBenchmark}
 */
public final class ImpactBenchmark {
  private ImpactBenchmark() {}

  /** One way of finding the rule's people: requests made, seconds, people read, people matched. */
  record Run(long requests, double seconds, int read, int matched) {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int n = Integer.parseInt(Bench.arg(args, "--users", "50000"));
    int runs = Integer.parseInt(Bench.arg(args, "--runs", "3"));
    ValidationResult v =
        Bench.validated(
            Repo.copyOwnGroups(java.nio.file.Files.createTempDirectory("impact-bench")));
    // Rate limits off: the figures count requests; Okta's /api/v1/users bucket (600 a minute on
    // Workforce) turns them into minutes, which the table shows alongside.
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, n, 42, "bench-token-0123456789", 1.0, false, null);
    try (Sandbox s = EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox()) {
      OktaConnection c = OktaConnection.connect(s.url(), new OktaConnection.ApiToken(s.token()));
      OktaStateReader reader = c.reader(1);
      // The changed rule: one department, as dept.engineering's selector is.
      Selector sel =
          new Selector.Match("department", Selector.Op.EQUALS, List.of("Engineering"), "");
      ExpressionCompiler.Compiled compiled = new ExpressionCompiler(v.config()).compile(sel);
      DesiredState.ProfileMatcher m = compiled.matcher();
      String filter = m.search().orElseThrow();
      List<Run> search = new ArrayList<>();
      List<Run> full = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        search.add(measure(c, () -> reader.search(filter, line -> {}), m));
        full.add(measure(c, () -> reader.search(null, line -> {}), m));
      }
      Run a = median(search);
      Run b = median(full);
      if (a.matched() != b.matched()) {
        throw new IllegalStateException(
            "the search found " + a.matched() + " people, the full list " + b.matched());
      }
      System.out.printf(
          "impact of one changed rule (%s), %,d people, %d runs each, median, %d cores, Java %s%n",
          compiled.expression(),
          s.org().userCount(),
          runs,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.println(
          "| | requests | rate-limit time at 600 a minute | wall time (no rate limit) | people read | rule members |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      row("SCIM search from the selector, then the matcher", a);
      row("full user list, then the matcher", b);
    }
  }

  private interface Read {
    List<Person> get();
  }

  private static Run measure(OktaConnection c, Read read, DesiredState.ProfileMatcher m) {
    long r0 = c.requests();
    long t0 = System.nanoTime();
    List<Person> people = read.get();
    int matched = 0;
    for (Person p : people) {
      if (p.rulesApply() && m.matches(p.profile())) {
        matched++;
      }
    }
    return new Run(c.requests() - r0, (System.nanoTime() - t0) / 1e9, people.size(), matched);
  }

  private static Run median(List<Run> runs) {
    Run[] a = runs.toArray(Run[]::new);
    Arrays.sort(a, (x, y) -> Double.compare(x.seconds(), y.seconds()));
    return a[a.length / 2];
  }

  private static void row(String what, Run r) {
    System.out.printf(
        "| %s | %,d | %.0f s | %.2f s | %,d | %,d |%n",
        what, r.requests(), r.requests() / 10.0, r.seconds(), r.read(), r.matched());
  }
}
