/**
 * The narrow interfaces the pure stages use to reach Okta: {@link dev.oktagroups.port.OktaReader}
 * reads the actual state, {@link dev.oktagroups.port.OktaWriter} makes single changes. The {@code
 * okta} package implements them with okta-sdk-java; nothing else sees the SDK. {@link
 * dev.oktagroups.port.OrgReader} reads a whole org for an import. Slack is a port of its own beside
 * Okta's: {@link dev.oktagroups.port.SlackReader} and {@link dev.oktagroups.port.SlackWriter},
 * which the {@code slack} package implements with Slack's SDK.
 *
 * <p>May import: {@code state}, {@code plan} (the read scope).
 */
package dev.oktagroups.port;
