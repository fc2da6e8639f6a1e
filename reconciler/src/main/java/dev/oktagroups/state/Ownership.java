package dev.oktagroups.state;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What okta-groups owns in an org: an OKTA_GROUP that carries this repository's marker (the custom
 * group attribute and value of okta-groups.yaml). Every part that asks "is this ours?" asks here,
 * so the answer cannot drift between planning, the safety rails, the fingerprint and the reader.
 *
 * <p>Three questions, because the callers need three:
 *
 * <ul>
 *   <li>{@link #owns}: ours to change or delete. The planner and the safety rails ask this.
 *   <li>{@link #inReadScope}: worth reading the members of: owned, or an OKTA_GROUP a manifest
 *       names (it may be adopted, or refused with a clear error). Other types are never planned, so
 *       their members are not read.
 *   <li>{@link #inFingerprint}: part of the state a plan depends on: marked or named, whatever the
 *       type. The type is left out on purpose: a marked or named group whose type changes (or a
 *       name clash with an APP_GROUP that appears) must make a saved plan stale.
 * </ul>
 *
 * <p>Names match case-insensitively, as Okta's do.
 */
public final class Ownership {
  private final String attribute;
  private final String value;
  private final Set<String> named;

  private Ownership(String attribute, String value, Set<String> named) {
    this.attribute = attribute;
    this.value = value;
    this.named = named;
  }

  /** Ownership by the marker {@code attribute} = {@code value}, with no group names in scope. */
  public static Ownership of(String attribute, String value) {
    return new Ownership(attribute, value, Set.of());
  }

  /** Ownership by a desired state's marker. */
  public static Ownership of(DesiredState.Marker marker) {
    return of(marker.attribute(), marker.value());
  }

  /** The same marker, with {@code groupNames} (the manifests' groups) in scope as well. */
  public Ownership naming(Collection<String> groupNames) {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(groupNames);
    return new Ownership(attribute, value, names);
  }

  /** Whether {@code g} carries this repository's marker, whatever its type. */
  public boolean marked(ActualState.Group g) {
    return g.attribute(attribute).map(value::equals).orElse(false);
  }

  /** The marker value {@code g} carries, ours or another repository's; empty when unmarked. */
  public Optional<String> marker(ActualState.Group g) {
    return g.attribute(attribute);
  }

  /** Whether okta-groups owns {@code g}: an OKTA_GROUP with this repository's marker. */
  public boolean owns(ActualState.Group g) {
    return g.type() == ActualState.GroupType.OKTA_GROUP && marked(g);
  }

  /** Whether a manifest names {@code g}, by name in any case. */
  public boolean named(ActualState.Group g) {
    return named.contains(g.name());
  }

  /** Whether to read {@code g}'s members: an OKTA_GROUP that is owned or named. */
  public boolean inReadScope(ActualState.Group g) {
    return g.type() == ActualState.GroupType.OKTA_GROUP && (marked(g) || named(g));
  }

  /** Whether {@code g} belongs in a plan's fingerprint: marked or named, of any type. */
  public boolean inFingerprint(ActualState.Group g) {
    return marked(g) || named(g);
  }
}
