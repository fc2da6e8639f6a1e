package dev.oktagroups.sandbox.org;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A group's assignment to an app: priority and app-specific profile. */
public final class Assignment {
  final String appId;
  final String groupId;
  int priority;
  LinkedHashMap<String, Object> profile;
  Instant lastUpdated;

  Assignment(String appId, String groupId, int priority, LinkedHashMap<String, Object> profile, Instant at) {
    this.appId = appId;
    this.groupId = groupId;
    this.priority = priority;
    this.profile = profile;
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

  public Map<String, Object> profile() {
    return Collections.unmodifiableMap(profile);
  }

  public Instant lastUpdated() {
    return lastUpdated;
  }
}
