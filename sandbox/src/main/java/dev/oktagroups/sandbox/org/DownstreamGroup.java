package dev.oktagroups.sandbox.org;

import java.util.Optional;
import java.util.SortedSet;

/**
 * What the downstream app (Google Workspace, Slack) holds for one pushed group: its name, its
 * address for Google, and its members' logins. This is what people in those tools would see.
 */
public record DownstreamGroup(
    String appId,
    String targetGroupId,
    String name,
    Optional<String> email,
    SortedSet<String> members) {}
