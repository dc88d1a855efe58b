package io.splitcheck.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * splitcheck-core is pure: the result model, diffs, trace parsing, seccomp, audit rules, scenarios
 * and report rendering, with no Docker client, no JNA, no child processes and no adapter package.
 * The compiler already refuses docker-java and JNA here (they are not on this module's classpath);
 * this test also catches what the JDK itself offers ({@link ProcessBuilder}, {@link Runtime#exec})
 * and an adapter package reached by reflection-free copy-paste.
 */
@AnalyzeClasses(packages = "io.splitcheck", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreIsPureTest {
  /** The packages of the adapter modules (splitcheck-docker, -junit, -cli). */
  static final String[] ADAPTERS = {
    "io.splitcheck.engine..",
    "io.splitcheck.matrix..",
    "io.splitcheck.twice..",
    "io.splitcheck.suite..",
    "io.splitcheck.tracer..",
    "io.splitcheck.store..",
    "io.splitcheck.libseccomp..",
    "io.splitcheck.junit..",
    "io.splitcheck.cli.."
  };

  @ArchTest
  static final ArchRule noDockerNoJnaNoAdapters =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.github.dockerjava..", "com.sun.jna..", "org.junit..", "picocli..")
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTERS)
          .because(
              "splitcheck-core depends on nothing of the adapters (STYLE.md: the layering is the point)");

  @ArchTest
  static final ArchRule noProcesses =
      noClasses()
          .should()
          .dependOnClassesThat()
          .areAssignableTo(ProcessBuilder.class)
          .orShould()
          .callMethod(Runtime.class, "exec", String.class)
          .orShould()
          .callMethod(Runtime.class, "exec", String[].class)
          .because("core does no I/O beyond the streams, files and directories handed to it");

  @ArchTest
  static final ArchRule coreLivesInCorePackages =
      com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
          .should()
          .resideInAnyPackage(
              "io.splitcheck.model..",
              "io.splitcheck.diff..",
              "io.splitcheck.audit..",
              "io.splitcheck.report..",
              "io.splitcheck.scenario..",
              "io.splitcheck.seccomp..",
              "io.splitcheck.trace..",
              "io.splitcheck.json..",
              "io.splitcheck.expect..",
              "io.splitcheck.k8s..")
          .because(
              "a package lives in one module: a new core package is added to this list and to ADAPTERS' complement");
}
