/**
 * Diagnostics: findings with a stable rule id, a message, a hint and a source location, and {@link
 * dev.oktagroups.diag.Rule}, the one catalogue of rule ids and severities they are built from.
 *
 * <p>Every stage collects diagnostics instead of throwing them one at a time, so a run reports
 * everything wrong at once. Only the CLI turns them into exit codes.
 *
 * <p>May import: the JDK only.
 */
package dev.oktagroups.diag;
