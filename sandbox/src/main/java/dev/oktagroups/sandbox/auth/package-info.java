/**
 * Okta's org authorization server, for service apps: the registered clients with their public keys
 * and granted scopes, the check of a {@code private_key_jwt} client assertion, and the bearer
 * tokens issued for it. A store of its own, apart from the org, so clients and tokens survive no
 * org reset and never show in an export.
 *
 * <p>May import: Jackson, the JDK.
 */
package dev.oktagroups.sandbox.auth;
