/**
 * The narrow interfaces the pure stages use to reach Okta: {@link dev.oktagroups.port.OktaReader}
 * reads the actual state, {@link dev.oktagroups.port.OktaWriter} makes single changes. The {@code
 * okta} package implements them with okta-sdk-java; nothing else sees the SDK. {@link
 * dev.oktagroups.port.OrgReader} reads a whole org for an import.
 *
 * <p>May import: {@code state}, {@code plan} (the read scope).
 */
package dev.oktagroups.port;
