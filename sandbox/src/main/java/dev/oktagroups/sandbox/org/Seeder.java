package dev.oktagroups.sandbox.org;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic synthetic org: {@code users} people with realistic, consistent HR attributes (a
 * department belongs to its division; company follows country; most people are individual
 * contributors and employees), plus the catalog's apps.
 *
 * <p>Distributions are weights for well-known values; catalog values the seeder does not know get
 * an even share of what is left, so any catalog can be seeded.
 */
public final class Seeder {
  /** A catalog attribute: the Okta profile attribute and its allowed values (empty: any). */
  public record Attribute(String okta, List<String> values) {}

  /** An app to create. {@code id} may be null for a generated one. */
  public record AppSpec(
      String id, String name, String label, boolean push, App.PushType type, String emailDomain) {}

  /**
   * What to seed.
   *
   * @param legacyGroups how many groups created by hand in the admin console, with a few direct
   *     members each: every real org has them, and okta-groups must leave them alone
   */
  public record Spec(
      int users, long seed, List<Attribute> attributes, List<AppSpec> apps, int legacyGroups) {
    public Spec(int users, long seed, List<Attribute> attributes, List<AppSpec> apps) {
      this(users, seed, attributes, apps, 0);
    }
  }

  /** Click-ops groups a real org accumulates; the first two are protected in okta-groups.yaml. */
  static final String[][] LEGACY = {
    {"admin.super_administrators", "Okta super administrators (managed by hand)"},
    {"policy.privileged", "Privileged access policy"},
    {"VPN Users", "Created in the admin console for the 2023 VPN rollout"},
    {"Legacy Contractors", "Imported from the old directory"},
    {"okta-test-group", "Temporary test group"},
    {"All Staff (old)", "Superseded by div.* groups"},
  };

  private static final String[] FIRST = {
    "Alex", "Avery", "Blake", "Casey", "Charlie", "Dakota", "Drew", "Elliot", "Emery", "Finley",
    "Harper", "Hayden", "Jamie", "Jordan", "Kai", "Kendall", "Lee", "Logan", "Morgan", "Noor",
    "Parker", "Pat", "Quinn", "Reese", "Riley", "Robin", "Rowan", "Sage", "Sam", "Skyler", "Taylor",
    "Toni", "Wren", "Yuki", "Ana", "Bo", "Chen", "Dara", "Eli", "Fatima", "Gabi", "Hana", "Ines",
    "Joao", "Kenji", "Lena", "Mateo", "Nia", "Omar", "Priya", "Rafa", "Sven", "Tariq", "Uma", "Vik",
    "Wei", "Ximena", "Yara", "Zane"
  };
  private static final String[] LAST = {
    "Abbott",
    "Ames",
    "Aziz",
    "Baker",
    "Blake",
    "Chen",
    "Diaz",
    "Evans",
    "Foster",
    "Garcia",
    "Hart",
    "Ito",
    "Jensen",
    "Kim",
    "Lee",
    "Lopez",
    "Martin",
    "Morgan",
    "Nguyen",
    "Novak",
    "Ortiz",
    "Park",
    "Patel",
    "Quinn",
    "Reed",
    "Rossi",
    "Sato",
    "Shah",
    "Silva",
    "Stone",
    "Turner",
    "Ueda",
    "Vance",
    "Walsh",
    "Wong",
    "Young",
    "Zhang",
    "Berg",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Gomez",
    "Haas",
    "Ivanova",
    "Jones",
    "Kowalski",
    "Larsen",
    "Meyer",
    "Nakamura",
    "Olsen",
    "Petrov",
    "Ramos",
    "Schmidt",
    "Tanaka",
    "Urban",
    "Vogel",
    "Weber",
    "Yilmaz"
  };

