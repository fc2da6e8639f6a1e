package dev.oktagroups.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.manifest.ConfigBinder;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.manifest.YamlReader;
import dev.oktagroups.sandbox.expr.Expression;
import dev.oktagroups.testing.Repo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reverse compiler's proof: every expression of a corpus in the shapes admins write is either
 * taken back exactly (the selector, compiled again, selects exactly the same synthetic users in the
 * sandbox's evaluator as the original) or refused with a reason. None is approximate.
 */
class ReverseCompilerCorpusTest {
  private static final int USERS = 6000;

  private static final OrgConfig CONFIG = withTitle(repoConfig());

  /** Expressions a selector can say; each must select exactly what the original does. */
  static final List<String> EXACT =
      List.of(
          // The console's basic builder: no spaces, double quotes.
          "user.department==\"Engineering\"",
          "user.division==\"Security\"",
          "user.countryCode==\"US\"",
          "user.userType==\"Contractor\"",
          "user.managementLevel==\"Manager\"",
          "user.company==\"Example Canada Corp.\"",
          "String.startsWith(user.title,\"Senior\")",
          "String.stringContains(user.title,\"Engineer\")",
          "String.startsWith(user.department,\"Security\")",
          "String.stringContains(user.company,\"Example\")",
          // Hand-written, spaced, single quotes.
          "user.department == 'Sales'",
          "'Engineering' == user.division",
          "user.countryCode != 'US'",
          "user.userType != \"Employee\"",
          "user.department == 'Engineering' AND user.countryCode == 'CA'",
          "user.department == 'Engineering' && user.countryCode == 'CA'",
          "user.division == 'Sales' OR user.division == 'Marketing'",
          "user.division == 'Sales' || user.division == 'Marketing' || user.division == 'Product'",
          "user.countryCode == 'US' OR user.countryCode == 'CA' OR user.countryCode == 'GB'",
          "(user.countryCode == 'US' || user.countryCode == 'CA') && user.division == 'Sales'",
          "user.division == 'Sales' AND (user.countryCode == 'US' OR user.countryCode == 'CA')",
          "!(user.department == 'Engineering')",
          "!(user.userType == 'Intern')",
          "!(user.division == 'Sales' OR user.division == 'Marketing')",
          "user.division == 'Engineering' AND !(user.managementLevel == 'Individual Contributor')",
          "user.division == 'Engineering' AND user.managementLevel != 'Individual Contributor'",
          "((user.division == 'Security'))",
          "((user.division == 'Security') AND ((user.countryCode == 'US')))",
          "user.division == 'Sales' AND user.countryCode == 'US' OR user.countryCode == 'CA'",
          "user.division == 'Sales' OR user.countryCode == 'US' AND user.userType == 'Employee'",
          "user.division == \"Security\" AND user.userType == \"Employee\"",
          "user.userType == 'Employee' OR user.userType == 'Intern'",
          "(user.userType == 'Contractor' OR user.userType == 'Professional Services Partner')"
              + " AND user.division == 'Engineering'",
          "user.department == 'Corporate Security' || user.department == 'Security Operations'"
              + " || user.department == 'Application Security'",
          "String.startsWith(user.title, 'Staff') OR String.startsWith(user.title, 'Principal')",
          "String.stringContains(user.title, 'Manager') AND user.division == 'Engineering'",
          "!String.stringContains(user.title, 'Intern')",
          "!(String.startsWith(user.countryCode, 'U'))",
          "user.division == 'Engineering' AND (String.startsWith(user.title, 'Senior')"
              + " OR user.managementLevel == 'Manager')",
          "(user.division == 'Sales' AND user.countryCode == 'US') OR (user.division == 'Marketing'"
              + " AND user.countryCode == 'CA')",
          "user.company == 'Example Inc' AND user.countryCode != 'US'",
          "user.company == \"Example Federal, LLC\"",
          "user.title == 'It''s complicated'",
          "user.title == \"Lead \"\"Ninja\"\"\"",
          "user.department == 'G&A' OR user.division == 'G&A'",
          "user.managementLevel == 'Director' OR user.managementLevel == 'Senior Director'"
              + " OR user.managementLevel == 'Vice President' OR user.managementLevel == 'Executive'",
          "!(user.countryCode == 'US') AND !(user.countryCode == 'CA')",
          "!(!(user.division == 'Legal'))",
          "user.division == 'Finance' AND user.department != 'Procurement'"
              + " AND user.userType != 'Intern'",
          "user.department == ''",
          "user.department != ''",
          "(user.division == 'Engineering' && (user.countryCode == 'NL' || user.countryCode == 'DE'"
              + " || user.countryCode == 'FR')) || user.department == 'Infrastructure'",
          "user.countryCode == 'NO'",
          "String.startsWith(user.title,'VP') || user.managementLevel=='Vice President'",
          "user.costCenter == 'CC-100' OR user.costCenter == 'CC-200'");

  /** Expressions no selector can say exactly; each must be refused, for this reason. */
  static final Map<String, String> REFUSED =
      ordered(
          "isMemberOfAnyGroup('00g1abcdefghijklmno7')", "group membership",
          "isMemberOfGroupName('Engineering')", "group membership",
          "user.division == 'Sales' AND isMemberOfGroup('00g1abcdefghijklmno7')",
              "group membership",
          "user.level > 3", "arithmetic, ordering",
          "user.level + 1 == 4", "arithmetic, ordering",
          "user.employeeNumber == 1234", "a number",
          "String.toLowerCase(user.department) == 'engineering'", "String.toLowerCase",
          "Arrays.contains(user.tags, 'oncall')", "Arrays.contains",
          "String.len(user.title) == 3", "String.len",
          "user.getInternalProperty('status') == 'ACTIVE'", "internal property",
          "user.department == user.division", "two attributes",
          "user.department == null", "null",
          "user.manager != null", "null",
          "true", "the constant true",
          "user.department == 'Sales' OR true", "the constant true",
          "user.division == 'Sales' ? true : false", "conditional",
          "user.department", "not a condition",
          "user.department == 'x\" or ''y'", "both quote characters",
          "user.department == 'Sales", "never ends",
          "user.department = 'Sales'", "not valid Expression Language",
          "(user.department == 'Sales'", "expected ')'",
          "user.department == 'Sales' AND", "not valid Expression Language",
          "Convert.toInt(user.level) == 3", "Convert.toInt");

  @Test
  void everyExpressionIsExactOrRefusedNeverApproximate() {
    List<Map<String, Object>> users = users(new Random(10));
    ReverseCompiler reverse = new ReverseCompiler(ReverseCompilerCorpusTest::catalogKey);
    ExpressionCompiler compiler = new ExpressionCompiler(CONFIG);
    assertTrue(EXACT.size() + REFUSED.size() >= 60, "the corpus has at least 60 expressions");
    int selectedSomeone = 0;
    for (String original : EXACT) {
      ReverseCompiler.Result r = reverse.reverse(original);
      ReverseCompiler.Exact exact =
          assertInstanceOf(ReverseCompiler.Exact.class, r, () -> original + " -> " + r);
      ExpressionCompiler.Compiled back = compiler.compile(exact.selector(), false);
      Expression before = Expression.parse(original, a -> true);
      Expression after = Expression.parse(back.expression(), a -> true);
      int matched = 0;
      for (Map<String, Object> u : users) {
        Expression.Subject s = Expression.of(u, Set.of());
        boolean want = before.matches(s);
        assertEquals(
            want, after.matches(s), () -> original + " vs " + back.expression() + " for " + u);
        assertEquals(want, back.matcher().matches(u), () -> "local matcher of " + original);
        matched += want ? 1 : 0;
      }
      if (matched > 0 && matched < users.size()) {
        selectedSomeone++;
      }
    }
    assertTrue(
        selectedSomeone >= EXACT.size() - 3,
        "the synthetic users must tell the expressions apart: " + selectedSomeone);
    for (Map.Entry<String, String> e : REFUSED.entrySet()) {
      ReverseCompiler.Result r = reverse.reverse(e.getKey());
      ReverseCompiler.Refused refused =
          assertInstanceOf(ReverseCompiler.Refused.class, r, () -> e.getKey() + " -> " + r);
      assertTrue(
          refused.reason().contains(e.getValue()),
          () -> e.getKey() + ": reason '" + refused.reason() + "' lacks '" + e.getValue() + "'");
    }
  }

  @Test
  void alternativesOfOneAttributeBecomeOneList() {
    ReverseCompiler.Exact x =
        (ReverseCompiler.Exact)
            new ReverseCompiler(ReverseCompilerCorpusTest::catalogKey)
                .reverse(
                    "user.countryCode==\"US\" || (user.countryCode=='CA' OR user.countryCode=='GB')");
    assertEquals(
        "user.countryCode == \"US\" OR user.countryCode == \"CA\" OR user.countryCode == \"GB\"",
        new ExpressionCompiler(CONFIG)
            .compile(x.selector(), false)
            .expression()
            .replaceAll("^\\(|\\)$", ""));
    assertEquals(Set.of("US", "CA", "GB"), x.attributes().get("countryCode"));
  }

  private static String catalogKey(String oktaName) {
    for (Map.Entry<String, OrgConfig.AttributeDef> e : CONFIG.attributes().entrySet()) {
      if (e.getValue().okta().equals(oktaName)) {
        return e.getKey();
      }
    }
    return oktaName;
  }

  private static final String[] TITLES = {
    "Senior Engineer",
    "Staff Engineer",
    "Principal Engineer",
    "Engineering Manager",
    "Senior Manager",
    "VP Sales",
    "Intern",
    "Sales Intern",
    "It's complicated",
    "Lead \"Ninja\"",
    "Account Executive",
    "Designer",
    ""
  };

  /** Users over the catalog's values, with unset and cleared attributes and near-miss values. */
  private static List<Map<String, Object>> users(Random random) {
    Map<String, List<String>> pools = new LinkedHashMap<>();
    CONFIG.attributes().forEach((k, d) -> pools.put(d.okta(), new ArrayList<>(d.values())));
    pools.get("department").addAll(List.of("G&A", "Security", "engineering"));
    pools.get("countryCode").add("UA");
    pools.put("title", List.of(TITLES));
    pools.put("costCenter", List.of("CC-100", "CC-200", "CC-300", "cc-100"));
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      Map<String, Object> u = new HashMap<>();
      for (Map.Entry<String, List<String>> p : pools.entrySet()) {
        int roll = random.nextInt(20);
        if (roll == 0) {
          continue; // never set: null in Okta
        }
        List<String> values = p.getValue();
        u.put(p.getKey(), roll == 1 ? "" : values.get(random.nextInt(values.size())));
      }
      out.add(u);
    }
    return out;
  }

  private static OrgConfig repoConfig() {
    return ConfigBinder.bind(
        new YamlReader()
            .read(
                "okta-groups.yaml", Repo.read("okta-groups.yaml").getBytes(StandardCharsets.UTF_8))
            .doc()
            .orElseThrow());
  }

  /** The repository's catalog plus the attributes the corpus reads that it lacks. */
  private static OrgConfig withTitle(OrgConfig c) {
    Map<String, OrgConfig.AttributeDef> attributes = new LinkedHashMap<>(c.attributes());
    attributes.put("title", new OrgConfig.AttributeDef("title", "title", "", List.of()));
    attributes.put("costCenter", new OrgConfig.AttributeDef("cc", "costCenter", "", List.of()));
    return new OrgConfig(
        c.orgUrl(),
        c.ownership(),
        attributes,
        c.apps(),
        c.naming(),
        c.population(),
        c.members(),
        c.protectedGroups(),
        c.safety(),
        c.keepDownstreamOnDelete());
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }
}
