package dev.oktagroups.importer;

import dev.oktagroups.compile.ReverseCompiler;
import dev.oktagroups.manifest.Derived;
import dev.oktagroups.manifest.Kind;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.Selector;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.ActualState.GroupType;
import dev.oktagroups.state.ActualState.RuleStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Okta group to a draft, or the reason it stays out. Only what the manifest can hold exactly is
 * drafted: active rules of its own whose expressions are selectors (several merge into one), direct
 * members who are active people, and at most one push mapping, active.
 */
final class Drafting {
  /** A draft, or why there is none. */
  sealed interface Outcome {}

  record Drafted(Draft draft) implements Outcome {}

  record Left(ImportReport.Skipped skipped) implements Outcome {}

  private final OrgConfig config;
  private final ActualState org;
  private final List<String> owners;
  private final ReverseCompiler reverse;
  private final Set<String> protectedNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, ActualState.Member> people = new HashMap<>();

  Drafting(OrgConfig config, ActualState org, List<String> owners) {
    this.config = config;
    this.org = org;
    this.owners = owners;
    this.reverse = new ReverseCompiler(this::catalogKey);
    protectedNames.add("Everyone");
    protectedNames.addAll(config.protectedGroups());
    org.members().values().forEach(ms -> ms.values().forEach(m -> people.put(m.userId(), m)));
  }

  Outcome draft(ActualState.Group g) {
    if (g.type() != GroupType.OKTA_GROUP) {
      return left(
          g,
          g.type() == GroupType.APP_GROUP
              ? "an APP_GROUP comes from an app's directory; okta-groups manages OKTA_GROUP groups"
              : "a " + g.type() + " group is Okta's own; okta-groups manages OKTA_GROUP groups");
    }
    if (protectedNames.contains(g.name())) {
      return left(g, "protected in okta-groups.yaml; okta-groups never changes it");
    }
    Optional<String> marker = g.attribute(config.ownership().attribute());
    if (marker.isPresent()) {
      return left(
          g,
          marker.get().equals(config.ownership().value())
              ? "carries this repository's marker but has no manifest; restore its manifest from"
                  + " Git history instead of importing it"
              : "owned by another okta-groups repository ('" + marker.get() + "')");
    }
    if (g.description().isBlank()) {
      return left(g, "has no description in Okta, and a manifest needs one; add it in Okta");
    }
    List<ActualState.Rule> rules =
        org.rules().values().stream()
            .filter(r -> r.groupIds().contains(g.id()))
            .sorted(
                Comparator.comparing(ActualState.Rule::name).thenComparing(ActualState.Rule::id))
            .toList();
    return rules.isEmpty() ? body(g, Optional.empty()) : withRules(g, rules);
  }

  /**
   * A group with one rule or several. Several merge into one {@code any:} of their selectors, which
   * selects exactly the people any of them does; the plan then creates that rule and deletes the
   * old ones once it is active. Every rule must be one the group can own alone, active and exact,
   * and all must exclude the same people, since the merged rule has one exclusion list.
   */
  private Outcome withRules(ActualState.Group g, List<ActualState.Rule> rules) {
    List<ReverseCompiler.Exact> exact = new ArrayList<>();
    for (ActualState.Rule r : rules) {
      Optional<String> why = refusal(r);
      if (why.isPresent()) {
        return left(g, why.get());
      }
      ReverseCompiler.Result back = reverse.reverse(r.expression());
      if (back instanceof ReverseCompiler.Refused refused) {
        return left(
            g,
            "rule '"
                + r.name()
                + "' ("
                + r.expression()
                + ") has no exact selector: it "
                + refused.reason());
      }
      exact.add((ReverseCompiler.Exact) back);
    }
    ActualState.Rule first = rules.get(0);
    if (rules.size() == 1) {
      return body(
          g,
          Optional.of(
              new Ruled(
                  first.name(),
                  first.expression(),
                  List.of(),
                  exact.get(0).selector(),
                  exact.get(0).attributes(),
                  first.excludedUsers())));
    }
    return merged(g, rules, exact);
  }

