package dev.oktagroups.diag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of validation rules: every rule id, its severity and a one-line summary. Every
 * {@link Diagnostic} is built from one of these entries, so a finding's id and severity can never
 * drift from the catalogue.
 *
 * <p>Ids are stable: tools and reviewers key on them, so a retired id is never reused.
 * docs/validation-rules.md documents each one in this order, and a test keeps the two in step. The
 * catalogue lives here rather than in {@code validate} because the YAML reader in {@code manifest}
 * reports findings too, and {@code manifest} may not import {@code validate}.
 */
public enum Rule {
  // YAML and file hygiene
  YAML_SYNTAX("yaml/syntax", Severity.ERROR, "The file is not well-formed YAML."),
  YAML_DUPLICATE_KEY("yaml/duplicate-key", Severity.ERROR, "A key appears twice in one mapping."),
  YAML_ENCODING("yaml/encoding", Severity.ERROR, "The file is not UTF-8."),
  YAML_TOO_LARGE("yaml/too-large", Severity.ERROR, "The file exceeds the size limit."),
  YAML_TOO_DEEP("yaml/too-deep", Severity.ERROR, "Nesting exceeds the depth limit."),
  YAML_ALIASES(
      "yaml/aliases",
      Severity.ERROR,
      "Anchors and aliases expand beyond the limit (a 'billion laughs' file)."),
  YAML_MULTI_DOCUMENT(
      "yaml/multi-document", Severity.ERROR, "The file holds more than one YAML document."),
  YAML_EMPTY("yaml/empty", Severity.ERROR, "The file holds no YAML document."),
  YAML_TAG("yaml/tag", Severity.ERROR, "The file uses a YAML tag or binary value."),
  FILE_EXTENSION(
      "file/extension",
      Severity.ERROR,
      "A manifest under groups/ ends in .yml instead of .yaml, so it would be ignored."),

  // Schema
  SCHEMA_UNKNOWN_KEY(
      "schema/unknown-key",
      Severity.ERROR,
      "A key the schema does not define, such as a misspelling."),
  SCHEMA_MISSING_KEY("schema/missing-key", Severity.ERROR, "A required key is missing."),
  SCHEMA_WRONG_TYPE(
      "schema/wrong-type",
      Severity.ERROR,
      "A value has the wrong type, such as a number where text belongs."),
  SCHEMA_INVALID_VALUE(
      "schema/invalid-value", Severity.ERROR, "A value is outside what the schema allows."),

  // Kind consistency
  KIND_MANAGED_MEMBERS("kind/managed-members", Severity.ERROR, "A managed group lists members."),
  KIND_RULE_REQUIRED(
      "kind/rule-required", Severity.ERROR, "A managed or hybrid group has no rule."),
  KIND_HYBRID_NO_EXCEPTIONS(
      "kind/hybrid-no-exceptions", Severity.ERROR, "A hybrid group lists no exceptions."),
  KIND_MANUAL_RULE("kind/manual-rule", Severity.ERROR, "A manual group has a rule."),
  KIND_MANUAL_NO_MEMBERS(
      "kind/manual-no-members", Severity.WARNING, "A manual group lists no members."),

  // Names
  NAME_FILE_MISMATCH("name/file-mismatch", Severity.ERROR, "The name differs from the file name."),
  NAME_DUPLICATE(
      "name/duplicate", Severity.ERROR, "Two manifests declare the same name, ignoring case."),
  NAME_FORMAT("name/format", Severity.ERROR, "The name is not lowercase words separated by dots."),
  NAME_CONVENTION(
      "name/convention", Severity.ERROR, "The name does not follow the convention for its kind."),
  NAME_APP_WITHOUT_APPS(
      "name/app-without-apps", Severity.WARNING, "An app.… group is assigned to no app."),
  NAME_REJECTED_PREFIX(
      "name/rejected-prefix",
      Severity.ERROR,
      "The name uses a prefix the handbook rejects (sot, auto, dyn)."),
  NAME_RULE_TOO_LONG(
      "name/rule-too-long",
      Severity.ERROR,
      "The group rule, named after the group, would exceed Okta's 50 characters."),
  NAME_MANAGED_MISMATCH(
      "name/managed-mismatch",
      Severity.WARNING,
      "The name does not spell out what the selector selects."),

  // Selectors
  SELECTOR_UNKNOWN_ATTRIBUTE(
      "selector/unknown-attribute",
      Severity.ERROR,
      "The selector uses an attribute outside the catalog."),
  SELECTOR_UNKNOWN_VALUE(
      "selector/unknown-value",
      Severity.ERROR,
      "The selector uses a value outside the attribute's allowed values."),
  SELECTOR_EMPTY_VALUE(
      "selector/empty-value",
      Severity.ERROR,
      "The selector compares with an empty or blank value."),
  SELECTOR_DUPLICATE_VALUE(
      "selector/duplicate-value", Severity.ERROR, "The selector lists a value twice."),
  SELECTOR_UNQUOTABLE(
      "selector/unquotable-value",
      Severity.ERROR,
      "A value holds both quote characters, which Okta's expression language cannot quote."),

