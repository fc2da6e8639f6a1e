package dev.oktagroups.bench;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.User;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.SandboxConfig;
import dev.oktagroups.sandbox.org.App;
import dev.oktagroups.sandbox.org.Seeder;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Seeding N synthetic people (default 100,000) into a sandbox, in a JVM capped at 1 GB of heap,
 * then listing them all through the paginated API with the real SDK.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench verify -Dbench.main=SandboxBenchmark}
 */
public final class SandboxBenchmark {
  private SandboxBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(Integer.parseInt(args[1]));
      return;
    }
    int n = Integer.parseInt(Bench.arg(args, "--users", "100000"));
    // A child JVM so the 1 GB cap applies to the sandbox alone, as the goal states.
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "java",
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                SandboxBenchmark.class.getName(),
                "--child",
                Integer.toString(n)));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("the benchmark JVM failed (exit " + p.exitValue() + ")");
    }
  }

  private static void child(int n) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    try (Sandbox s = Sandbox.start(SandboxConfig.defaults().withRateLimits(false))) {
      List<Seeder.Attribute> attrs =
          List.of(
              new Seeder.Attribute("division", List.of()),
                  new Seeder.Attribute("department", List.of()),
              new Seeder.Attribute("managementLevel", List.of()),
                  new Seeder.Attribute("company", List.of()),
              new Seeder.Attribute("countryCode", List.of()),
                  new Seeder.Attribute("userType", List.of()));
      List<Seeder.AppSpec> apps =
          List.of(new Seeder.AppSpec(null, "slack", "Slack", true, App.PushType.SLACK, null));
      long t0 = System.nanoTime();
      Seeder.seed(s.org(), new Seeder.Spec(n, 42, attrs, apps, 6));
      double seedSeconds = (System.nanoTime() - t0) / 1e9;
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long peak =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(m -> m.getType() == java.lang.management.MemoryType.HEAP)
              .mapToLong(m -> m.getPeakUsage().getUsed())
              .sum();

      System.setProperty("okta.testing.disableHttpsCheck", "true");
      ApiClient client =
          Clients.builder()
              .setOrgUrl(s.url())
              .setClientCredentials(new TokenClientCredentials(s.token()))
              .setCacheManager(Caches.newDisabledCacheManager())
              .setRetryMaxAttempts(0)
              .build();
      UserApi users = new UserApi(client);
      long t1 = System.nanoTime();
      int listed = 0;
      int pages = 0;
      String after = null;
      do {
        List<User> page = users.listUsers(null, null, after, 200, null, null, null, null);
        listed += page.size();
        pages++;
        after = page instanceof PagedList<?> pl && pl.hasMoreItems() ? pl.getAfter() : null;
      } while (after != null);
      double listSeconds = (System.nanoTime() - t1) / 1e9;

      System.out.printf(
          "sandbox, %,d users, -Xmx1g, %d cores, Java %s%n",
          n, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      System.out.printf("| seed %,d users | %.2f s |%n", n, seedSeconds);
      System.out.printf(
          "| heap in use after seeding (after GC) | %,d MB |%n", heap / (1024 * 1024));
      System.out.printf("| peak heap during seeding | %,d MB |%n", peak / (1024 * 1024));
      System.out.printf(
          "| list all (%,d listed, DEPROVISIONED hidden) in %,d pages of 200, SDK | %.2f s (%.1f ms per page) |%n",
          listed, pages, listSeconds, listSeconds * 1000 / pages);
    }
  }
}
