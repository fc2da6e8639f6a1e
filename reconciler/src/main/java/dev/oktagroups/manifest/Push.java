package dev.oktagroups.manifest;

import java.util.Optional;

/**
 * Makes the group a push group: Okta keeps a matching group in one downstream app.
 *
 * @param app the push-capable app's catalog key
 * @param email Google only: the group's address; derived from the name when empty
 * @param target the downstream group name (Slack handle, or Google group name); derived from the
 *     Okta group name when empty
 * @param pointer JSON pointer of the {@code push} mapping
 */
public record Push(String app, Optional<String> email, Optional<String> target, String pointer) {}
