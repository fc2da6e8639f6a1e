package dev.oktagroups.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every main-code package of both modules depends only on what its package-info's "May import:"
 * sentence allows, and the CLI reaches the Okta adapter and the inner stages only through its
 * composition root. Runs on the compiled classes, so an import that a comment hides or a fully
 * qualified name cannot slip past.
 */
class ArchitectureTest {
  private static final Path RECONCILER_SOURCES = Path.of("src/main/java");
  private static final Path SANDBOX_SOURCES = Path.of("../sandbox/src/main/java");
  private static JavaClasses main;
  private static Map<String, PackageRules.Rule> rules;

  @BeforeAll
  static void load() {
    assertTrue(
        Files.isDirectory(Path.of("../sandbox/target/classes")),
        "build the sandbox module first (mvn runs the modules in order)");
    main =
        new ClassFileImporter()
            .importPaths(Path.of("target/classes"), Path.of("../sandbox/target/classes"));
    rules = new java.util.TreeMap<>(PackageRules.read(RECONCILER_SOURCES));
    rules.putAll(PackageRules.read(SANDBOX_SOURCES));
  }

  @Test
  void everyPackageHasARule() {
    Set<String> packages = new TreeSet<>();
    main.forEach(c -> packages.add(c.getPackageName()));
    packages.removeAll(rules.keySet());
    assertEquals(
        Set.of(), packages, "packages without a package-info stating what they may import");
  }

  @Test
  void everyPackageImportsOnlyWhatItsPackageInfoAllows() {
    List<String> broken = new ArrayList<>();
    Set<String> reconcilerPackages = PackageRules.read(RECONCILER_SOURCES).keySet();
    for (PackageRules.Rule r : rules.values()) {
      EvaluationResult result = rule(r, reconcilerPackages).evaluate(main);
      if (result.hasViolation()) {
        broken.add(r.pkg() + ":\n  " + String.join("\n  ", result.getFailureReport().getDetails()));
      }
    }
    assertEquals(List.of(), broken, "imports that the package's package-info does not allow");
  }

  /**
   * Only the composition root, {@code cli.Wiring}, knows the Okta adapter; no command reaches past
   * the pipeline into the planner, the executor or the compiler.
   */
  @Test
  void commandsGoThroughThePipeline() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(PackageRules.ROOT + ".cli")
            .and()
            .doNotHaveSimpleName("Wiring")
            .and()
            .doNotHaveSimpleName("SlackWiring")
            .and()
            .areNotNestedClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                PackageRules.ROOT + ".okta",
                PackageRules.ROOT + ".slack",
                PackageRules.ROOT + ".apply",
                PackageRules.ROOT + ".compile")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName(PackageRules.ROOT + ".plan.Planner")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName(PackageRules.ROOT + ".validate.Validator");
    rule.check(main);
    noClasses()
        .that()
        .resideOutsideOfPackage(PackageRules.ROOT + ".okta")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.okta..")
        .check(main);
    noClasses()
        .that()
        .resideOutsideOfPackage(PackageRules.ROOT + ".slack")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.slack.api..")
        .check(main);
  }

  /** The check itself can fail: a package allowed only the JDK that uses Jackson is caught. */
  @Test
  void aViolationIsCaught() {
    JavaClasses fixture = new ClassFileImporter().importClasses(UsesJackson.class);
    PackageRules.Rule jdkOnly =
        PackageRules.parse(
            UsesJackson.class.getPackageName(), "/** Pure. <p>May import: the JDK only. */");
    EvaluationResult result = rule(jdkOnly, Set.of()).evaluate(fixture);
    assertTrue(result.hasViolation());
    assertTrue(
        result.getFailureReport().getDetails().stream()
            .anyMatch(d -> d.contains("com.fasterxml.jackson")),
        result.getFailureReport().toString());
  }

  @Test
  void theSentenceIsParsedAsWritten() {
    PackageRules.Rule r =
        PackageRules.parse(
            "dev.oktagroups.okta",
            "/**\n * The adapter.\n *\n * <p>May import: {@code port}, {@code state}, {@code plan} (the read scope), okta-sdk-java,\n * Jackson. Not the CLI.\n */");
    assertEquals(
        Set.of(
            "java..",
            "dev.oktagroups.port",
            "dev.oktagroups.state",
            "dev.oktagroups.plan",
            "com.okta..",
            "com.fasterxml.jackson.."),
        r.allowed());
    assertFalse(r.everyReconcilerPackage());
    PackageRules.Rule state =
        PackageRules.parse(
            "dev.oktagroups.state",
            "/** <p>May import: the JDK, Jackson annotations, and {@code dev.oktagroups.manifest.Kind} (why). */");
    assertEquals(Set.of("dev.oktagroups.manifest.Kind"), state.classes());
    assertEquals(
        Set.of(
            "java..",
            "javax..",
            "jdk..",
            "com.sun.net.httpserver..",
            "com.fasterxml.jackson.annotation.."),
        state.allowed());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PackageRules.parse("dev.oktagroups.x", "/** May import: Guava. */"));
    assertTrue(e.getMessage().contains("Guava"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> PackageRules.parse("dev.oktagroups.x", "/** Pure. */"));
  }

  private static ArchRule rule(PackageRules.Rule r, Set<String> reconcilerPackages) {
    List<String> allowed = new ArrayList<>(r.allowed());
    allowed.add(r.pkg());
    if (r.everyReconcilerPackage()) {
      allowed.addAll(reconcilerPackages);
    }
    DescribedPredicate<JavaClass> inPackages =
        JavaClass.Predicates.resideInAnyPackage(allowed.toArray(String[]::new));
    DescribedPredicate<JavaClass> namedClass =
        DescribedPredicate.describe(
            "one of " + r.classes(),
            c ->
                r.classes().stream()
                    .anyMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
    return classes()
        .that()
        .resideInAPackage(r.pkg())
        .should()
        .onlyDependOnClassesThat(inPackages.or(namedClass))
        .because("package-info.java of " + r.pkg() + " says so");
  }

  /** A class that breaks a "the JDK only" rule, for {@link #aViolationIsCaught()}. */
  static final class UsesJackson {
    Object mapper() {
      return new com.fasterxml.jackson.databind.ObjectMapper();
    }
  }
}
