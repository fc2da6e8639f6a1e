package dev.oktagroups.sandbox;

import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.Views;

/**
 * Okta's endpoints and the control API, one route family per resource. Families register in a fixed
 * order because the router breaks ties between equally specific templates by order.
 */
final class Api {
  private Api() {}

  /** The routes of a sandbox serving {@code org} at {@code base}. */
  static Router router(Sandbox sandbox, Org org, Views views, String base) {
    Paging paging = new Paging(base);
    Router router = new Router();
    new UserRoutes(org, views, paging, base).register(router);
    new GroupRoutes(org, views, paging).register(router);
    new SchemaRoutes(org, views).register(router);
    new RuleRoutes(org, views, paging).register(router);
    new AppRoutes(org, views, paging).register(router);
    new PushRoutes(org, views, paging).register(router);
    new LogRoutes(org, base).register(router);
    new ControlRoutes(sandbox, org, views).register(router);
    return router;
  }
}
