package dev.oktagroups.validate;

import dev.oktagroups.diag.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every validation rule id, its severity and a one-line summary. Ids are stable: tools and
 * reviewers key on them, so a retired id is never reused. docs/validation-rules.md documents each
 * one, and a test keeps the two in step.
 */
public final class Rules {
  private Rules() {}

  /** A rule's catalogue entry. */
  public record Info(String id, Severity severity, String summary) {}

  private static final Map<String, Info> ALL = new LinkedHashMap<>();

  private static String e(String id, String summary) {
    ALL.put(id, new Info(id, Severity.ERROR, summary));
    return id;
  }

  private static String w(String id, String summary) {
    ALL.put(id, new Info(id, Severity.WARNING, summary));
    return id;
  }

  // YAML and file hygiene
  public static final String YAML_SYNTAX = e("yaml/syntax", "The file is not well-formed YAML.");
  public static final String YAML_DUPLICATE_KEY = e("yaml/duplicate-key", "A key appears twice in one mapping.");
  public static final String YAML_ENCODING = e("yaml/encoding", "The file is not UTF-8.");
  public static final String YAML_TOO_LARGE = e("yaml/too-large", "The file exceeds the size limit.");
  public static final String YAML_TOO_DEEP = e("yaml/too-deep", "Nesting exceeds the depth limit.");
  public static final String YAML_ALIASES = e("yaml/aliases", "Anchors and aliases expand beyond the limit (a 'billion laughs' file).");
  public static final String YAML_MULTI_DOCUMENT = e("yaml/multi-document", "The file holds more than one YAML document.");
  public static final String YAML_EMPTY = e("yaml/empty", "The file holds no YAML document.");
  public static final String YAML_TAG = e("yaml/tag", "The file uses a YAML tag or binary value.");
  public static final String FILE_EXTENSION = e("file/extension", "A manifest under groups/ ends in .yml instead of .yaml, so it would be ignored.");

  // Schema
  public static final String SCHEMA_UNKNOWN_KEY = e("schema/unknown-key", "A key the schema does not define, such as a misspelling.");
  public static final String SCHEMA_MISSING_KEY = e("schema/missing-key", "A required key is missing.");
  public static final String SCHEMA_WRONG_TYPE = e("schema/wrong-type", "A value has the wrong type, such as a number where text belongs.");
  public static final String SCHEMA_INVALID_VALUE = e("schema/invalid-value", "A value is outside what the schema allows.");

  // Kind consistency
  public static final String KIND_MANAGED_MEMBERS = e("kind/managed-members", "A managed group lists members.");
  public static final String KIND_RULE_REQUIRED = e("kind/rule-required", "A managed or hybrid group has no rule.");
  public static final String KIND_HYBRID_NO_EXCEPTIONS = e("kind/hybrid-no-exceptions", "A hybrid group lists no exceptions.");
  public static final String KIND_MANUAL_RULE = e("kind/manual-rule", "A manual group has a rule.");
  public static final String KIND_MANUAL_NO_MEMBERS = w("kind/manual-no-members", "A manual group lists no members.");

  // Names
  public static final String NAME_FILE_MISMATCH = e("name/file-mismatch", "The name differs from the file name.");
  public static final String NAME_DUPLICATE = e("name/duplicate", "Two manifests declare the same name, ignoring case.");
  public static final String NAME_FORMAT = e("name/format", "The name is not lowercase words separated by dots.");
  public static final String NAME_CONVENTION = e("name/convention", "The name does not follow the convention for its kind.");
  public static final String NAME_APP_WITHOUT_APPS = w("name/app-without-apps", "An app.… group is assigned to no app.");
  public static final String NAME_REJECTED_PREFIX = e("name/rejected-prefix", "The name uses a prefix the handbook rejects (sot, auto, dyn).");
  public static final String NAME_RULE_TOO_LONG = e("name/rule-too-long", "The group rule, named after the group, would exceed Okta's 50 characters.");
  public static final String NAME_MANAGED_MISMATCH = w("name/managed-mismatch", "The name does not spell out what the selector selects.");

