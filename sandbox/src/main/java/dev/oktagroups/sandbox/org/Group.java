package dev.oktagroups.sandbox.org;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A group. OKTA_GROUPs are managed through the API; APP_GROUPs come from an app (here: push
 * targets); the BUILT_IN Everyone holds every user and is read-only.
 */
public final class Group {
  /** Okta's group types. */
  public enum Type {
    OKTA_GROUP,
    APP_GROUP,
    BUILT_IN
  }

  final String id;
  final Type type;
  final Instant created;
  Instant lastUpdated;
  Instant lastMembershipUpdated;
  Instant searchableAt;

  /** Never mutated: a replace swaps it, so readers see one whole version (as for users). */
  volatile Map<String, Object> profile;

  /** For APP_GROUPs, the app they belong to. */
  final String sourceAppId;

  /** Members by user id, sorted so the {@code after} cursor is stable. Empty for Everyone. */
  final TreeMap<String, Membership> members = new TreeMap<>();

  Group(String id, Type type, Instant created, Map<String, Object> profile, String sourceAppId) {
    this.id = id;
    this.type = type;
    this.created = created;
    this.lastUpdated = created;
    this.lastMembershipUpdated = created;
    this.searchableAt = created;
    this.profile = Profiles.frozen(profile);
    this.sourceAppId = sourceAppId;
  }

  public String id() {
    return id;
  }

  public Type type() {
    return type;
  }

  public String name() {
    return String.valueOf(profile.get("name"));
  }

  public Instant created() {
    return created;
  }

  public Instant lastUpdated() {
    return lastUpdated;
  }

  public Instant lastMembershipUpdated() {
    return lastMembershipUpdated;
  }

  /** The profile: an unmodifiable snapshot, which later updates do not change. */
  public Map<String, Object> profile() {
    return profile;
  }

  public Optional<String> sourceAppId() {
    return Optional.ofNullable(sourceAppId);
  }

  /** How each member got in, by user id. Everyone's implicit membership is not listed here. */
  public Map<String, Membership> members() {
    return Collections.unmodifiableMap(members);
  }
}