  /**
   * Several rules as one: an {@code any:} of their exact selectors, named after the group, with
   * their one exclusion list.
   */
  private Outcome merged(
      ActualState.Group g, List<ActualState.Rule> rules, List<ReverseCompiler.Exact> exact) {
    ActualState.Rule first = rules.get(0);
    if (Derived.ruleName(g.name()).length() > config.naming().ruleNameMax()) {
      return left(
          g,
          rules.size()
              + " rules assign people to it, and the one rule they would merge into is named after"
              + " the group, which is longer than Okta's "
              + config.naming().ruleNameMax()
              + " characters for a rule name: merge the rules in Okta instead");
    }
    Set<String> excluded = new TreeSet<>(first.excludedUsers());
    for (ActualState.Rule r : rules) {
      if (!new TreeSet<>(r.excludedUsers()).equals(excluded)) {
        return left(
            g,
            "its rules '"
                + first.name()
                + "' and '"
                + r.name()
                + "' exclude different people, and a merged rule has one exclusion list: make"
                + " the exclusions the same in Okta, or merge the rules there, then import again");
      }
    }
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    exact.forEach(
        e ->
            e.attributes()
                .forEach(
                    (a, vs) -> seen.computeIfAbsent(a, k -> new LinkedHashSet<>()).addAll(vs)));
    return body(
        g,
        Optional.of(
            new Ruled(
                "",
                "",
                rules.stream().map(ActualState.Rule::name).distinct().toList(),
                new Selector.Any(exact.stream().map(ReverseCompiler.Exact::selector).toList(), ""),
                seen,
                first.excludedUsers())));
  }

  /** Why a rule keeps its group out of the import, if it does. */
  private static Optional<String> refusal(ActualState.Rule r) {
    if (r.groupIds().size() > 1) {
      return Optional.of(
          "rule '"
              + r.name()
              + "' also assigns people to "
              + (r.groupIds().size() - 1)
              + " other group(s); okta-groups keeps one rule per group, so the shared rule is left"
              + " alone: split it in Okta into one rule per group, then import again");
    }
    if (r.status() != RuleStatus.ACTIVE) {
      return Optional.of(
          "rule '"
              + r.name()
              + "' is "
              + r.status()
              + "; only active rules are imported (activate or delete it in Okta first)");
    }
    return Optional.empty();
  }

  /**
   * What the group's rule or rules come to.
   *
   * @param name the one rule's Okta name; empty when several are merged
   * @param expression the one rule's Okta expression; empty when several are merged
   * @param merged the names of the rules merged, when there are several
   * @param attributes the Okta attributes the rules read, with the values they name
   * @param excludedUsers the Okta ids the rule (or every merged rule) excludes
   */
  private record Ruled(
      String name,
      String expression,
      List<String> merged,
      Selector selector,
      Map<String, Set<String>> attributes,
      List<String> excludedUsers) {}

  private Outcome body(ActualState.Group g, Optional<Ruled> ruled) {
    List<String> direct = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    List<Draft.Push> pushes = new ArrayList<>();
    Optional<String> why =
        directMembers(g, ruled.isPresent(), direct)
            .or(() -> exclusions(ruled, excluded))
            .or(() -> push(g, pushes));
    if (why.isPresent()) {
      return left(g, why.get());
    }
    List<Draft.App> apps = apps(g);
    Optional<Draft.Push> push = pushes.stream().findFirst();
    List<String> warnings = new ArrayList<>();
    if (!apps.isEmpty() && push.isPresent()) {
      warnings.add(
          "both assigned to apps and pushed, against the handbook; nothing changes in Okta");
    }
    Kind kind = ruled.isEmpty() ? Kind.MANUAL : direct.isEmpty() ? Kind.MANAGED : Kind.HYBRID;
    Optional<Selector> selector = ruled.map(Ruled::selector);
    boolean everyone =
        selector.map(s -> !mentions(s, config.population().attribute())).orElse(false);
    return new Drafted(
        new Draft(
            g.name(),
            kind,
            g.description(),
            owners,
            selector,
            everyone,
            ruled.map(Ruled::name).orElse(""),
            ruled.map(Ruled::expression).orElse(""),
            ruled.map(Ruled::merged).orElse(List.of()),
            excluded,
            direct,
            apps,
            push,
            ruled.map(Ruled::attributes).orElse(Map.of()),
            warnings));
  }

