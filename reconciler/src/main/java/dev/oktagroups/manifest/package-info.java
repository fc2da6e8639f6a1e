/**
 * The manifest model: records mirroring {@code groups/*.yaml} and {@code okta-groups.yaml}, and
 * the pure functions that turn file bytes into them ({@link dev.oktagroups.manifest.YamlReader},
 * {@link dev.oktagroups.manifest.ManifestBinder}, {@link dev.oktagroups.manifest.ConfigBinder}).
 *
 * <p>Nothing here does I/O: callers hand in bytes. Every record keeps the JSON pointer it came
 * from, so later stages can report findings at the right line.
 *
 * <p>May import: {@code diag}, Jackson.
 */
package dev.oktagroups.manifest;
