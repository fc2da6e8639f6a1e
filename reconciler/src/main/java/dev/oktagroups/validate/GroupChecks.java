package dev.oktagroups.validate;

import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.OrgConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The semantic rules that look at one manifest, one {@link GroupCheck} per rule family: kind
 * consistency, naming, selectors, apps and push, members, and exclusions and adopted groups. Every
 * family runs; none stops the others. (Owners are checked by the schema.) Immutable, so one
 * instance serves every thread.
 */
final class GroupChecks {
  private final List<GroupCheck> families;

  /**
   * @param catalogKnown false when okta-groups.yaml is missing or unreadable: then the families
   *     that need the attribute and app catalogs are skipped instead of flagging everything unknown
   */
  GroupChecks(OrgConfig config, LocalDate today, boolean catalogKnown) {
    List<GroupCheck> l = new ArrayList<>();
    l.add(new KindChecks());
    l.add(new NameChecks(config, catalogKnown));
    if (catalogKnown) {
      l.add(new SelectorChecks(config));
      l.add(new AppChecks(config));
    }
    l.add(new MemberChecks(config, today));
    l.add(new ImportChecks());
    this.families = List.copyOf(l);
  }

  List<Diagnostic> check(GroupManifest m) {
    Findings out = new Findings(m.doc());
    for (GroupCheck family : families) {
      family.check(m, out);
    }
    return out.list();
  }
}
