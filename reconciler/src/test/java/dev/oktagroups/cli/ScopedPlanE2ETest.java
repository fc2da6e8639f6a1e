package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.okta.OktaConnection;
import dev.oktagroups.plan.Change;
import dev.oktagroups.reconcile.Freshness;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Planned;
import dev.oktagroups.reconcile.Policy;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.User;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.GitRepo;
import dev.oktagroups.testing.Repo;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-merge scoped plans against a stateful sandbox: a plan of the touched groups is exactly the
 * full plan's changes for those groups, never one outside them, and its read costs a few requests
 * per touched group whatever the size of the org.
 */
class ScopedPlanE2ETest {
  private static final String FIGMA = "0oa1figma00000000007";

  @TempDir Path tmp;

  @Test
  void aScopedPlanIsTheFullPlansSubsetForTheTouchedGroups() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      // Drift inside the scope and outside it.
      Group zoom = e.mustGroup("app.zoom.webinar_hosts");
      Group phoenix = e.mustGroup("push.google.project_phoenix");
      String login =
          e.activeWhere(E2E.employee()).stream()
              .filter(l -> !e.memberLogins("app.zoom.webinar_hosts").contains(l))
              .filter(l -> !e.memberLogins("push.google.project_phoenix").contains(l))
              .findFirst()
              .orElseThrow();
      User stray = e.sandbox.org().user(login);
      e.sandbox.org().addMember(zoom.id(), stray.id());
      e.sandbox.org().addMember(phoenix.id(), stray.id());
      e.sandbox.org().unassign(FIGMA, e.mustGroup("app.figma.admins").id());
      // Commits: one manifest edited, one deleted.
      String owners = "groups/manual/push.slack.cat_owners.yaml";
      e.write(
          owners,
          e.read(owners).replaceFirst("description: .*", "description: Cat owners, in Slack"));
      e.delete("groups/manual/app.zendesk.customer_support.admins.yaml");
      Set<String> touched =
          Set.of(
              "app.zoom.webinar_hosts",
              "push.slack.cat_owners",
              "app.zendesk.customer_support.admins");

