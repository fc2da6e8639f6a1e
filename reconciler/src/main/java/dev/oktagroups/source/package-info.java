/**
 * Sources of manifests: a directory on disk, or a Git commit read without a checkout.
 *
 * <p>An adapter: the only code besides {@code okta} and {@code cli} that does I/O. It hands the
 * pure stages plain bytes in a {@link dev.oktagroups.source.RepoSnapshot}.
 *
 * <p>May import: {@code diag}, JGit, the JDK.
 */
package dev.oktagroups.source;
