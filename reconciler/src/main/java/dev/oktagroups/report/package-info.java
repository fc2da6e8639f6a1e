/**
 * Renders validation findings: text for people, JSON for tools, JUnit XML and GitLab Code Quality
 * JSON for merge-request widgets.
 *
 * <p>Pure: returns strings. May import: {@code diag}, {@code validate} (result records), Jackson,
 * the JDK.
 */
package dev.oktagroups.report;
