package dev.oktagroups.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpiriesTest {
  private static String says(boolean group, String status, boolean member) {
    return new Expiries.InOkta(group, Optional.ofNullable(status), member).describe();
  }

  @Test
  void eachEntrySaysWhatOktaHoldsForThePerson() {
    assertEquals("member", says(true, "ACTIVE", true));
    assertEquals("member, suspended", says(true, "SUSPENDED", true));
    assertEquals("already gone", says(true, "ACTIVE", false));
    assertEquals("already gone", says(true, "LOCKED_OUT", false));
    assertEquals("deactivated", says(true, "DEPROVISIONED", true), "memberships outlive it");
    assertEquals("deactivated", says(false, "DEPROVISIONED", false));
    assertEquals("not in Okta", says(true, null, false));
    assertEquals("group not in Okta", says(false, "ACTIVE", false));
  }
}
