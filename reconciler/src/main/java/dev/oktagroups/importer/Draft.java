package dev.oktagroups.importer;

import dev.oktagroups.manifest.Kind;
import dev.oktagroups.manifest.Selector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The manifest an import would write for one Okta group, before it is validated.
 *
 * @param rule the selector, exact for {@code ruleExpression}
 * @param everyUserType whether the rule never names the population attribute (so {@code population:
 *     all})
 * @param ruleName the Okta rule's name, kept; empty when several rules were merged
 * @param ruleExpression the Okta rule's expression, kept; empty when several rules were merged
 * @param merged the names of the Okta rules merged into the one rule, when there were several
 * @param excluded logins the rule excludes
 * @param members logins of the direct members
 * @param seen the Okta attributes the rule reads, with the values it names
 * @param warnings what the import noticed that a reviewer should know
 */
record Draft(
    String name,
    Kind kind,
    String description,
    List<String> owners,
    Optional<Selector> rule,
    boolean everyUserType,
    String ruleName,
    String ruleExpression,
    List<String> merged,
    List<String> excluded,
    List<String> members,
    List<App> apps,
    Optional<Push> push,
    Map<String, Set<String>> seen,
    List<String> warnings) {

  /** An app assignment, with Okta's priority and profile. */
  record App(String key, int priority, Map<String, Object> profile) {}

  /** A push mapping: the app and the downstream name or address, exactly as Okta has it. */
  record Push(String app, Optional<String> email, Optional<String> target) {}
}
