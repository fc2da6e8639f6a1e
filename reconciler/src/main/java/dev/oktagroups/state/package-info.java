/**
 * The two states okta-groups compares: what the manifests want ({@link
 * dev.oktagroups.state.DesiredState}) and what Okta has ({@link dev.oktagroups.state.ActualState}).
 * Plain immutable records, serialisable to JSON so golden tests can store actual states as files.
 *
 * <p>May import: the JDK, Jackson annotations, and {@code dev.oktagroups.manifest.Kind} (a desired
 * group's kind is the manifest's own enum, not a second spelling of it).
 */
package dev.oktagroups.state;
