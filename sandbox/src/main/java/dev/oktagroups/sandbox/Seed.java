package dev.oktagroups.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Sandbox#seed} puts into a sandbox org: synthetic people with the catalog's
 * attributes, the catalog's apps, click-ops groups and the people a repository names. The same seed
 * gives the same org.
 *
 * @param users how many synthetic people to create
 * @param seed the seed for names, attributes and choices
 * @param attributes the catalog's user attributes, each added to the profile schema
 * @param apps the apps to create
 * @param legacyGroups how many groups created by hand in the admin console, with a few direct
 *     members each: every real org has them, and okta-groups must leave them alone
 * @param people logins that must exist and be ACTIVE afterwards, such as those a repository's
 *     manifests name; each missing one is created with plausible attributes
 */
public record Seed(
    int users,
    long seed,
    List<Attribute> attributes,
    List<App> apps,
    int legacyGroups,
    List<String> people) {

  public Seed {
    attributes = List.copyOf(attributes);
    apps = List.copyOf(apps);
    people = List.copyOf(people);
  }

  /** A catalog attribute: the Okta profile attribute and its allowed values (empty: any). */
  public record Attribute(String okta, List<String> values) {
    public Attribute {
      values = List.copyOf(values);
    }
  }

  /** The kind of directory an app keeps for pushed groups. */
  public enum PushType {
    GOOGLE,
    SLACK,
    GENERIC
  }

  /**
   * An app to create.
   *
   * @param id the app's id; empty for a generated one
   * @param push whether the app supports group push; a pushing app is assigned to Everyone
   * @param emailDomain for Google-style directories, the domain of pushed groups' addresses
   */
  public record App(
      Optional<String> id,
      String name,
      String label,
      boolean push,
      PushType pushType,
      Optional<String> emailDomain) {}

  /**
   * What seeding did.
   *
   * @param users synthetic people created
   * @param people named people created (those already present are only activated)
   */
  public record Result(int users, int people) {}
}
