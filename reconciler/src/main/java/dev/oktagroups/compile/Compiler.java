package dev.oktagroups.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.manifest.AppRef;
import dev.oktagroups.manifest.Derived;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.Kind;
import dev.oktagroups.manifest.Member;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.state.DesiredState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Manifests and okta-groups.yaml in, the desired Okta state out. Expects validated input. */
public final class Compiler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Compiler() {}

  /**
   * @param today named members whose {@code expires} is before this date are no longer desired
   */
  public static DesiredState compile(
      OrgConfig config, List<GroupManifest> manifests, LocalDate today) {
    ExpressionCompiler expressions = new ExpressionCompiler(config);
    TreeMap<String, DesiredState.Group> groups = new TreeMap<>();
    for (GroupManifest m : manifests) {
      groups.put(m.name(), group(m, config, expressions, today));
    }
    Map<String, DesiredState.CatalogApp> apps = new LinkedHashMap<>();
    config.apps().forEach((k, a) -> apps.put(k, new DesiredState.CatalogApp(k, a.id(), a.push())));
    List<String> protectedGroups = new ArrayList<>(config.protectedGroups());
    if (!protectedGroups.contains("Everyone")) {
      protectedGroups.add(0, "Everyone");
    }
    return new DesiredState(
        groups,
        new DesiredState.Marker(config.ownership().attribute(), config.ownership().value()),
        protectedGroups,
        config.keepDownstreamOnDelete(),
        apps);
  }

  private static DesiredState.Group group(
      GroupManifest m, OrgConfig config, ExpressionCompiler expressions, LocalDate today) {
    Optional<DesiredState.Rule> rule = Optional.empty();
    Optional<DesiredState.ProfileMatcher> matcher = Optional.empty();
    Kind kind = m.kind().orElseThrow();
    if (kind != Kind.MANUAL && m.rule().isPresent()) {
      ExpressionCompiler.Compiled c = expressions.compile(m.rule().get(), !m.everyUserType());
      List<String> excluded = m.excluded().stream().map(GroupManifest.Exclusion::user).toList();
      rule =
          Optional.of(
              new DesiredState.Rule(
                  m.imported()
                      .map(GroupManifest.ImportedRule::name)
                      .orElse(Derived.ruleName(m.name())),
                  importedText(m, config).orElse(c.expression()),
                  excluded,
                  m.merged()));
      matcher = Optional.of(c.matcher());
    }
    List<DesiredState.Member> members = new ArrayList<>();
    List<DesiredState.Member> expired = new ArrayList<>();
    for (Member mem : m.members()) {
      DesiredState.Member d = new DesiredState.Member(mem.user(), mem.expires());
      (mem.expiredOn(today) ? expired : members).add(d);
    }
    return new DesiredState.Group(
        m.name(),
        kind,
        m.description(),
        m.path(),
        m.adopt(),
        rule,
        matcher,
        members,
        expired,
        assignments(m, config),
        push(m, config),
        config.naming().grandfathers(m.name()));
  }

  /**
   * The imported rule's text, while the manifest's selector is still exactly what that text was
   * taken back to: then adoption leaves Okta's rule as it is. Once the selector is edited, the
   * compiled expression takes over.
   */
  private static Optional<String> importedText(GroupManifest m, OrgConfig config) {
    if (m.imported().isEmpty() || m.rule().isEmpty()) {
      return Optional.empty();
    }
    String text = m.imported().get().expression();
    ReverseCompiler.Result r =
        new ReverseCompiler(oktaName -> catalogKey(config, oktaName)).reverse(text);
    return r instanceof ReverseCompiler.Exact e
            && ReverseCompiler.sameShape(e.selector(), m.rule().get())
        ? Optional.of(text)
        : Optional.empty();
  }

  /** The catalog key of an Okta profile attribute; its own name when the catalog lacks it. */
  static String catalogKey(OrgConfig config, String oktaName) {
    for (Map.Entry<String, OrgConfig.AttributeDef> e : config.attributes().entrySet()) {
      if (e.getValue().okta().equals(oktaName)) {
        return e.getKey();
      }
    }
    return oktaName;
  }

  private static List<DesiredState.Assignment> assignments(GroupManifest m, OrgConfig config) {
    List<DesiredState.Assignment> assignments = new ArrayList<>();
    for (AppRef a : m.apps()) {
      OrgConfig.AppDef app = config.apps().get(a.app());
      @SuppressWarnings("unchecked")
      Map<String, Object> profile = JSON.convertValue(a.profile(), LinkedHashMap.class);
      assignments.add(new DesiredState.Assignment(a.app(), app.id(), a.priority(), profile));
    }
    return assignments;
  }

  private static Optional<DesiredState.Push> push(GroupManifest m, OrgConfig config) {
    return m.push()
        .map(
            p -> {
              OrgConfig.AppDef app = config.apps().get(p.app());
              String target =
                  Derived.pushEmail(m, app, config.naming())
                      .orElse(Derived.pushTarget(m, app, config.naming()));
              return new DesiredState.Push(
                  p.app(),
                  app.id(),
                  target,
                  p.channels()
                      .map(
                          cs ->
                              cs.stream()
                                  .map(
                                      c ->
                                          new DesiredState.Channel(
                                              c.ref(), m.doc().valueRef(c.pointer()).line()))
                                  .toList()));
            });
  }
}
