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
    boolean adopt) {

  public GroupManifest {
    owners = List.copyOf(owners);
    members = List.copyOf(members);
    apps = List.copyOf(apps);
  }

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
