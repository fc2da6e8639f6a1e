package dev.oktagroups.sandbox.org;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A user: status, timestamps and profile. Mutated only by {@link Org}, under its lock. */
public final class User {
  /** Okta's user statuses; rules evaluate ACTIVE users only. */
  public enum Status {
    STAGED,
    PROVISIONED,
    ACTIVE,
    RECOVERY,
    PASSWORD_EXPIRED,
    LOCKED_OUT,
    SUSPENDED,
    DEPROVISIONED
  }

  final String id;
  Status status;
  final Instant created;
  Instant activated;
  Instant statusChanged;
  Instant lastUpdated;
  Instant searchableAt;

  /**
   * Never mutated: an update replaces it, so a reader holding it, inside the lock or not, sees one
   * whole version.
   */
  volatile Map<String, Object> profile;

  /** Groups the user belongs to, except Everyone (implicit). */
  final Set<String> groups = new HashSet<>();

  User(String id, Status status, Instant created, Map<String, Object> profile) {
    this.id = id;
    this.status = status;
    this.created = created;
    this.lastUpdated = created;
    this.searchableAt = created;
    this.profile = Profiles.frozen(profile);
    if (status == Status.ACTIVE) {
      activated = created;
      statusChanged = created;
    }
  }

  public String id() {
    return id;
  }

  public Status status() {
    return status;
  }

  public String login() {
    return String.valueOf(profile.get("login"));
  }

  public Instant created() {
    return created;
  }

  public Optional<Instant> activated() {
    return Optional.ofNullable(activated);
  }

  public Optional<Instant> statusChanged() {
    return Optional.ofNullable(statusChanged);
  }

  public Instant lastUpdated() {
    return lastUpdated;
  }

  /** The profile: an unmodifiable snapshot, which later updates do not change. */
  public Map<String, Object> profile() {
    return profile;
  }

  /** The ids of the groups the user is in, Everyone excluded. */
  public Set<String> groupIds() {
    return Collections.unmodifiableSet(groups);
  }
}
