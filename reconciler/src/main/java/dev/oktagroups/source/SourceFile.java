package dev.oktagroups.source;

/**
 * One file's content.
 *
 * @param path repository-relative, forward slashes, e.g. {@code groups/div.security.yaml}
 */
public record SourceFile(String path, byte[] bytes) {}
