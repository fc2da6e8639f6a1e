package dev.oktagroups.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.manifest.ConfigBinder;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.YamlReader;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.org.Group;
import dev.oktagroups.sandbox.org.Membership;
import dev.oktagroups.sandbox.org.Rule;
import dev.oktagroups.sandbox.org.User;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.testing.Cli;
import dev.oktagroups.testing.Repo;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An end-to-end harness: a repository on disk, a stateful sandbox seeded from it (rate limits on,
 * time-scaled), and the real CLI pointed at the sandbox with a token, as CI would run it.
 */
final class E2E implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Path repo;
  final Sandbox sandbox;
  Clock clock = Clock.fixed(Cli.NOW, ZoneOffset.UTC);

  private E2E(Path repo, Sandbox sandbox) {
    this.repo = repo;
    this.sandbox = sandbox;
    this.slackToken = sandbox.slackBotToken();
  }

  /** The project's own groups/ and okta-groups.yaml, against a fresh sandbox. */
  static E2E ownGroups(Path dir) {
    return start(Repo.copyOwnGroups(dir));
  }

  static E2E start(Path repo) {
    ValidationResult v =
        new Validator(LocalDate.of(2026, 11, 29)).validate(DirectorySource.read(repo));
    EmbeddedSandbox.Options o =
        new EmbeddedSandbox.Options(0, 300, 11, "e2e-token-0123456789", 600.0, true, null);
    return new E2E(repo, EmbeddedSandbox.start(v.config(), v.manifests(), o).sandbox());
  }

  Cli cli() {
    return Cli.create()
        .env("OKTA_API_TOKEN", sandbox.token())
        .env("SLACK_TOKEN", slackToken)
        .env("SLACK_API_URL", sandbox.url() + "/slack/{appId}/api/")
        .env("XDG_CACHE_HOME", repo.resolveSibling("xdg-cache").toString())
        .cwd(repo)
        .clock(clock);
  }

  /**
   * The Slack token the CLI gets: the sandbox's bot token, for a plain workspace; a Grid test sets
   * the admin token.
   */
  String slackToken;

  Cli.Result run(String... args) {
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--repo";
    full[args.length + 1] = repo.toString();
    full[args.length + 2] = "--okta-url";
    full[args.length + 3] = sandbox.url();
    return cli().run(full);
  }

  Cli.Result reconcile() {
    Cli.Result r = run("reconcile");
    assertEquals(ExitCode.OK, r.code(), r.toString());
    return r;
  }

  /** The plan as JSON; asserts the exit code. */
  JsonNode planJson(int expectedExit) {
    Cli.Result r = run("plan", "--format", "json");
    assertEquals(expectedExit, r.code(), r.toString());
    try {
      return JSON.readTree(r.out());
    } catch (Exception e) {
      throw new AssertionError(r.toString(), e);
    }
  }

  /** After every apply a second plan must have nothing to do. */
  void assertConverged() {
    JsonNode p = planJson(ExitCode.OK);
    assertEquals(0, p.get("changes").size(), "a second plan has changes: " + p.get("changes"));
    assertEquals(0, p.get("setup").size());
  }

  void write(String path, String content) {
    try {
      Path f = repo.resolve(path);
      Files.createDirectories(f.getParent());
      Files.writeString(f, content);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  void delete(String path) {
    try {
      Files.delete(repo.resolve(path));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  String read(String path) {
    try {
      return Files.readString(repo.resolve(path));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  OrgConfig config() {
    try {
      return ConfigBinder.bind(
          new YamlReader()
              .read("okta-groups.yaml", Files.readAllBytes(repo.resolve("okta-groups.yaml")))
              .doc()
              .orElseThrow());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  List<GroupManifest> manifests() {
    return new Validator(LocalDate.of(2026, 11, 29))
        .validate(DirectorySource.read(repo))
        .manifests();
  }

  // ---------------------------------------------------------------- reading the sandbox

  Optional<Group> group(String name) {
    return sandbox.org().allGroups().stream().filter(g -> g.name().equals(name)).findFirst();
  }

  Group mustGroup(String name) {
    return group(name).orElseThrow(() -> new AssertionError("no group " + name));
  }

  Set<String> memberLogins(String group) {
    Group g = mustGroup(group);
    return g.members().keySet().stream()
        .map(id -> sandbox.org().user(id).login().toLowerCase())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  Map<String, Membership> memberships(String group) {
    return mustGroup(group).members();
  }

  List<Rule> rulesOf(String group) {
    String gid = mustGroup(group).id();
    return sandbox.org().allRules().stream().filter(r -> r.groupIds().contains(gid)).toList();
  }

  /** ACTIVE people whose profile satisfies {@code p}, as lower-case logins. */
  Set<String> activeWhere(Predicate<Map<String, Object>> p) {
    return sandbox.org().allUsers().stream()
        .filter(u -> u.status() == User.Status.ACTIVE && p.test(u.profile()))
        .map(u -> u.login().toLowerCase())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static Predicate<Map<String, Object>> is(String attr, String... values) {
    Set<String> vs = Set.of(values);
    return p -> p.get(attr) instanceof String s && vs.contains(s);
  }

  static Predicate<Map<String, Object>> employee() {
    return is("userType", "Employee");
  }

  String export() {
    return sandbox.views().export().toString();
  }

  void at(String isoDate) {
    clock = Clock.fixed(Instant.parse(isoDate + "T12:00:00Z"), ZoneOffset.UTC);
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
