package dev.oktagroups.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleTest {
  @Test
  void allIsDeclarationOrderAndCannotChange() {
    assertEquals(List.of(Rule.values()), Rule.all());
    assertEquals(Rule.YAML_SYNTAX, Rule.all().get(0));
    assertThrows(UnsupportedOperationException.class, () -> Rule.all().add(Rule.YAML_SYNTAX));
  }

  @Test
  void everyIdIsUniqueAndFoundById() {
    Set<String> ids = new HashSet<>();
    for (Rule r : Rule.all()) {
      assertTrue(ids.add(r.id()), "repeated id " + r.id());
      assertEquals(r, Rule.byId(r.id()).orElseThrow());
    }
    assertTrue(Rule.byId("no/such-rule").isEmpty());
  }

  @Test
  void aDiagnosticTakesIdAndSeverityFromItsRule() {
    Diagnostic d = Diagnostic.of(Rule.MEMBERS_EXPIRED, SourceRef.file("groups/a.yaml"), "m", "h");
    assertEquals("members/expired", d.rule());
    assertEquals(Severity.WARNING, d.severity());
    assertFalse(d.isError());
  }
}