  // Selectors
  public static final String SELECTOR_UNKNOWN_ATTRIBUTE = e("selector/unknown-attribute", "The selector uses an attribute outside the catalog.");
  public static final String SELECTOR_UNKNOWN_VALUE = e("selector/unknown-value", "The selector uses a value outside the attribute's allowed values.");
  public static final String SELECTOR_EMPTY_VALUE = e("selector/empty-value", "The selector compares with an empty or blank value.");
  public static final String SELECTOR_DUPLICATE_VALUE = e("selector/duplicate-value", "The selector lists a value twice.");
  public static final String SELECTOR_UNQUOTABLE = e("selector/unquotable-value", "A value holds both quote characters, which Okta's expression language cannot quote.");

  // Apps and push
  public static final String APPS_UNKNOWN = e("apps/unknown-app", "An app is not in the app catalog.");
  public static final String APPS_DUPLICATE = e("apps/duplicate", "An app is listed twice.");
  public static final String PUSH_UNKNOWN_APP = e("push/unknown-app", "The push app is not in the app catalog.");
  public static final String PUSH_UNSUPPORTED = e("push/unsupported-app", "The push app does not support group push (gitlab.com, for one).");
  public static final String PUSH_SINGLE_APP = e("push/single-app", "A push group lists more than one app.");
  public static final String PUSH_AND_APPS = e("push/and-apps", "A group is both assigned to apps and pushed.");
  public static final String PUSH_GOOGLE_NAME = e("push/google-name", "The Google group name exceeds Google's limit.");
  public static final String PUSH_GOOGLE_EMAIL = e("push/google-email", "The Google group address is invalid or outside the configured domain.");
  public static final String PUSH_EMAIL_NOT_GOOGLE = e("push/email-not-google", "An email is set for a push app that is not Google Workspace.");
  public static final String PUSH_DUPLICATE_TARGET = e("push/duplicate-target", "Two push groups feed the same downstream group.");

  // Members
  public static final String MEMBERS_INVALID_EMAIL = e("members/invalid-email", "A member is not a valid email address.");
  public static final String MEMBERS_DUPLICATE = e("members/duplicate", "A member is listed twice, ignoring case.");
  public static final String MEMBERS_REQUEST_REQUIRED = e("members/request-required", "A member has no access-request link.");
  public static final String MEMBERS_REQUEST_FORMAT = e("members/request-format", "An access-request link does not match members.requestPattern.");
  public static final String MEMBERS_INVALID_DATE = e("members/invalid-date", "An expiry date is not a real YYYY-MM-DD date.");
  public static final String MEMBERS_EXPIRED = w("members/expired", "A member's access has expired; the entry should be removed.");

  // Owners
  public static final String OWNERS_REQUIRED = e("owners/required", "The group has no owner.");
  public static final String OWNERS_FORMAT = e("owners/format", "An owner is not a GitLab handle.");

  // Org configuration
  public static final String CONFIG_MISSING = e("config/missing", "okta-groups.yaml is missing or unreadable.");
  public static final String CONFIG_DUPLICATE_SHORTNAME = e("config/duplicate-shortname", "Two catalog attributes share a shortname.");
  public static final String CONFIG_POPULATION = e("config/population", "The default population names an attribute or value outside the catalog.");
  public static final String CONFIG_GOOGLE_DOMAIN = e("config/google-domain", "A Google push app has no emailDomain.");
  public static final String CONFIG_REQUEST_PATTERN = e("config/request-pattern", "members.requestPattern is not a valid regular expression.");
  public static final String CONFIG_DUPLICATE_APP_ID = e("config/duplicate-app-id", "Two catalog apps share an Okta app id.");

  /** Every rule, in catalogue order. */
  public static Map<String, Info> all() {
    return Map.copyOf(ALL);
  }

  public static Info info(String id) {
    Info i = ALL.get(id);
    if (i == null) {
      throw new IllegalArgumentException("unknown rule id " + id);
    }
    return i;
  }
}