  // Apps and push
  APPS_UNKNOWN("apps/unknown-app", Severity.ERROR, "An app is not in the app catalog."),
  APPS_DUPLICATE("apps/duplicate", Severity.ERROR, "An app is listed twice."),
  PUSH_UNKNOWN_APP("push/unknown-app", Severity.ERROR, "The push app is not in the app catalog."),
  PUSH_UNSUPPORTED(
      "push/unsupported-app",
      Severity.ERROR,
      "The push app does not support group push (gitlab.com, for one)."),
  PUSH_SINGLE_APP("push/single-app", Severity.ERROR, "A push group lists more than one app."),
  PUSH_AND_APPS("push/and-apps", Severity.ERROR, "A group is both assigned to apps and pushed."),
  PUSH_GOOGLE_NAME(
      "push/google-name", Severity.ERROR, "The Google group name exceeds Google's limit."),
  PUSH_GOOGLE_EMAIL(
      "push/google-email",
      Severity.ERROR,
      "The Google group address is invalid or outside the configured domain."),
  PUSH_EMAIL_NOT_GOOGLE(
      "push/email-not-google",
      Severity.ERROR,
      "An email is set for a push app that is not Google Workspace."),
  PUSH_DUPLICATE_TARGET(
      "push/duplicate-target", Severity.ERROR, "Two push groups feed the same downstream group."),
  PUSH_CHANNEL_NAME(
      "push/channel-name", Severity.ERROR, "A channel is neither a Slack channel name nor an id."),
  PUSH_DUPLICATE_CHANNEL(
      "push/duplicate-channel", Severity.ERROR, "A push group lists a channel twice."),
  PUSH_CHANNELS_NOT_SLACK(
      "push/channels-not-slack", Severity.ERROR, "Channels are listed for a push app not Slack."),
  PUSH_CHANNELS_NO_SETTINGS(
      "push/channels-no-settings",
      Severity.ERROR,
      "Channels are listed for a Slack app without slack settings."),

  // Members
  MEMBERS_INVALID_EMAIL(
      "members/invalid-email", Severity.ERROR, "A member is not a valid email address."),
  MEMBERS_DUPLICATE(
      "members/duplicate", Severity.ERROR, "A member is listed twice, ignoring case."),
  MEMBERS_REQUEST_REQUIRED(
      "members/request-required", Severity.ERROR, "A member has no access-request link."),
  MEMBERS_REQUEST_FORMAT(
      "members/request-format",
      Severity.ERROR,
      "An access-request link does not match members.requestPattern."),
  MEMBERS_INVALID_DATE(
      "members/invalid-date", Severity.ERROR, "An expiry date is not a real YYYY-MM-DD date."),
  MEMBERS_EXPIRED(
      "members/expired",
      Severity.WARNING,
      "A member's access has expired; the entry should be removed."),

  // Owners
  OWNERS_REQUIRED("owners/required", Severity.ERROR, "The group has no owner."),
  OWNERS_FORMAT("owners/format", Severity.ERROR, "An owner is not a GitLab handle."),

  // Imported groups and rule exclusions
  IMPORTED_NAME_GRANDFATHERED(
      "imported/name-grandfathered",
      Severity.WARNING,
      "A grandfathered name breaks the conventions; it is kept as Okta has it."),
  IMPORTED_GRANDFATHERED_NEW_GROUP(
      "imported/grandfathered-new-group",
      Severity.ERROR,
      "A new group, not one adopted from Okta, relies on the grandfathering list."),
  IMPORTED_MEMBER_WITHOUT_REQUEST(
      "imported/member-without-request",
      Severity.WARNING,
      "A member found in Okta at import has no access request on record."),
  IMPORTED_PUSH_AND_APPS(
      "imported/push-and-apps",
      Severity.WARNING,
      "An adopted group is both assigned to apps and pushed, as it was in Okta."),
  EXCLUDED_WITHOUT_RULE(
      "excluded/without-rule", Severity.ERROR, "A group without a rule lists exclusions."),
  EXCLUDED_INVALID_EMAIL(
      "excluded/invalid-email", Severity.ERROR, "An excluded person is not an email address."),
  EXCLUDED_DUPLICATE(
      "excluded/duplicate", Severity.ERROR, "A person is excluded twice, ignoring case."),

  // Org configuration
  CONFIG_MISSING("config/missing", Severity.ERROR, "okta-groups.yaml is missing or unreadable."),
  CONFIG_DUPLICATE_SHORTNAME(
      "config/duplicate-shortname", Severity.ERROR, "Two catalog attributes share a shortname."),
  CONFIG_POPULATION(
      "config/population",
      Severity.ERROR,
      "The default population names an attribute or value outside the catalog."),
  CONFIG_GOOGLE_DOMAIN(
      "config/google-domain", Severity.ERROR, "A Google push app has no emailDomain."),
  CONFIG_REQUEST_PATTERN(
      "config/request-pattern",
      Severity.ERROR,
      "members.requestPattern is not a valid regular expression."),
  CONFIG_DUPLICATE_APP_ID(
      "config/duplicate-app-id", Severity.ERROR, "Two catalog apps share an Okta app id."),
  CONFIG_READ_CACHE_AGE(
      "config/read-cache-age",
      Severity.ERROR,
      "readCache.maxAge is not a duration, or is longer than 89 days.");
  private static final List<Rule> ALL = List.of(values());
  private static final Map<String, Rule> BY_ID = new HashMap<>();

  static {
    for (Rule r : ALL) {
      BY_ID.put(r.id, r);
    }
  }

  private final String id;
  private final Severity severity;
  private final String summary;

  Rule(String id, Severity severity, String summary) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
  }

  /** The stable id, such as {@code kind/managed-members}. */
  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  /** One sentence saying what the rule catches. */
  public String summary() {
    return summary;
  }

  /** Every rule, in catalogue order: the order of docs/validation-rules.md. */
  public static List<Rule> all() {
    return ALL;
  }

  /** The rule with this id, or empty when no rule has it. */
  public static Optional<Rule> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }
}
