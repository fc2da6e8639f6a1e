/**
 * Brings an existing org under Git: from a read of the whole org to manifests, additions to
 * okta-groups.yaml, and a report of what was imported and what was not, and why. Rules are taken
 * back to selectors exactly or not at all ({@link dev.oktagroups.compile.ReverseCompiler}), and
 * every draft is validated before it is written, so an import never leaves a repository that does
 * not validate, and its first plan changes nobody's access.
 *
 * <p>Pure: it reads nothing and writes nothing itself. May import: {@code manifest}, {@code
 * compile}, {@code validate}, {@code source}, {@code state}, {@code diag}, Jackson.
 */
package dev.oktagroups.importer;
