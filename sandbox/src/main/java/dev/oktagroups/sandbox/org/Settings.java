package dev.oktagroups.sandbox.org;

import java.time.Duration;

/**
 * Behaviour switches: what differs between Okta releases, and realism knobs that are off by
 * default. Read on every use, so tests may flip them while the sandbox runs.
 */
public final class Settings {
  /**
   * Replace Group Rule may change target groups (Okta 2026.07.0 Preview, 2026.08.0 GA). Off mimics
   * older orgs, where a target change is rejected and needs delete and recreate.
   */
  public volatile boolean editableRuleTargets = true;

  /** Push mappings in ERROR may be deleted (Okta 2026.07.0); off: only INACTIVE ones. */
  public volatile boolean deletePushMappingInError = true;

  /**
   * {@code _embedded.stats.groupPushMappingsCount} counts only a group's ACTIVE mappings. Okta's
   * docs do not say which statuses it counts; the sandbox counts all of them unless this is on, so
   * tests can hold a client to either reading.
   */
  public volatile boolean pushMappingsCountActiveOnly = false;

  /**
   * Search lag: objects created within this window are not yet visible to {@code search}, {@code
   * filter} and {@code q} reads (Okta's index is eventually consistent). GETs by id are always
   * consistent. In sandbox time: scaled by the time scale.
   */
  public volatile Duration searchLag = Duration.ZERO;

  /**
   * Delay before group rules evaluate after an activation or a profile or membership change (Okta
   * evaluates asynchronously). In sandbox time: scaled by the time scale.
   */
  public volatile Duration ruleEvaluationDelay = Duration.ZERO;

  /**
   * Delay between an event happening and the System Log storing it (Okta documents that events can
   * arrive late). A late event is stored after events published later than it. In sandbox time:
   * scaled by the time scale.
   */
  public volatile Duration logDeliveryDelay = Duration.ZERO;
}
