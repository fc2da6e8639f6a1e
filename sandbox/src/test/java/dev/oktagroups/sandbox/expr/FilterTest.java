package dev.oktagroups.sandbox.expr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTest {
  private static final Map<String, Object> U =
      Map.of(
          "profile.department",
          "Engineering",
          "profile.login",
          "pat.lee@example.com",
          "status",
          "ACTIVE",
          "profile.title",
          "Staff Engineer");

  private static boolean test(String f) {
    return Filter.parse(f).test(U::get);
  }

  @Test
  void operators() {
    assertTrue(test("profile.department eq \"engineering\""), "eq ignores case");
    assertTrue(test("profile.login sw \"pat.\""));
    assertTrue(test("profile.title co \"Engineer\""));
    assertTrue(test("profile.title pr"));
    assertFalse(test("profile.manager pr"));
    assertTrue(test("status EQ \"ACTIVE\""), "operators are case-insensitive");
  }

  @Test
  void andOrParentheses() {
    assertTrue(
        test(
            "status eq \"ACTIVE\" and (profile.department eq \"Sales\" or profile.department eq \"Engineering\")"));
    assertFalse(
        test(
            "status eq \"ACTIVE\" and (profile.department eq \"Sales\" or profile.department eq \"Legal\")"));
    assertTrue(test("profile.department eq \"Sales\" or profile.login sw \"pat\""));
  }

  @Test
  void syntaxErrors() {
    assertThrows(ExprException.class, () -> Filter.parse("profile.department eq"));
    assertThrows(ExprException.class, () -> Filter.parse("profile.department like \"x\""));
    assertThrows(ExprException.class, () -> Filter.parse("(status eq \"ACTIVE\""));
    assertThrows(ExprException.class, () -> Filter.parse("status eq \"ACTIVE\" extra"));
  }
}
