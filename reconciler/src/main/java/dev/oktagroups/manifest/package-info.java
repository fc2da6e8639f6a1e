/**
 * The manifest model: records mirroring {@code groups/*.yaml} and {@code okta-groups.yaml}, and the
 * pure functions that turn file bytes into them ({@link dev.oktagroups.manifest.YamlReader}, {@link
 * dev.oktagroups.manifest.ManifestBinder}, {@link dev.oktagroups.manifest.ConfigBinder}).
 *
 * <p>Nothing here does I/O: callers hand in bytes. Every record keeps the JSON pointer it came
 * from, so later stages can report findings at the right line.
 *
 * <p>May import: {@code diag}, Jackson, SnakeYAML, the JDK.
 *
 * <p>SnakeYAML is imported on purpose, and only by the reader ({@code YamlReader}, {@code
 * YamlTree}): the tree is built from SnakeYAML's parser events because they carry the line and
 * column of every key and value, and because Jackson's YAML tree hides aliases, YAML 1.1 booleans
 * and repeated keys, which must each become a finding. SnakeYAML is the parser Jackson's YAML
 * module uses anyway, so it adds no dependency. Everything else in the package sees only Jackson's
 * {@code JsonNode}.
 */
package dev.oktagroups.manifest;