      Preparation.Prepared p = prepared(e);
      try (Wiring.Target t = target(e)) {
        Policy policy = Policy.of(p, Policy.Overrides.NONE);
        Planned full =
            Pipeline.plan(p, t.reader(4), t.directory(), policy, url(e), Cli.NOW, l -> {});
        Planned scoped =
            Pipeline.planTouched(
                p, touched, t.reader(4), t.directory(), policy, url(e), Cli.NOW, l -> {});

        assertFalse(scoped.refused(), scoped.refusals().toString());
        assertTrue(scoped.plan().scope().scoped());
        List<Change> subset =
            full.plan().changes().stream().filter(c -> touched.contains(c.group())).toList();
        assertEquals(describe(subset), describe(scoped.plan().changes()));
        assertEquals(subset, scoped.plan().changes());
        // The full plan also corrects the drift outside; the scoped one leaves it to the next.
        Set<String> outside = new TreeSet<>();
        full.plan().changes().stream()
            .map(Change::group)
            .filter(g -> !touched.contains(g))
            .forEach(outside::add);
        assertEquals(Set.of("app.figma.admins", "push.google.project_phoenix"), outside);

        // The saved scoped plan's stale check reads the same groups, and finds them unchanged.
        Freshness fresh = Pipeline.check(scoped.plan(), Optional.empty(), t.reader(4), l -> {});
        assertTrue(fresh instanceof Freshness.Fresh, fresh.toString());
        e.sandbox.org().removeMember(zoom.id(), stray.id());
        assertTrue(
            Pipeline.check(scoped.plan(), Optional.empty(), t.reader(4), l -> {})
                instanceof Freshness.Stale);
      }
    }
  }

  @Test
  void aScopedReadCostsAFewRequestsPerTouchedGroupWhateverTheOrgsSize() {
    try (E2E e = E2E.ownGroups(tmp.resolve("repo"))) {
      e.reconcile();
      Preparation.Prepared p = prepared(e);
      try (Wiring.Target t = target(e)) {
        Policy policy = Policy.of(p, Policy.Overrides.NONE);
        Optional<Set<String>> one = Optional.of(Set.of("div.sales"));
        Optional<Set<String>> four =
            Optional.of(
                Set.of("div.sales", "app.figma.admins", "push.slack.div.security", "country.no"));
        // The catalog's app check is made once per connection; pay it before measuring.
        plan(p, t, policy, one);
        long fullSmall = requests(e, () -> plan(p, t, policy, Optional.empty()));
        long oneSmall = requests(e, () -> plan(p, t, policy, one));
        e.sandbox.seedBrownfield(5, 1000);
        long fullLarge = requests(e, () -> plan(p, t, policy, Optional.empty()));
        long oneLarge = requests(e, () -> plan(p, t, policy, one));
        long fourLarge = requests(e, () -> plan(p, t, policy, four));
        // schema + rule page + per group: search, members, apps, assignments, push mappings
        assertTrue(oneLarge <= 2 + 6, "one touched group cost " + oneLarge);
        assertTrue(fourLarge <= 2 + 6 * 4, "four touched groups cost " + fourLarge);
        assertTrue(fourLarge > oneLarge, "four " + fourLarge + ", one " + oneLarge);
        // The full read grows with the org; the scoped one does not.
        assertTrue(fullLarge >= fullSmall + 5, "full " + fullSmall + " then " + fullLarge);
        assertEquals(oneSmall, oneLarge);
      }
    }
  }

  @Test
  void planSinceSavesAScopedPlanThatApplyChecksAndRunsOverTheSameGroups() throws Exception {
    Path dir = Repo.copyOwnGroups(tmp.resolve("repo"));
    try (GitRepo git = GitRepo.init(dir);
        E2E e = E2E.start(dir)) {
      String c1 = git.commit("the repository's groups");
      e.reconcile();
      Group figma = e.mustGroup("app.figma.admins");
      e.sandbox.org().unassign(FIGMA, figma.id()); // drift the apply job leaves alone
      String zoom = "groups/manual/app.zoom.webinar_hosts.yaml";
      git.write(zoom, e.read(zoom).replaceFirst("description: .*", "description: Zoom hosts"));
      git.commit("Zoom hosts renamed");
      Path out = tmp.resolve("plan.json");
      Cli.Result plan = e.run("plan", "--since", c1, "--out", out.toString());
      assertEquals(ExitCode.OK, plan.code(), plan.toString());
      assertTrue(plan.err().contains("planning only the 1 group(s) changed since"), plan.err());
      JsonNode saved = E2E.JSON.readTree(out.toFile());
      assertTrue(saved.path("scope").path("scoped").asBoolean(), saved.toString());
      assertEquals("[\"app.zoom.webinar_hosts\"]", saved.path("scope").path("groups").toString());
      assertEquals(1, saved.path("changes").size(), saved.toString());

      Cli.Result apply = e.run("apply", out.toString(), "--auto-approve");
      assertEquals(ExitCode.OK, apply.code(), apply.toString());
      assertEquals(
          "Zoom hosts", e.mustGroup("app.zoom.webinar_hosts").profile().get("description"));
      assertTrue(
          e.sandbox.org().allAssignments().stream().noneMatch(a -> a.groupId().equals(figma.id())));
    }
  }

  private static Planned plan(
      Preparation.Prepared p, Wiring.Target t, Policy policy, Optional<Set<String>> touched) {
    String url = t.orgUrl();
    return touched.isEmpty()
        ? Pipeline.plan(p, t.reader(4), t.directory(), policy, url, Cli.NOW, l -> {})
        : Pipeline.planTouched(
            p, touched.get(), t.reader(4), t.directory(), policy, url, Cli.NOW, l -> {});
  }

  private static long requests(E2E e, Runnable r) {
    long before = e.sandbox.stats().total();
    r.run();
    return e.sandbox.stats().total() - before;
  }

  private static List<String> describe(List<Change> changes) {
    return changes.stream().map(c -> c.group() + ": " + c.describe()).toList();
  }

  private static Preparation.Prepared prepared(E2E e) {
    return (Preparation.Prepared)
        Pipeline.prepare(DirectorySource.read(e.repo), LocalDate.of(2026, 11, 29));
  }

  private static String url(E2E e) {
    return e.sandbox.url();
  }

  private static Wiring.Target target(E2E e) {
    return new Wiring.Target(
        OktaConnection.connect(e.sandbox.url(), new OktaConnection.ApiToken(e.sandbox.token())),
        Optional.empty(),
        "the sandbox's token");
  }
}
