package dev.oktagroups.plan;

import dev.oktagroups.state.Ownership;
import dev.oktagroups.state.SlackState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plan: what to change in one Okta org to match one version of the manifests.
 *
 * @param version the plan format's version (see schemas/plan.schema.json)
 * @param createdAt when, as an ISO instant
 * @param source where the manifests came from and which commit
 * @param orgUrl the Okta org planned against
 * @param fingerprint digest of the Okta state the plan was computed from; apply refuses when it no
 *     longer matches
 * @param scope what to read to re-check that state
 * @param setup one-time org preparation to do before the changes
 * @param changes the changes, in the order apply runs them
 * @param errors groups that could not be planned; their changes are withheld
 * @param impact who gains and loses access; not part of what apply checks or runs
 */
public record Plan(
    int version,
    String createdAt,
    Source source,
    String orgUrl,
    String fingerprint,
    Scope scope,
    List<String> setup,
    List<Change> changes,
    List<GroupError> errors,
    Impact impact) {

  /**
   * The format this build writes: 3 adds the impact on people, 2 saved a replace as one change.
   * Versions 1 and 2 still load. The impact's upcoming expiries ({@code expiring}) came later
   * within version 3, without a new number: they are optional, apply never reads the impact, and a
   * build that predates them reads such a plan and ignores them, so nothing needs refusing.
   */
  public static final int VERSION = 3;

  public Plan {
    setup = List.copyOf(setup);
    changes = List.copyOf(changes);
    errors = List.copyOf(errors);
  }

  /** A plan whose impact is not computed yet. */
  public Plan(
      int version,
      String createdAt,
      Source source,
      String orgUrl,
      String fingerprint,
      Scope scope,
      List<String> setup,
      List<Change> changes,
      List<GroupError> errors) {
    this(
        version,
        createdAt,
        source,
        orgUrl,
        fingerprint,
        scope,
        setup,
        changes,
        errors,
        Impact.unknown("not computed"));
  }

  /** This plan with its impact on people. */
  public Plan withImpact(Impact i) {
    return new Plan(
        version, createdAt, source, orgUrl, fingerprint, scope, setup, changes, errors, i);
  }

  /** Where the manifests came from. */
  public record Source(String origin, Optional<String> commit) {}

  /**
   * What was read: the groups manifests name, the people they name, the catalog's apps and the
   * ownership marker. Apply reads the same scope again.
   *
   * @param slack the Slack workspaces read for channel links, with the user groups and channels
   *     asked about; empty when Slack was not read (and in plans saved before Slack was)
   * @param scoped whether the read was limited to {@code groups}, looked up by name (a per-merge
   *     plan of the groups a commit touched, deleted manifests included), instead of every group
   *     okta-groups owns. A scoped plan never changes a group outside {@code groups}.
   */
  public record Scope(
      Set<String> groups,
      Set<String> users,
      Map<String, String> apps,
      Set<String> pushApps,
      String markerAttribute,
      String markerValue,
      List<SlackState.Wanted> slack,
      boolean scoped) {
    public Scope {
      groups = Set.copyOf(groups);
      users = Set.copyOf(users);
      apps = Map.copyOf(apps);
      pushApps = Set.copyOf(pushApps);
      slack = List.copyOf(slack);
    }

    /**
     * The scope of a full read, reading no Slack: every group okta-groups owns, and those the
     * manifests name.
     */
    public Scope(
        Set<String> groups,
        Set<String> users,
        Map<String, String> apps,
        Set<String> pushApps,
        String markerAttribute,
        String markerValue) {
      this(groups, users, apps, pushApps, markerAttribute, markerValue, List.of(), false);
    }

    /** This scope, reading these Slack workspaces too. */
    public Scope withSlack(List<SlackState.Wanted> s) {
      return new Scope(groups, users, apps, pushApps, markerAttribute, markerValue, s, scoped);
    }

    /** What okta-groups owns by this scope's marker, with the manifests' group names. */
    public Ownership ownership() {
      return Ownership.of(markerAttribute, markerValue).naming(groups);
    }
  }

  /** A group that could not be planned, and why. */
  public record GroupError(String group, String path, String message) {}

  public boolean isEmpty() {
    return changes.isEmpty() && setup.isEmpty();
  }

  /** The names of the groups this plan takes over from outside okta-groups. */
  public Set<String> adopted() {
    Set<String> out = new TreeSet<>();
    for (Change c : changes) {
      if (c instanceof GroupChange g && g.adopt()) {
        out.add(g.group());
      }
    }
    return out;
  }

  public Summary summary() {
    return Summary.of(this);
  }

  /**
   * Counts for the last line of a plan. A replace counts as the delete and create it is, as in
   * Terraform.
   */
  public record Summary(
      int create, int update, int delete, int membersAdded, int membersRemoved, int errors) {
    static Summary of(Plan p) {
      int c = 0;
      int u = 0;
      int d = 0;
      int added = 0;
      int removed = 0;
      for (Change ch : p.changes().stream().flatMap(x -> x.steps().stream()).toList()) {
        if (ch.resource() == Resource.MEMBERSHIP) {
          if (ch.action() == Action.CREATE) {
            added++;
          } else if (ch.action() == Action.DELETE) {
            removed++;
          }
          continue;
        }
        switch (ch.action()) {
          case CREATE -> c++;
          case UPDATE -> u++;
          case DELETE -> d++;
          case REPLACE -> throw new IllegalStateException("a step is never a replace");
        }
      }
      return new Summary(c, u, d, added, removed, p.errors().size());
    }

    /** "Plan: 3 to create, 1 to update, 0 to delete; 5 members to add, 1 to remove." */
    public String line() {
      if (create + update + delete + membersAdded + membersRemoved == 0) {
        return errors == 0
            ? "No changes. Okta matches the manifests."
            : "No changes planned; " + errors + " group(s) have errors.";
      }
      return "Plan: "
          + create
          + " to create, "
          + update
          + " to update, "
          + delete
          + " to delete; "
          + membersAdded
          + (membersAdded == 1 ? " member" : " members")
          + " to add, "
          + membersRemoved
          + " to remove."
          + (errors == 0 ? "" : " " + errors + " group(s) have errors.");
    }
  }
}
