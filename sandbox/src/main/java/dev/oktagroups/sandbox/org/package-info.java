/**
 * The emulated Okta org: users, groups, memberships, group rules, apps, app assignments, push
 * mappings and the downstream directories push feeds, with Okta's documented semantics.
 *
 * <p>{@link dev.oktagroups.sandbox.org.Org} is the single, thread-safe owner of all state: a façade
 * over package-private stores ({@code UserStore}, {@code GroupStore}, {@code RuleEngine}, {@code
 * AppStore}, {@code PushStore}) that assume its lock is held. Every operation holds the lock, so
 * the HTTP layer can serve requests concurrently. The entities it returns are live, so whoever
 * renders them does so under the same lock ({@code Org.locked}); profiles are the exception,
 * immutable snapshots that updates replace rather than change. Operations throw {@link
 * dev.oktagroups.sandbox.org.OktaError} with Okta's error codes.
 *
 * <p>May import: {@code sandbox.expr}, Jackson (for JSON views), the JDK.
 */
package dev.oktagroups.sandbox.org;
