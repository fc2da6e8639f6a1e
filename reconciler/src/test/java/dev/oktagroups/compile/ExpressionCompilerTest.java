package dev.oktagroups.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.manifest.ConfigBinder;
import dev.oktagroups.manifest.ManifestBinder;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.Selector;
import dev.oktagroups.manifest.YamlReader;
import dev.oktagroups.testing.Repo;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionCompilerTest {
  private static final OrgConfig CONFIG =
      ConfigBinder.bind(
          new YamlReader()
              .read(
                  "okta-groups.yaml",
                  Repo.read("okta-groups.yaml").getBytes(StandardCharsets.UTF_8))
              .doc()
              .orElseThrow());
  private final ExpressionCompiler c = new ExpressionCompiler(CONFIG);

  private static Selector rule(String yaml) {
    return ManifestBinder.bind(
            new YamlReader()
                .read("g.yaml", ("rule:\n" + yaml).getBytes(StandardCharsets.UTF_8))
                .doc()
                .orElseThrow())
        .rule()
        .orElseThrow();
  }

  @Test
  void flatMapsBecomeConjunctionsWithTheEmployeeDefault() {
    ExpressionCompiler.Compiled x =
        c.compile(rule("  division: Engineering\n  managementLevel: Manager\n  countryCode: US\n"));
    assertEquals(
        "user.division == \"Engineering\" AND user.managementLevel == \"Manager\" AND user.countryCode == \"US\" AND user.userType == \"Employee\"",
        x.expression());
  }

  @Test
  void namingTheUserTypeLiftsTheDefault() {
    assertEquals(
        "user.userType == \"Contractor\"",
        c.compile(rule("  userType: Contractor\n")).expression());
    assertEquals(
        "!(user.userType == \"Intern\")",
        c.compile(rule("  not: {userType: Intern}\n")).expression());
  }

  @Test
  void listsNestingAndOperators() {
    String e =
        c.compile(
                rule(
                    "  all:\n    - department: {startsWith: Eng}\n    - any:\n        - countryCode: [US, CA]\n"
                        + "        - not: {company: {contains: Federal}}\n"))
            .expression();
    assertEquals(
        "String.startsWith(user.department, \"Eng\") AND ((user.countryCode == \"US\" OR user.countryCode == \"CA\") OR "
            + "!(String.stringContains(user.company, \"Federal\"))) AND user.userType == \"Employee\"",
        e);
  }

  @Test
  void catalogKeysMapToOktaAttributes() {
    String e = c.compile(rule("  managementLevel: Director\n")).expression();
    assertTrue(e.startsWith("user.managementLevel == "));
  }

  @Test
  void valuesStayLiterals() {
    assertEquals(
        "'x\" OR user.department != \"'",
        ExpressionCompiler.literal("x\" OR user.department != \""));
    assertEquals("\"It's\"", ExpressionCompiler.literal("It's"));
    assertEquals("\"a) OR (true\"", ExpressionCompiler.literal("a) OR (true"));
    assertThrows(IllegalArgumentException.class, () -> ExpressionCompiler.literal("both ' and \""));
  }

  @Test
  void theMatcherAgreesWithTheExpression() {
    var m =
        c.compile(rule("  all:\n    - department: Engineering\n    - not: {countryCode: US}\n"))
            .matcher();
    assertTrue(
        m.matches(
            Map.of("department", "Engineering", "countryCode", "CA", "userType", "Employee")));
    assertFalse(
        m.matches(
            Map.of("department", "Engineering", "countryCode", "US", "userType", "Employee")));
    assertFalse(
        m.matches(
            Map.of("department", "Engineering", "countryCode", "CA", "userType", "Contractor")),
        "the default population");
    assertFalse(
        m.matches(Map.of("department", "engineering", "countryCode", "CA", "userType", "Employee")),
        "case-sensitive like Okta");
    assertTrue(
        m.matches(Map.of("department", "Engineering", "userType", "Employee")),
        "an unset country is not US");
  }

  @Test
  void theSearchFilterNarrowsToWhatTheSelectorCanMatch() {
    assertEquals(
        "(profile.division eq \"Security\" or profile.division eq \"Sales\") and"
            + " profile.userType eq \"Employee\" and status eq \"ACTIVE\"",
        c.compile(rule("  division: [Security, Sales]\n")).matcher().search().orElseThrow());
    assertEquals(
        "profile.department sw \"Eng\" and profile.userType eq \"Employee\" and status eq"
            + " \"ACTIVE\"",
        c.compile(rule("  department: {startsWith: Eng}\n")).matcher().search().orElseThrow());
  }

  @Test
  void whatSearchCannotSayWidensTheFilterAndTheMatcherDecides() {
    ExpressionCompiler.Compiled not = c.compile(rule("  not:\n    division: Sales\n"));
    assertEquals(
        "profile.userType eq \"Employee\" and status eq \"ACTIVE\"",
        not.matcher().search().orElseThrow(),
        "search has no ne");
    assertFalse(not.matcher().matches(Map.of("division", "Sales", "userType", "Employee")));
    ExpressionCompiler.Compiled any =
        c.compile(rule("  any:\n    - division: Sales\n    - not:\n        division: Security\n"));
    assertEquals(
        "profile.userType eq \"Employee\" and status eq \"ACTIVE\"",
        any.matcher().search().orElseThrow(),
        "one open branch opens the union");
    assertEquals(
        "profile.division eq \"x\\\" or 1\" and profile.userType eq \"Employee\" and status eq"
            + " \"ACTIVE\"",
        c.compile(
                new Selector.Match(
                    "division", Selector.Op.EQUALS, java.util.List.of("x\" or 1"), ""))
            .matcher()
            .search()
            .orElseThrow(),
        "a quote in a value is escaped, never closes the literal");
  }
}
