/**
 * Compiles valid manifests and okta-groups.yaml into the {@link dev.oktagroups.state.DesiredState}:
 * group profiles, rule names and expressions, resolved app ids, push targets, and which named
 * members are still in force. {@link dev.oktagroups.compile.ReverseCompiler} goes the other way,
 * from an Okta rule expression back to a selector, exactly or not at all.
 *
 * <p>Pure. May import: {@code manifest}, {@code state}, {@code diag} (the manifest lines a desired
 * channel keeps, for plan errors), Jackson (to copy app profiles).
 */
package dev.oktagroups.compile;
