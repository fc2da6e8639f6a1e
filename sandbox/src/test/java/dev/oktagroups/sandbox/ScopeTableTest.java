package dev.oktagroups.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The scope table covers every route the sandbox serves, with the scopes Okta's spec names. */
class ScopeTableTest {
  @Test
  void everyApiRouteHasTheSpecsScopes() throws Exception {
    List<String> wrong = new ArrayList<>();
    TreeSet<String> served = new TreeSet<>();
    try (Sandbox s = Sandbox.start(SandboxConfig.defaults())) {
      for (String route : s.routes()) {
        if (!route.contains(" /api/")) {
          continue;
        }
        served.add(route);
        int sp = route.indexOf(' ');
        String method = route.substring(0, sp);
        String template = route.substring(sp + 1);
        List<String> table = Scopes.of(method, template).orElse(null);
        List<String> spec = SpecContract.get().oauthScopes(method, template);
        if (table == null) {
          wrong.add(route + ": not in the scope table");
        } else if (!spec.isEmpty() && !new TreeSet<>(spec).equals(new TreeSet<>(table))) {
          wrong.add(route + ": table " + table + ", spec " + spec);
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(served, new TreeSet<>(Scopes.TABLE.keySet()), "no stale rows");
  }
}
