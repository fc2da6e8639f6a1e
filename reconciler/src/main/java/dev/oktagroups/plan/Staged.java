package dev.oktagroups.plan;

import java.util.Comparator;

/**
 * A change and where it goes in the plan's order.
 *
 * @param early whether it goes ahead of its group's other changes in the phase: an INVALID leftover
 *     rule is deleted before the group's new rule is created
 */
record Staged(Phase phase, boolean early, Change change) {
  /** Phase, then group, then early ones first, then key. */
  static final Comparator<Staged> ORDER =
      Comparator.comparing(Staged::phase)
          .thenComparing(s -> s.change().group())
          .thenComparing(s -> !s.early())
          .thenComparing(s -> s.change().key());

  static Staged of(Phase phase, Change change) {
    return new Staged(phase, false, change);
  }

  static Staged early(Phase phase, Change change) {
    return new Staged(phase, true, change);
  }
}