  private static final Map<String, Double> DIVISION =
      weights(
          "Engineering",
          38,
          "Sales",
          20,
          "Marketing",
          8,
          "Product",
          8,
          "Security",
          6,
          "People",
          5,
          "Finance",
          5,
          "Legal",
          2,
          "G&A",
          8);
  private static final Map<String, String[]> DEPARTMENTS_OF =
      Map.of(
          "Engineering", new String[] {"Engineering", "Infrastructure", "Quality", "Support"},
          "Security",
              new String[] {"Corporate Security", "Security Operations", "Application Security"},
          "Sales",
              new String[] {
                "Enterprise Sales", "Commercial Sales", "Sales Development", "Customer Success"
              },
          "Marketing", new String[] {"Brand Design", "Product Marketing", "Digital Marketing"},
          "Product", new String[] {"Product Management", "UX"},
          "People", new String[] {"People Operations", "Talent Acquisition"},
          "Finance",
              new String[] {
                "Accounting Operations", "Financial Planning and Analysis", "Procurement"
              },
          "Legal", new String[] {"Legal and Corporate Affairs"},
          "G&A", new String[] {"Information Technology", "Procurement"});
  private static final Map<String, Double> LEVEL =
      weights(
          "Individual Contributor",
          75,
          "Manager",
          11,
          "Senior Manager",
          5,
          "Director",
          5,
          "Senior Director",
          2,
          "Vice President",
          1.5,
          "Executive",
          0.5);
  private static final Map<String, Double> COUNTRY =
      weights(
          "US", 45, "CA", 6, "NL", 5, "GB", 8, "DE", 6, "FR", 4, "IE", 4, "NO", 1, "AU", 4, "NZ", 2,
          "JP", 2, "IN", 6, "SG", 2, "BR", 3, "ES", 2);
  private static final Map<String, String> COMPANY_OF =
      Map.ofEntries(
          Map.entry("US", "Example Inc"),
          Map.entry("CA", "Example Canada Corp."),
          Map.entry("NL", "Example B.V."),
          Map.entry("GB", "Example Ltd"),
          Map.entry("IE", "Example Ltd"),
          Map.entry("DE", "Example GmbH"),
          Map.entry("AU", "Example Pty Ltd"),
          Map.entry("NZ", "Example Pty Ltd"));
  private static final Map<String, Double> USER_TYPE =
      weights("Employee", 85, "Contractor", 10, "Professional Services Partner", 3, "Intern", 2);

  private final Random rnd;
  private final Map<String, List<String>> catalog = new LinkedHashMap<>();
  private final Map<String, Integer> loginCounts = new HashMap<>();

  private Seeder(long seed, List<Attribute> attributes) {
    this.rnd = new Random(seed);
    attributes.forEach(a -> catalog.put(a.okta(), a.values()));
  }

  /** Seeds {@code spec} into {@code org}; returns the number of users created. */
  public static int seed(Org org, Spec spec) {
    // Seeding writes the org's history, from before the System Log's window: no events.
    return org.unlogged(() -> seedLogged(org, spec));
  }

