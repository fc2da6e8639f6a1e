package dev.oktagroups.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.oktagroups.compile.Compiler;
import dev.oktagroups.impact.Impacts;
import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.state.Person;
import dev.oktagroups.state.SlackState;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden plans: each directory under src/test/resources/golden holds a repository (okta-groups.yaml
 * and groups/), the Okta state in actual.yaml, and the expected plan as plan.txt and plan.json. Run
 * with -Dgolden.update=true to rewrite the expected files, then review the diff.
 */
class PlannerGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  static final String ORG = "https://example.okta.com";

  @TestFactory
  Stream<DynamicTest> goldenPlans() throws Exception {
    Path root = Path.of(getClass().getResource("/golden").toURI());
    List<Path> cases;
    try (Stream<Path> s = Files.list(root)) {
      cases = s.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(cases.size() >= 7, "golden cases: " + cases);
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  static Plan planFor(Path dir) throws Exception {
    ValidationResult v =
        new Validator(LocalDate.of(2026, 11, 29)).validate(DirectorySource.read(dir));
    assertTrue(!v.hasErrors(), "the case's manifests must be valid: " + v.diagnostics());
    DesiredState d = Compiler.compile(v.config(), v.manifests(), LocalDate.of(2026, 11, 29));
    ActualState a = actual(YAML.readTree(dir.resolve("actual.yaml").toFile()), d.marker());
    Set<String> adopt =
        Files.exists(dir.resolve("adopt.txt"))
            ? Set.copyOf(Files.readAllLines(dir.resolve("adopt.txt")))
            : Set.of();
    Plan plan =
        Planner.plan(
            d,
            a,
            new Planner.Policy(adopt),
            new Plan.Source("golden/" + dir.getFileName(), Optional.of("0123456789abcdef0123")),
            ORG,
            NOW);
    // The fixture's directory is everyone it mentions; each search returns all of them, so the
    // selector's matcher alone decides who a rule adds.
    List<Person> everyone = directory(a);
    Map<String, List<Person>> found = new LinkedHashMap<>();
    Impacts.searches(plan, d).keySet().forEach(g -> found.put(g, everyone));
    return plan.withImpact(Impacts.compute(plan, d, a, found, LocalDate.of(2026, 11, 29)));
  }

  /** Every member of the fixture, once, with their profile, and the named users without one. */
  static List<Person> directory(ActualState a) {
    Map<String, Person> out = new LinkedHashMap<>();
    a.members()
        .values()
        .forEach(
            ms ->
                ms.values()
                    .forEach(
                        m ->
                            out.putIfAbsent(
                                m.userId(),
                                new Person(
                                    m.userId(), m.login(), m.email(), m.status(), m.profile()))));
    a.users()
        .values()
        .forEach(
            u ->
                out.putIfAbsent(
                    u.id(),
                    new Person(
                        u.id(), u.login(), u.email(), u.status(), Map.of("login", u.login()))));
    return List.copyOf(out.values());
  }

  private static void check(Path dir) throws Exception {
    Plan p = planFor(dir);
    String text = PlanText.render(p);
    String json = PlanCodec.write(p);
    Path src = Path.of("src/test/resources/golden").resolve(dir.getFileName().toString());
    // A case with plan.md checks the Markdown rendering too.
    boolean markdown = Files.exists(dir.resolve("plan.md"));
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(src.resolve("plan.txt"), text, StandardCharsets.UTF_8);
      Files.writeString(src.resolve("plan.json"), json, StandardCharsets.UTF_8);
      if (markdown) {
        Files.writeString(src.resolve("plan.md"), PlanMarkdown.render(p), StandardCharsets.UTF_8);
      }
      return;
    }
    if (markdown) {
      assertEquals(
          Files.readString(dir.resolve("plan.md")),
          PlanMarkdown.render(p),
          dir.getFileName() + "/plan.md");
    }
    assertEquals(Files.readString(dir.resolve("plan.txt")), text, dir.getFileName() + "/plan.txt");
    assertEquals(
        JSON.readTree(Files.readString(dir.resolve("plan.json"))),
        JSON.readTree(json),
        dir.getFileName() + "/plan.json");
    // the JSON round-trips through the codec
    assertEquals(JSON.readTree(json), JSON.readTree(PlanCodec.write(PlanCodec.read(json))));
  }

  /**
   * The compact fixture format: groups (owned: true adds the marker), rules, members per group
   * name, assignments, mappings and users, all by readable names; ids are derived from names.
   */
  static ActualState actual(JsonNode y, DesiredState.Marker marker) {
    Map<String, ActualState.Group> groups = new LinkedHashMap<>();
    Map<String, String> idOf = new LinkedHashMap<>();
    for (JsonNode g : y.path("groups")) {
      String name = g.path("name").asText();
      String type = g.path("type").asText("OKTA_GROUP");
      String id = g.path("id").asText(id("00g", name + type));
      // Names repeat across types (a Slack push target is an APP_GROUP with the same name):
      // fixtures refer to the OKTA_GROUP by name, and to others by id.
      if (type.equals("OKTA_GROUP") || !idOf.containsKey(name)) {
        idOf.put(name, id);
      }
      Map<String, Object> profile = new LinkedHashMap<>();
      if (g.path("owned").asBoolean(false)) {
        profile.put(marker.attribute(), marker.value());
      }
      if (g.has("marker")) {
        profile.put(marker.attribute(), g.get("marker").asText());
      }
      groups.put(
          id,
          new ActualState.Group(
              id,
              ActualState.GroupType.parse(type),
              name,
              g.path("description").asText(""),
              profile));
    }
    Map<String, ActualState.Rule> rules = new LinkedHashMap<>();
    for (JsonNode r : y.path("rules")) {
      List<String> targets = new ArrayList<>();
      r.path("groups")
          .forEach(t -> targets.add(idOf.getOrDefault(t.asText(), id("00g", t.asText()))));
      List<String> excluded = new ArrayList<>();
      r.path("excluded").forEach(u -> excluded.add(id("00u", u.asText())));
      String id = id("0pr", r.path("name").asText() + r.path("status").asText());
      rules.put(
          id,
          new ActualState.Rule(
              id,
              r.path("name").asText(),
              ActualState.RuleStatus.parse(r.path("status").asText("ACTIVE")),
              r.path("expression").asText(),
              targets,
              excluded));
    }
    Map<String, ActualState.User> users = new LinkedHashMap<>();
    Map<String, ActualState.User> usersByLogin = new LinkedHashMap<>();
    for (JsonNode u : y.path("users")) {
      String login = u.path("login").asText();
      ActualState.User user =
          new ActualState.User(id("00u", login), login, login, u.path("status").asText("ACTIVE"));
      users.put(login.toLowerCase(), user);
      usersByLogin.put(login, user);
    }
    Map<String, Map<String, ActualState.Member>> members = new LinkedHashMap<>();
    y.path("members")
        .fields()
        .forEachRemaining(
            e -> {
              Map<String, ActualState.Member> ms = new LinkedHashMap<>();
              for (JsonNode m : e.getValue()) {
                String login = m.path("login").asText();
                String uid = id("00u", login);
                @SuppressWarnings("unchecked")
                Map<String, Object> profile =
                    m.has("profile")
                        ? JSON.convertValue(m.get("profile"), LinkedHashMap.class)
                        : new LinkedHashMap<>();
                profile.put("login", login);
                ms.put(
                    uid,
                    new ActualState.Member(
                        uid,
                        login,
                        login,
                        m.path("status").asText("ACTIVE"),
                        ActualState.Via.valueOf(m.path("via").asText("DIRECT")),
                        profile));
              }
              members.put(idOf.get(e.getKey()), ms);
            });
    Map<String, Map<String, ActualState.Assignment>> assignments = new LinkedHashMap<>();
    for (JsonNode a : y.path("assignments")) {
      String app = a.path("app").asText();
      String gid = idOf.get(a.path("group").asText());
      @SuppressWarnings("unchecked")
      Map<String, Object> profile =
          a.has("profile") ? JSON.convertValue(a.get("profile"), LinkedHashMap.class) : Map.of();
      assignments
          .computeIfAbsent(app, k -> new LinkedHashMap<>())
          .put(gid, new ActualState.Assignment(app, gid, a.path("priority").asInt(0), profile));
    }
    Map<String, List<ActualState.Mapping>> mappings = new LinkedHashMap<>();
    for (JsonNode m : y.path("mappings")) {
      String app = m.path("app").asText();
      String src = idOf.get(m.path("group").asText());
      String target = idOf.getOrDefault(m.path("target").asText(), m.path("target").asText());
      mappings
          .computeIfAbsent(app, k -> new ArrayList<>())
          .add(
              new ActualState.Mapping(
                  id("gPm", app + src),
                  app,
                  src,
                  target,
                  ActualState.MappingStatus.parse(m.path("status").asText("ACTIVE")),
                  m.path("errorSummary").isTextual() ? m.get("errorSummary").asText() : null));
    }
    Set<String> missing = new java.util.TreeSet<>();
    y.path("missingApps").forEach(x -> missing.add(x.asText()));
    return new ActualState(
        y.path("schema").asBoolean(true),
        groups,
        rules,
        members,
        assignments,
        mappings,
        users,
        missing,
        slack(y.path("slack")));
  }

  /**
   * The fixture's Slack: per Slack app id, its channels (id: name) and user groups (handle: id and
   * linked channel ids). Absent, Slack was not read.
   */
  static SlackState slack(JsonNode y) {
    if (!y.isObject()) {
      return SlackState.UNREAD;
    }
    Map<String, SlackState.Workspace> out = new LinkedHashMap<>();
    y.fields()
        .forEachRemaining(
            app -> {
              Map<String, SlackState.Channel> channels = new LinkedHashMap<>();
              app.getValue()
                  .path("channels")
                  .fields()
                  .forEachRemaining(
                      c ->
                          channels.put(
                              c.getKey(),
                              new SlackState.Channel(c.getKey(), c.getValue().asText())));
              Map<String, SlackState.UserGroup> groups = new LinkedHashMap<>();
              app.getValue()
                  .path("userGroups")
                  .fields()
                  .forEachRemaining(
                      u -> {
                        List<String> linked = new ArrayList<>();
                        u.getValue().path("channels").forEach(c -> linked.add(c.asText()));
                        groups.put(
                            u.getKey(),
                            new SlackState.UserGroup(
                                u.getValue().path("id").asText(), u.getKey(), u.getKey(), linked));
                      });
              out.put(
                  app.getKey(),
                  new SlackState.Workspace(
                      app.getValue().path("grid").asBoolean(false), channels, groups));
            });
    return new SlackState(true, out);
  }

  /** A stable, readable id: the prefix and the name's hash. */
  static String id(String prefix, String name) {
    return prefix
        + String.format("%017x", Math.abs((long) name.hashCode()) * 2654435761L).substring(0, 17);
  }
}
