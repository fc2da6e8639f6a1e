package dev.oktagroups.sandbox.org;

import java.time.Instant;
import java.util.Optional;

/**
 * An application. Created by seeding (the app catalog), not through the API.
 *
 * @see Org#addApp
 */
public final class App {
  /** The kind of directory the app keeps for pushed groups. */
  public enum PushType {
    GOOGLE,
    SLACK,
    GENERIC
  }

  final String id;
  final String name;
  final String label;
  final boolean pushCapable;
  final PushType pushType;
  final String emailDomain;
  final Instant created;

  App(
      String id,
      String name,
      String label,
      boolean pushCapable,
      PushType pushType,
      String emailDomain,
      Instant created) {
    this.id = id;
    this.name = name;
    this.label = label;
    this.pushCapable = pushCapable;
    this.pushType = pushType;
    this.emailDomain = emailDomain;
    this.created = created;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String label() {
    return label;
  }

  public boolean pushCapable() {
    return pushCapable;
  }

  public PushType pushType() {
    return pushType;
  }

  public Optional<String> emailDomain() {
    return Optional.ofNullable(emailDomain);
  }

  public Instant created() {
    return created;
  }
}
