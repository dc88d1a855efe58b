package io.splitcheck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs splitcheck scenarios as JUnit 5 tests: a {@code @TestFactory} method of the annotated class
 * takes a {@link ScenarioTests} parameter and returns {@link ScenarioTests#dynamicTests()} — one
 * container per scenario, one test per check (build, twice, matrix, audit).
 *
 * <pre>{@code
 * @SplitCheckSuite(scenarios = "src/test/scenarios")
 * class ImageScenariosIT {
 *   @TestFactory
 *   Stream<DynamicNode> scenarios(ScenarioTests tests) {
 *     return tests.dynamicTests();
 *   }
 * }
 * }</pre>
 *
 * Without an answering Docker engine the class is skipped with the reason; with {@link #strict()}
 * or the environment variable {@code SPLITCHECK_REQUIRE_ENGINE=1} (the nightly) it fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SplitCheckExtension.class)
public @interface SplitCheckSuite {
  /** A scenario directory, or a folder of them, relative to the working directory. */
  String scenarios();

  /** Only these scenarios (names); empty for all. */
  String[] only() default {};

  /** Fail instead of skipping when no engine answers. */
  boolean strict() default false;

  /** Where to write report.json, junit.xml and index.html after the tests; empty for nowhere. */
  String reportDir() default "";
}
