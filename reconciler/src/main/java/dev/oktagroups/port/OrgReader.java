package dev.oktagroups.port;

import dev.oktagroups.plan.Plan;
import dev.oktagroups.state.ActualState;
import java.util.function.Consumer;

/** Reads a whole org, for an import, with list endpoints only. */
public interface OrgReader {
  /**
   * Reads every group and rule, the members of every OKTA_GROUP whoever owns it, and the
   * assignments and push mappings of the catalog apps.
   *
   * @param scope the catalog apps and the ownership marker; its groups and users are not used
   * @param progress receives a line now and then while the read runs
   * @throws OktaFailure when Okta cannot be read
   */
  ActualState readOrg(Plan.Scope scope, Consumer<String> progress);
}
