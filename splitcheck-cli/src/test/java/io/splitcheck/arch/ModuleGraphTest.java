package io.splitcheck.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module graph, checked on the classes of all four modules: core &lt;- docker &lt;- junit, and
 * core, docker &lt;- cli. Nothing below the CLI knows picocli or the CLI's packages; the engine
 * adapter knows nothing of JUnit.
 */
@AnalyzeClasses(
    packages = "io.splitcheck",
    importOptions = {ImportOption.DoNotIncludeTests.class, ModuleGraphTest.NoTestJars.class})
class ModuleGraphTest {
  /** Leaves out the other modules' test-jars (their classes reach this module's tests as jars). */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }

  static final String[] CORE = {
    "io.splitcheck.model..",
    "io.splitcheck.diff..",
    "io.splitcheck.audit..",
    "io.splitcheck.report..",
    "io.splitcheck.scenario..",
    "io.splitcheck.seccomp..",
    "io.splitcheck.trace..",
    "io.splitcheck.json..",
    "io.splitcheck.expect..",
    "io.splitcheck.k8s.."
  };
  static final String[] DOCKER = {
    "io.splitcheck.engine..",
    "io.splitcheck.matrix..",
    "io.splitcheck.twice..",
    "io.splitcheck.suite..",
    "io.splitcheck.tracer..",
    "io.splitcheck.store..",
    "io.splitcheck.libseccomp.."
  };

  @ArchTest
  static final ArchRule coreDependsOnNoAdapter =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(DOCKER)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.splitcheck.junit..",
              "io.splitcheck.cli..",
              "com.github.dockerjava..",
              "com.sun.jna..");

  @ArchTest
  static final ArchRule dockerKnowsNoCliNoJunit =
      noClasses()
          .that()
          .resideInAnyPackage(DOCKER)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.splitcheck.junit..", "io.splitcheck.cli..", "picocli..", "org.junit..");

  @ArchTest
  static final ArchRule junitKnowsNoCli =
      noClasses()
          .that()
          .resideInAPackage("io.splitcheck.junit..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.splitcheck.cli..", "picocli..");

  /**
   * The engine port: docker-java is an implementation detail of engine/, in no other package's code
   * or signatures.
   */
  @ArchTest
  static final ArchRule dockerJavaOnlyInTheEnginePackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.splitcheck.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.github.dockerjava..");
}
