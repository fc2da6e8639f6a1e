package dev.oktagroups.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DerivedTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Security|security",
        "Corporate Security|corporate_security",
        "Example Canada Corp.|example_canada_corp",
        "Example Federal, LLC|example_federal_llc",
        "Financial Planning and Analysis|financial_planning_and_analysis",
        "Sales-Development|sales_development",
        "Zürich Office|zurich_office",
        "US|us"
      })
  void valuesBecomeHandbookSegments(String value, String segment) {
    assertEquals(segment, Derived.segment(value));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "div.security|div.security",
        "Engineering Team|Engineering%20Team",
        "Sales / EMEA|Sales%20%2F%20EMEA",
        "100% Club|100%25%20Club",
        "Zürich|Z%C3%BCrich",
        ".hidden|%2Ehidden",
        "a:b*c?|a%3Ab%2Ac%3F"
      })
  void fileNamesAreFileSafeAndReversible(String name, String stem) {
    assertEquals(stem, Derived.fileStem(name));
    assertEquals(name, Derived.groupName(stem));
  }
}
