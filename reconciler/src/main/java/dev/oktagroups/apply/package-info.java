/**
 * Apply: runs a plan's changes, in order, through the {@code port} writer, and reports what
 * happened to each. It executes the plan exactly; it never re-plans.
 *
 * <p>May import: {@code plan}, {@code port}, {@code state} (the enums of the typed values).
 */
package dev.oktagroups.apply;
