package dev.oktagroups.sandbox.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionTest {
  private static final Set<String> ATTRS =
      Set.of(
          "department", "division", "title", "countryCode", "userType", "tags", "managementLevel");

  private static boolean eval(String expr, Map<String, Object> profile, Set<String> groups) {
    return Expression.parse(expr, ATTRS::contains).matches(Expression.of(profile, groups));
  }

  private static boolean eval(String expr, Map<String, Object> profile) {
    return eval(expr, profile, Set.of());
  }

  private static final Map<String, Object> ENG =
      Map.of(
          "department",
          "Engineering",
          "countryCode",
          "US",
          "title",
          "Staff Engineer",
          "userType",
          "Employee");

  @Test
  void equalityBothQuoteStylesAndNegation() {
    assertTrue(eval("user.department == \"Engineering\"", ENG));
    assertTrue(eval("user.department == 'Engineering'", ENG));
    assertFalse(eval("user.department != \"Engineering\"", ENG));
    assertTrue(eval("!(user.department == \"Sales\")", ENG));
    assertFalse(eval("user.department == \"engineering\"", ENG), "case-sensitive, as in Okta");
  }

  @Test
  void andOrAndParenthesesBindAsExpected() {
    assertTrue(
        eval(
            "user.department == \"Engineering\" AND (user.countryCode == \"CA\" OR user.countryCode == \"US\")",
            ENG));
    assertFalse(
        eval(
            "user.department == \"Sales\" AND user.countryCode == \"US\" OR user.countryCode == \"CA\"",
            ENG));
    assertTrue(
        eval(
            "user.department == \"Sales\" OR user.countryCode == \"US\" AND user.userType == \"Employee\"",
            ENG),
        "AND binds tighter than OR");
  }

  @Test
  void stringFunctions() {
    assertTrue(eval("String.startsWith(user.department, \"Eng\")", ENG));
    assertTrue(eval("String.stringContains(user.title, \"Engineer\")", ENG));
    assertFalse(eval("String.stringContains(user.title, \"Manager\")", ENG));
    assertTrue(eval("String.toLowerCase(user.department) == \"engineering\"", ENG));
    assertFalse(
        eval("String.startsWith(user.division, \"Eng\")", ENG),
        "unset attributes are null and never match");
  }

  @Test
  void arraysContainsAndGroupMembership() {
    Map<String, Object> p = new HashMap<>(ENG);
    p.put("tags", List.of("oncall", "sre"));
    assertTrue(eval("Arrays.contains(user.tags, \"sre\")", p));
    assertFalse(eval("Arrays.contains(user.tags, \"SRE\")", p));
    assertTrue(eval("isMemberOfAnyGroup(\"00g1\", \"00g2\")", ENG, Set.of("00g2")));
    assertFalse(eval("isMemberOfAnyGroup(\"00g1\")", ENG, Set.of("00g2")));
    assertEquals(
        Set.of("00g1", "00g2"),
        Expression.parse("isMemberOfAnyGroup('00g1','00g2')", ATTRS::contains).groupIds());
  }

  @Test
  void quotedLiteralsStayLiterals() {
    // A value written with the other quote kind cannot close its literal: no injection.
    Map<String, Object> p = Map.of("department", "x\" OR user.department != \"");
    assertTrue(eval("user.department == 'x\" OR user.department != \"'", p));
    assertFalse(eval("user.department == 'x\" OR user.department != \"'", ENG));
    assertTrue(
        eval("user.title == 'It''s'", Map.of("title", "It's")),
        "doubled quotes escape, as in SpEL");
  }

  @Test
  void acceptsEveryFormTheConsoleAndAdminsWrite() {
    Map<String, Object> sales = Map.of("department", "Sales", "countryCode", "CA");
    assertTrue(eval("user.department==\"Engineering\"", ENG), "the basic builder writes no spaces");
    assertTrue(eval("user.department == 'Engineering' && user.countryCode == 'US'", ENG));
    assertFalse(eval("user.department == 'Engineering' && user.countryCode == 'CA'", ENG));
    assertTrue(eval("user.department == 'Sales' || user.countryCode == 'US'", ENG));
    assertFalse(eval("user.department == 'Sales' || user.countryCode == 'US'", Map.of()));
    assertTrue(
        eval(
            "user.department == 'Sales' || user.countryCode == 'US' && user.userType == 'x'",
            sales),
        "&& binds tighter than ||, as AND does than OR");
    assertTrue(eval("((user.department == \"Sales\") && !(user.countryCode == 'US'))", sales));
    assertTrue(eval("!!(user.department == 'Sales')", sales));
    assertTrue(eval("String.startsWith(user.title,\"Staff\")", ENG));
    assertTrue(
        eval("String.stringContains(user.title,'Engineer') AND user.userType!='Intern'", ENG));
    assertTrue(eval("user.department == 'Sales' OR user.department == 'Engineering' && true", ENG));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user.department == ",
        "user.department = \"x\"",
        "user.department == \"x\" and user.division == \"y\"",
        "user.department == \"x",
        "(user.department == \"x\"",
        "user.nosuch == \"x\"",
        "user.department",
        "Convert.toInt(user.department) == 1",
        "isMemberOfAnyGroup(user.department)",
        "String.startsWith(user.department)",
        "user.department == \"x\" & user.division == \"y\"",
        "user.department == \"x\" | user.division == \"y\""
      })
  void rejectedLikeOktaDoes(String expr) {
    assertThrows(ExprException.class, () -> Expression.parse(expr, ATTRS::contains));
  }
}
