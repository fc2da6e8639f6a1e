package dev.oktagroups.sandbox.org;

import java.time.Instant;
import java.util.Optional;

/** A group push mapping: Okta keeps the target APP_GROUP in step with the source group. */
public final class PushMapping {
  /** ACTIVE pushes; INACTIVE does not; ERROR could not push. */
  public enum Status {
    ACTIVE,
    INACTIVE,
    ERROR
  }

  final String id;
  final String appId;
  final String sourceGroupId;
  final String targetGroupId;
  Status status;
  String errorSummary;
  Instant lastPush;
  final Instant created;
  Instant lastUpdated;

  PushMapping(
      String id,
      String appId,
      String sourceGroupId,
      String targetGroupId,
      Status status,
      Instant created) {
    this.id = id;
    this.appId = appId;
    this.sourceGroupId = sourceGroupId;
    this.targetGroupId = targetGroupId;
    this.status = status;
    this.created = created;
    this.lastUpdated = created;
  }

  public String id() {
    return id;
  }

  public String appId() {
    return appId;
  }

  public String sourceGroupId() {
    return sourceGroupId;
  }

  public String targetGroupId() {
    return targetGroupId;
  }

  public Status status() {
    return status;
  }

  public Optional<String> errorSummary() {
    return Optional.ofNullable(errorSummary);
  }

  public Optional<Instant> lastPush() {
    return Optional.ofNullable(lastPush);
  }

  public Instant created() {
    return created;
  }

  public Instant lastUpdated() {
    return lastUpdated;
  }
}
