package dev.oktagroups.manifest;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The org configuration, {@code okta-groups.yaml}: catalogs and policies shared by every group.
 *
 * @param orgUrl the Okta org, e.g. {@code https://example.okta.com}; flags and env vars override
 * @param ownership how okta-groups marks the Okta groups it owns
 * @param attributes the attribute catalog, by friendly name (the key used in selectors)
 * @param apps the app catalog, by key (the name used in {@code apps:} and {@code push.app})
 * @param naming naming conventions
 * @param population the default scope added to every rule that does not name the scope attribute
 * @param members rules for named members
 * @param protectedGroups Okta group names okta-groups never changes, besides {@code Everyone}
 * @param safety caps applied before any write
 * @param keepDownstreamOnDelete whether deleting a push group keeps the Google/Slack group
 * @param rateLimits how much of Okta's rate limits okta-groups may use
 * @param readCache when a read may trust the read cache
 */
public record OrgConfig(
    Optional<String> orgUrl,
    Ownership ownership,
    Map<String, AttributeDef> attributes,
    Map<String, AppDef> apps,
    Naming naming,
    Population population,
    MemberPolicy members,
    List<String> protectedGroups,
    Safety safety,
    boolean keepDownstreamOnDelete,
    RateLimits rateLimits,
    ReadCache readCache) {

  /** A configuration with the default rate-limit share and read-cache bound. */
  public OrgConfig(
      Optional<String> orgUrl,
      Ownership ownership,
      Map<String, AttributeDef> attributes,
      Map<String, AppDef> apps,
      Naming naming,
      Population population,
      MemberPolicy members,
      List<String> protectedGroups,
      Safety safety,
      boolean keepDownstreamOnDelete) {
    this(
        orgUrl,
        ownership,
        attributes,
        apps,
        naming,
        population,
        members,
        protectedGroups,
        safety,
        keepDownstreamOnDelete,
        RateLimits.DEFAULT,
        ReadCache.DEFAULT);
  }

  /**
   * The share of each of Okta's rate-limit buckets okta-groups may use, measured against the
   * bucket's {@code X-Rate-Limit-Limit}: the rest is left to the other integrations of the org.
   *
   * @param maxShare between 0 (exclusive) and 1; 1 paces only at the bucket's own limit
   */
  public record RateLimits(double maxShare) {
    public static final RateLimits DEFAULT = new RateLimits(1.0);
  }

  /**
   * When a read may trust the read cache. {@code --max-cache-age}, when given, wins.
   *
   * @param maxAge a cache older than this is read again in full
   */
  public record ReadCache(Duration maxAge) {
    public static final ReadCache DEFAULT = new ReadCache(Duration.ofHours(24));

    /**
     * The longest bound that means what it says: a log cursor older than the System Log's 90-day
     * retention may have lost events, so reads cap any bound here.
     */
    public static final Duration LONGEST = Duration.ofDays(89);
  }

  public OrgConfig {
    // Catalog order is meaningful (the handbook's attribute order in names), so keep it.
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
    protectedGroups = List.copyOf(protectedGroups);
  }

  /**
   * The marker okta-groups writes into each group it owns.
   *
   * @param attribute custom group-profile attribute name in Okta
   * @param value the value identifying this repository
   */
  public record Ownership(String attribute, String value) {
    public static final Ownership DEFAULT = new Ownership("okta_groups_managed_by", "okta-groups");
  }

  /**
   * One catalog attribute.
   *
   * @param shortname the handbook shortname used in group names: div, dept, country…
   * @param okta the Okta user profile attribute holding it
   * @param values allowed values, when the catalog lists them; empty means any value
   */
  public record AttributeDef(
      String shortname, String okta, String description, List<String> values) {
    public AttributeDef {
      values = List.copyOf(values);
    }
  }

  /** What kind of downstream directory a push-capable app keeps. */
  public enum PushType {
    GOOGLE,
    SLACK,
    GENERIC
  }

  /**
   * One catalog app.
   *
   * @param id the Okta app id ({@code 0oa…})
   * @param push whether Okta can push groups to it
   * @param pushType the downstream flavour, which decides how target names are derived
   * @param prefix the {@code {app}} segment of {@code push.{app}.…} names; defaults to the key
   * @param emailDomain Google only: the domain of derived group addresses
   * @param slack Slack only: the workspace the app pushes to, and where its token lives; empty when
   *     okta-groups does not talk to Slack itself (no channels are linked)
   */
  public record AppDef(
      String key,
      String id,
      String label,
      boolean push,
      PushType pushType,
      String prefix,
      Optional<String> emailDomain,
      Optional<SlackWorkspace> slack) {

    /** An app okta-groups reaches only through Okta. */
    public AppDef(
        String key,
        String id,
        String label,
        boolean push,
        PushType pushType,
        String prefix,
        Optional<String> emailDomain) {
      this(key, id, label, push, pushType, prefix, emailDomain, Optional.empty());
    }
  }

  /**
   * The Slack workspace or Enterprise Grid org a Slack app pushes to. Only the name of the variable
   * that holds the token is configured: the token itself never enters a file.
   *
   * @param grid whether this is an Enterprise Grid org (its pushed groups are IDP groups, whose
   *     default channels the {@code admin.usergroups.*} methods manage)
   * @param teamId Grid: the workspace's team id ({@code T…}) the channels belong to
   * @param tokenEnv the environment variable holding the Slack token
   * @param pointer JSON pointer of the {@code slack} mapping in okta-groups.yaml
   */
  public record SlackWorkspace(
      boolean grid, Optional<String> teamId, String tokenEnv, String pointer) {}

  /**
   * Naming conventions; defaults follow the handbook's nomenclature page.
   *
   * @param grandfathered names that predate the conventions and are kept exactly (imported groups)
   */
  public record Naming(
      String appPrefix,
      String pushPrefix,
      List<String> rejectedPrefixes,
      int ruleNameMax,
      int googleNameMax,
      List<String> grandfathered) {
    public static final Naming DEFAULT =
        new Naming("app", "push", List.of("sot", "auto", "dyn"), 50, 73, List.of());

    public Naming {
      rejectedPrefixes = List.copyOf(rejectedPrefixes);
      grandfathered = List.copyOf(grandfathered);
    }

    public Naming(
        String appPrefix,
        String pushPrefix,
        List<String> rejectedPrefixes,
        int ruleNameMax,
        int googleNameMax) {
      this(appPrefix, pushPrefix, rejectedPrefixes, ruleNameMax, googleNameMax, List.of());
    }

    /** Whether {@code name} is grandfathered: kept as Okta had it, exempt from the conventions. */
    public boolean grandfathers(String name) {
      return grandfathered.contains(name);
    }
  }

  /**
   * The default population: a rule that does not mention {@code attribute} only matches users whose
   * {@code attribute} is one of {@code values}. The handbook: managed groups contain employees only
   * unless the name includes another user type.
   *
   * @param attribute a key of the attribute catalog
   */
  public record Population(String attribute, List<String> values) {
    public static final Population DEFAULT = new Population("userType", List.of("Employee"));

    public Population {
      values = List.copyOf(values);
    }
  }

  /** Policy for named members. */
  public record MemberPolicy(boolean requireRequest, Optional<String> requestPattern) {
    public static final MemberPolicy DEFAULT = new MemberPolicy(true, Optional.empty());
  }

  /**
   * Caps a single run may not exceed; an apply that would is refused before any write.
   *
   * @param maxDeletions objects (groups, rules, assignments, push mappings) deleted per run
   * @param maxDeletionFraction deletions as a fraction of the objects okta-groups owns
   * @param maxRemovals direct memberships removed per run
   * @param maxRemovalFraction removals as a fraction of the direct memberships okta-groups manages
   * @param losses caps on people losing membership, whatever the cause (a rule edit included)
   */
  public record Safety(
      int maxDeletions,
      double maxDeletionFraction,
      int maxRemovals,
      double maxRemovalFraction,
      Losses losses) {
    public static final Safety DEFAULT = new Safety(10, 0.25, 50, 0.25, Losses.DEFAULT);

    /** The deletion and removal caps, with the default loss caps. */
    public Safety(
        int maxDeletions, double maxDeletionFraction, int maxRemovals, double maxRemovalFraction) {
      this(maxDeletions, maxDeletionFraction, maxRemovals, maxRemovalFraction, Losses.DEFAULT);
    }
  }

  /**
   * Caps on people losing membership in one apply, counted from the plan's impact.
   *
   * @param perGroup people one group may lose
   * @param perGroupFraction people a group that stays may lose, as a fraction of its members
   * @param total distinct people who may lose some membership
   * @param totalFraction those people as a fraction of everyone in the groups okta-groups reads
   */
  public record Losses(int perGroup, double perGroupFraction, int total, double totalFraction) {
    public static final Losses DEFAULT = new Losses(1000, 0.5, 2000, 0.25);
  }

  /** The configuration used when a repository has no okta-groups.yaml. */
  public static OrgConfig defaults() {
    return new OrgConfig(
        Optional.empty(),
        Ownership.DEFAULT,
        Map.of(),
        Map.of(),
        Naming.DEFAULT,
        Population.DEFAULT,
        MemberPolicy.DEFAULT,
        List.of(),
        Safety.DEFAULT,
        true);
  }

  /** The catalog attribute whose handbook shortname is {@code shortname}. */
  public Optional<AttributeDef> attributeByShortname(String shortname) {
    return attributes.values().stream().filter(a -> a.shortname().equals(shortname)).findFirst();
  }
}
