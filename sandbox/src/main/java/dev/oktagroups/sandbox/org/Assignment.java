package dev.oktagroups.sandbox.org;

import java.time.Instant;
import java.util.Map;

/** A group's assignment to an app: priority and app-specific profile. */
public final class Assignment {
  final String appId;
  final String groupId;
  int priority;

  /** Never mutated: changes swap it, as for user profiles. */
  volatile Map<String, Object> profile;

  Instant lastUpdated;

  Assignment(String appId, String groupId, int priority, Map<String, Object> profile, Instant at) {
    this.appId = appId;
    this.groupId = groupId;
    this.priority = priority;
    this.profile = Profiles.frozen(profile);
    this.lastUpdated = at;
  }

  public String appId() {
    return appId;
  }

  public String groupId() {
    return groupId;
  }

  public int priority() {
    return priority;
  }

  /** The profile: an unmodifiable snapshot, which later changes do not change. */
  public Map<String, Object> profile() {
    return profile;
  }

  public Instant lastUpdated() {
    return lastUpdated;
  }
}
