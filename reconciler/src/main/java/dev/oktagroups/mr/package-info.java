/**
 * The plan as a merge-request note: its Markdown body (pure, {@link dev.oktagroups.mr.PlanNote})
 * and the GitLab API client that posts it once and updates it in place afterwards ({@link
 * dev.oktagroups.mr.GitLabNotes}, an adapter over the JDK's HTTP client).
 *
 * <p>May import: {@code plan}, {@code validate}, {@code report}, {@code diag}, Jackson, the JDK.
 */
package dev.oktagroups.mr;