  /**
   * Collects the group's direct members' logins, sorted, into {@code into}; or says why the group
   * cannot be drafted. With a rule, a member whose origin Okta did not say cannot be placed.
   */
  private Optional<String> directMembers(ActualState.Group g, boolean hasRule, List<String> into) {
    for (ActualState.Member m : org.members().getOrDefault(g.id(), Map.of()).values()) {
      if (m.via() == ActualState.Via.RULE) {
        continue;
      }
      if (m.via() == ActualState.Via.UNKNOWN && hasRule) {
        return Optional.of(
            "Okta did not say whether " + m.login() + " is a direct or a rule member");
      }
      if (!"ACTIVE".equals(m.status())) {
        return Optional.of(
            "direct member "
                + m.login()
                + " is "
                + m.status()
                + "; manifests name only active people, so deactivate or remove them in Okta"
                + " first");
      }
      into.add(m.login());
    }
    into.sort(String.CASE_INSENSITIVE_ORDER);
    return Optional.empty();
  }

  /** Collects the logins the rule excludes into {@code into}, or says whom it cannot name. */
  private Optional<String> exclusions(Optional<Ruled> ruled, List<String> into) {
    if (ruled.isEmpty()) {
      return Optional.empty();
    }
    for (String id : ruled.get().excludedUsers()) {
      ActualState.Member p = people.get(id);
      if (p == null) {
        return Optional.of(
            "the rule excludes user " + id + ", who is in no group okta-groups could read");
      }
      into.add(p.login());
    }
    return Optional.empty();
  }

  /** The group's assignments to catalog apps, with Okta's priority and profile. */
  private List<Draft.App> apps(ActualState.Group g) {
    List<Draft.App> apps = new ArrayList<>();
    org.assignments()
        .forEach(
            (appId, byGroup) -> {
              ActualState.Assignment a = byGroup.get(g.id());
              appKey(appId)
                  .filter(k -> a != null)
                  .ifPresent(k -> apps.add(new Draft.App(k, a.priority(), a.profile())));
            });
    return apps;
  }

  /**
   * Adds the group's one push mapping, if it has one, to {@code into}; or says why a manifest
   * cannot hold its push mappings.
   */
  private Optional<String> push(ActualState.Group g, List<Draft.Push> into) {
    List<ActualState.Mapping> mappings = new ArrayList<>();
    org.mappings()
        .values()
        .forEach(
            ms -> ms.stream().filter(m -> m.sourceGroupId().equals(g.id())).forEach(mappings::add));
    if (mappings.size() > 1) {
      return Optional.of("it is pushed to " + mappings.size() + " apps; a manifest pushes to one");
    }
    if (mappings.isEmpty()) {
      return Optional.empty();
    }
    ActualState.Mapping m = mappings.get(0);
    if (m.status() != ActualState.MappingStatus.ACTIVE) {
      return Optional.of("its push mapping is " + m.status() + "; fix or delete it in Okta first");
    }
    ActualState.Group target = org.groups().get(m.targetGroupId());
    String key = appKey(m.appId()).orElseThrow();
    if (target == null) {
      return Optional.of(
          "its push mapping's downstream group " + m.targetGroupId() + " is unknown");
    }
    boolean google = config.apps().get(key).pushType() == OrgConfig.PushType.GOOGLE;
    into.add(
        new Draft.Push(
            key,
            google ? Optional.of(target.name()) : Optional.empty(),
            google ? Optional.empty() : Optional.of(target.name())));
    return Optional.empty();
  }

  private static boolean mentions(Selector s, String attribute) {
    if (s instanceof Selector.Match m) {
      return m.attribute().equals(attribute);
    }
    if (s instanceof Selector.Not n) {
      return mentions(n.inner(), attribute);
    }
    List<Selector> items = s instanceof Selector.All a ? a.items() : ((Selector.Any) s).items();
    return items.stream().anyMatch(i -> mentions(i, attribute));
  }

  private Optional<String> appKey(String appId) {
    return config.apps().values().stream()
        .filter(a -> a.id().equals(appId))
        .map(OrgConfig.AppDef::key)
        .findFirst();
  }

  private String catalogKey(String oktaName) {
    return config.attributes().entrySet().stream()
        .filter(e -> e.getValue().okta().equals(oktaName))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(oktaName);
  }

  private static Outcome left(ActualState.Group g, String reason) {
    return new Left(new ImportReport.Skipped(g.name(), g.type().name(), reason));
  }
}