  private static int seedLogged(Org org, Spec spec) {
    Seeder s = new Seeder(spec.seed(), spec.attributes());
    for (Attribute a : spec.attributes()) {
      org.addUserAttribute(a.okta());
    }
    for (String custom : List.of("managementLevel", "company")) {
      org.addUserAttribute(custom);
    }
    for (AppSpec a : spec.apps()) {
      App app = org.addApp(a.id(), a.name(), a.label(), a.push(), a.type(), a.emailDomain());
      if (a.push()) {
        // Google Workspace and Slack are usually assigned to everyone; push only reaches users
        // assigned to the app, so without this nothing would arrive downstream.
        org.assign(app.id(), org.everyone().id(), null, Map.of());
      }
    }
    List<String> managers = new ArrayList<>();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < spec.users(); i++) {
      Map<String, Object> p = s.profile(null, managers);
      double roll = s.rnd.nextDouble();
      User u = org.createUser(p, roll >= 0.02);
      if (roll >= 0.02 && roll < 0.05) {
        org.deactivateUser(u.id());
      }
      Object level = p.get("managementLevel");
      if (level != null && !"Individual Contributor".equals(level)) {
        managers.add(u.id());
      }
      created.add(u.id());
    }
    for (int i = 0; i < Math.min(spec.legacyGroups(), LEGACY.length); i++) {
      Group g = org.createGroup(Map.of("name", LEGACY[i][0], "description", LEGACY[i][1]));
      for (int k = 0; k < Math.min(3 + i, created.size()); k++) {
        org.addMember(g.id(), created.get(s.rnd.nextInt(created.size())));
      }
    }
    return spec.users();
  }

  /**
   * One plausible, ACTIVE person with the given login: the people a repository's manifests name.
   * Deterministic for a given seed and login.
   */
  public static User person(Org org, String login, long seed, List<Attribute> attributes) {
    Seeder s = new Seeder(seed ^ login.toLowerCase(Locale.ROOT).hashCode(), attributes);
    for (Attribute a : attributes) {
      org.addUserAttribute(a.okta());
    }
    for (String custom : List.of("managementLevel", "company")) {
      org.addUserAttribute(custom);
    }
    return org.createUser(s.profile(login, List.of()), true);
  }

  private Map<String, Object> profile(String login, List<String> managers) {
    String first;
    String last;
    String local =
        login == null
            ? null
            : login.substring(0, login.indexOf('@') < 0 ? login.length() : login.indexOf('@'));
    if (local != null && local.contains(".")) {
      first = capitalise(local.substring(0, local.indexOf('.')));
      last = capitalise(local.substring(local.indexOf('.') + 1).replaceAll("[0-9]+$", ""));
    } else {
      first = FIRST[rnd.nextInt(FIRST.length)];
      last = LAST[rnd.nextInt(LAST.length)];
    }
    if (last.isEmpty()) {
      last = LAST[rnd.nextInt(LAST.length)];
    }
    if (login == null) {
      String base = (first + "." + last).toLowerCase(Locale.ROOT);
      int n = loginCounts.merge(base, 1, Integer::sum);
      login = base + (n == 1 ? "" : Integer.toString(n)) + "@example.com";
    }
    String division = pick("division", DIVISION);
    String department = department(division);
    String level = pick("managementLevel", LEVEL);
    String country = pick("countryCode", COUNTRY);
    String company = company(country);
    String userType = pick("userType", USER_TYPE);

    LinkedHashMap<String, Object> p = new LinkedHashMap<>();
    p.put("login", login);
    p.put("email", login);
    p.put("firstName", first);
    p.put("lastName", last);
    p.put("displayName", first + " " + last);
    p.put("employeeNumber", String.format("%06d", rnd.nextInt(1_000_000)));
    putIf(p, "division", division);
    putIf(p, "department", department);
    putIf(p, "managementLevel", level);
    putIf(p, "company", company);
    putIf(p, "countryCode", country);
    putIf(p, "userType", userType);
    p.put("organization", "Example");
    p.put("title", title(level, department));
    if (!managers.isEmpty() && rnd.nextDouble() < 0.97) {
      p.put("managerId", managers.get(rnd.nextInt(managers.size())));
    }
    // Any other catalog attribute gets one of its values.
    catalog.forEach(
        (attr, values) -> {
          if (!p.containsKey(attr) && !values.isEmpty()) {
            p.put(attr, values.get(rnd.nextInt(values.size())));
          }
        });
    return p;
  }

  private static void putIf(Map<String, Object> p, String k, String v) {
    if (v != null) {
      p.put(k, v);
    }
  }

  /** A value for the attribute: catalog values, weighted where the seeder knows them. */
  private String pick(String attribute, Map<String, Double> known) {
    List<String> values = catalog.getOrDefault(attribute, List.of());
    if (values.isEmpty()) {
      values = new ArrayList<>(known.keySet());
    }
    double knownTotal = 0;
    int unknown = 0;
    for (String v : values) {
      if (known.containsKey(v)) {
        knownTotal += known.get(v);
      } else {
        unknown++;
      }
    }
    double unknownWeight = unknown == 0 ? 0 : Math.max(1, knownTotal * 0.05) / unknown;
    double total = knownTotal + unknownWeight * unknown;
    double r = rnd.nextDouble() * total;
    for (String v : values) {
      r -= known.getOrDefault(v, unknownWeight);
      if (r < 0) {
        return v;
      }
    }
    return values.get(values.size() - 1);
  }

  private String department(String division) {
    List<String> allowed = catalog.getOrDefault("department", List.of());
    String[] options = DEPARTMENTS_OF.get(division);
    if (options != null) {
      List<String> usable = new ArrayList<>();
      for (String o : options) {
        if (allowed.isEmpty() || allowed.contains(o)) {
          usable.add(o);
        }
      }
      if (!usable.isEmpty()) {
        return usable.get(rnd.nextInt(usable.size()));
      }
    }
    return allowed.isEmpty() ? null : allowed.get(rnd.nextInt(allowed.size()));
  }

  private String company(String country) {
    List<String> allowed = catalog.getOrDefault("company", List.of());
    String c = COMPANY_OF.getOrDefault(country, "Example Inc");
    if ("US".equals(country) && rnd.nextDouble() < 0.05) {
      c = "Example Federal, LLC";
    }
    if (allowed.isEmpty() || allowed.contains(c)) {
      return c;
    }
    return allowed.get(rnd.nextInt(allowed.size()));
  }

  private static String title(String level, String department) {
    String d = department == null ? "Operations" : department;
    if (level == null || level.equals("Individual Contributor")) {
      return d + " Specialist";
    }
    return level + ", " + d;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static Map<String, Double> weights(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return m;
  }
}
