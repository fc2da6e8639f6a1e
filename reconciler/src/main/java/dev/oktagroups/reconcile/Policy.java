package dev.oktagroups.reconcile;

import dev.oktagroups.impact.LossCap;
import dev.oktagroups.manifest.ConfigBinder;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.YamlReader;
import dev.oktagroups.plan.Planner;
import dev.oktagroups.plan.Safety;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.state.DesiredState;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a run may do beyond what the manifests say: which unowned groups it may take over, which
 * groups it never touches, and the safety caps.
 *
 * @param adopt groups whose takeover is allowed, by flag or by {@code adopt: true}
 * @param protectedGroups names okta-groups never changes
 * @param limits the caps on deletions and removals
 * @param lossCap the caps on people losing membership
 */
public record Policy(
    Set<String> adopt, Set<String> protectedGroups, Safety.Limits limits, LossCap.Limits lossCap) {
  public Policy {
    adopt = Set.copyOf(adopt);
    protectedGroups = Set.copyOf(protectedGroups);
  }

  /**
   * One run's command-line overrides.
   *
   * @param adopt groups named with {@code --adopt}
   * @param maxDeletions {@code --max-deletions}, which replaces the configured cap and its fraction
   * @param maxRemovals {@code --max-removals}, likewise
   * @param maxLosses {@code --max-losses}, which replaces every loss cap: the count per group and
   *     in total, and both fractions
   */
  public record Overrides(
      Set<String> adopt,
      Optional<Integer> maxDeletions,
      Optional<Integer> maxRemovals,
      Optional<Integer> maxLosses) {
    public static final Overrides NONE =
        new Overrides(Set.of(), Optional.empty(), Optional.empty(), Optional.empty());

    public Overrides {
      adopt = Set.copyOf(adopt);
    }

    /** Overrides without {@code --max-losses}. */
    public Overrides(
        Set<String> adopt, Optional<Integer> maxDeletions, Optional<Integer> maxRemovals) {
      this(adopt, maxDeletions, maxRemovals, Optional.empty());
    }
  }

  /** The policy for valid manifests: their config, their {@code adopt: true}, and the overrides. */
  public static Policy of(Preparation.Prepared p, Overrides o) {
    return of(p.config(), p.desired(), o);
  }

  static Policy of(OrgConfig config, DesiredState desired, Overrides o) {
    Set<String> adopt = new LinkedHashSet<>(o.adopt());
    desired.groups().values().stream()
        .filter(DesiredState.Group::adopt)
        .forEach(g -> adopt.add(g.name()));
    return new Policy(
        adopt,
        Set.copyOf(config.protectedGroups()),
        limits(config.safety(), o),
        lossCap(config.safety().losses(), o));
  }

  /**
   * The policy for applying a saved plan: the config as the repository has it now (defaults when
   * there is none), the groups the plan itself adopts, and the overrides.
   */
  public static Policy forSaved(Optional<byte[]> configYaml, Set<String> planAdopts, Overrides o) {
    OrgConfig cfg = configYaml.flatMap(Policy::parse).orElseGet(OrgConfig::defaults);
    Set<String> adopt = new LinkedHashSet<>(o.adopt());
    adopt.addAll(planAdopts);
    return new Policy(
        adopt,
        Set.copyOf(cfg.protectedGroups()),
        limits(cfg.safety(), o),
        lossCap(cfg.safety().losses(), o));
  }

  /** The rate-limit share okta-groups.yaml sets (the default when there is no file). */
  public static OrgConfig.RateLimits rateLimits(Optional<byte[]> configYaml) {
    return configYaml.flatMap(Policy::parse).orElseGet(OrgConfig::defaults).rateLimits();
  }

  /** The read cache's age bound okta-groups.yaml sets (the default when there is no file). */
  public static OrgConfig.ReadCache readCache(Optional<byte[]> configYaml) {
    return configYaml.flatMap(Policy::parse).orElseGet(OrgConfig::defaults).readCache();
  }

  /**
   * The caps for this run: okta-groups.yaml's, unless an override replaces one, which then replaces
   * its fraction too (an explicit number is the reviewer's decision for this run).
   */
  static Safety.Limits limits(OrgConfig.Safety s, Overrides o) {
    return new Safety.Limits(
        o.maxDeletions().orElse(s.maxDeletions()),
        o.maxDeletions().isPresent() ? 1.0 : s.maxDeletionFraction(),
        o.maxRemovals().orElse(s.maxRemovals()),
        o.maxRemovals().isPresent() ? 1.0 : s.maxRemovalFraction());
  }

  /** The loss caps: okta-groups.yaml's, unless {@code --max-losses} replaces all four. */
  static LossCap.Limits lossCap(OrgConfig.Losses l, Overrides o) {
    return o.maxLosses()
        .map(n -> new LossCap.Limits(n, 1.0, n, 1.0, true))
        .orElse(
            new LossCap.Limits(
                l.perGroup(), l.perGroupFraction(), l.total(), l.totalFraction(), false));
  }

  /** okta-groups.yaml's settings, where the file parses; its validity was checked at plan time. */
  private static Optional<OrgConfig> parse(byte[] yaml) {
    return new YamlReader().read(RepoSnapshot.CONFIG_PATH, yaml).doc().map(ConfigBinder::bind);
  }

  Planner.Policy planner() {
    return new Planner.Policy(adopt);
  }
}
