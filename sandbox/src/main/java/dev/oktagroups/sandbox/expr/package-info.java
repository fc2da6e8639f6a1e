/**
 * The two small languages the sandbox parses: the Okta Expression Language subset group rules use,
 * and the SCIM-style filters of {@code search} and {@code filter} list parameters.
 *
 * <p>Pure: parsers and evaluators over plain maps. May import: the JDK only.
 */
package dev.oktagroups.sandbox.expr;
