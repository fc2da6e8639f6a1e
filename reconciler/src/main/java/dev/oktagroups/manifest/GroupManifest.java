package dev.oktagroups.manifest;

import java.util.List;
import java.util.Optional;

/**
 * One group manifest as written. Fields the file omits, or gives the wrong type, are empty; the
 * schema check reports those, and the semantic rules work with whatever is well-formed.
 *
 * @param doc the parsed file, for locating findings
 * @param name the Okta group name
 * @param adopt true when the manifest explicitly takes over a group created outside okta-groups
 * @param everyUserType {@code population: all}: the rule gets no default population
 * @param excluded people the rule must never add (Okta's rule exclusions)
 * @param imported the Okta rule as it was when okta-groups import wrote this manifest
 * @param merged the names of the Okta rules okta-groups import merged into this group's one rule
 *     ({@code imported: {merged: [...]}}): the plan deletes them once that rule is active, and
 *     their members stay
 */
public record GroupManifest(
    YamlDoc doc,
    String name,
    Optional<Kind> kind,
    String description,
    List<String> owners,
    Optional<Selector> rule,
    List<Member> members,
    List<AppRef> apps,
    Optional<Push> push,
    boolean adopt,
    boolean everyUserType,
    List<Exclusion> excluded,
    Optional<ImportedRule> imported,
    List<String> merged) {

  public GroupManifest {
    merged = List.copyOf(merged);
    owners = List.copyOf(owners);
    members = List.copyOf(members);
    apps = List.copyOf(apps);
    excluded = List.copyOf(excluded);
  }

  /** A manifest without the fields okta-groups import writes. */
  public GroupManifest(
      YamlDoc doc,
      String name,
      Optional<Kind> kind,
      String description,
      List<String> owners,
      Optional<Selector> rule,
      List<Member> members,
      List<AppRef> apps,
      Optional<Push> push,
      boolean adopt) {
    this(
        doc,
        name,
        kind,
        description,
        owners,
        rule,
        members,
        apps,
        push,
        adopt,
        false,
        List.of(),
        Optional.empty(),
        List.of());
  }

  /**
   * A person the rule must not add.
   *
   * @param user login or email
   * @param pointer JSON pointer of the entry
   */
  public record Exclusion(String user, String reason, String pointer) {}

  /**
   * The Okta rule a group had when it was imported: while the manifest's selector still says
   * exactly what {@code expression} does, the rule keeps this name and text, so adoption changes
   * nothing in Okta.
   *
   * @param name the Okta rule's name, kept even after the selector changes
   * @param expression the expression as Okta had it
   */
  public record ImportedRule(String name, String expression) {}

  public String path() {
    return doc.path();
  }

  /** The file name without directories or the {@code .yaml} suffix. */
  public String fileStem() {
    String p = path();
    String base = p.substring(p.lastIndexOf('/') + 1);
    return base.endsWith(".yaml") ? base.substring(0, base.length() - 5) : base;
  }
}
