package dev.oktagroups.plan;

/**
 * Where a change goes in the plan's order, first to last. Creates go group, rule, members,
 * assignments, push mapping, channel links; deletes go the other way, so nothing is left pointing
 * at a deleted object and people gain new access before losing the old. Within a phase, changes go
 * by group name, then by key.
 */
enum Phase {
  /** Groups created or updated. */
  GROUPS,
  /** Rules created, updated or replaced; INVALID leftovers deleted. */
  RULES,
  /** Direct members added. */
  MEMBERS_ADDED,
  /** Direct members removed. */
  MEMBERS_REMOVED,
  /** App assignments created or updated. */
  ASSIGNMENTS,
  /** Push mappings created, reactivated or replaced. */
  PUSH_MAPPINGS,
  /**
   * Slack channels linked to, and unlinked from, push groups' user groups: after the mapping that
   * creates the user group. An unlink removes nobody from a channel, so it needs no earlier place.
   */
  CHANNEL_LINKS,
  /** Push mappings deleted. */
  PUSH_MAPPINGS_DELETED,
  /** App assignments deleted. */
  ASSIGNMENTS_DELETED,
  /** Rules deleted from groups that no longer have one, or whose manifest was deleted. */
  RULES_DELETED,
  /** Groups whose manifest was deleted. */
  GROUPS_DELETED
}
