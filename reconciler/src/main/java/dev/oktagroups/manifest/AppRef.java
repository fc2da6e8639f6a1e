package dev.oktagroups.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * An application the group is assigned to.
 *
 * @param app a key of the app catalog in okta-groups.yaml
 * @param priority the assignment priority when the manifest sets one; when empty okta-groups leaves
 *     Okta's value alone, which avoids the perpetual diff peers suffer from
 * @param profile app-specific assignment profile (for example a role); empty object when absent
 * @param pointer JSON pointer of the entry
 */
public record AppRef(String app, OptionalInt priority, ObjectNode profile, String pointer) {}
