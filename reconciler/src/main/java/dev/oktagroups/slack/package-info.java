/**
 * The Slack adapter: the only user of Slack's Java SDK. {@link
 * dev.oktagroups.slack.SlackConnection} implements the {@code port} Slack reader and writer: it
 * finds the user groups Okta's pushes made, resolves channel names to ids once per run, and links
 * and unlinks channels, on Enterprise Grid through the {@code admin.usergroups.*} methods and on a
 * plain workspace through {@code usergroups.update}. {@link dev.oktagroups.slack.SlackCalls} waits
 * out 429s as Slack's {@code Retry-After} says and turns {@code ok: false} answers into failures
 * that say what to do.
 *
 * <p>May import: {@code port}, {@code state}, Slack's SDK.
 */
package dev.oktagroups.slack;
