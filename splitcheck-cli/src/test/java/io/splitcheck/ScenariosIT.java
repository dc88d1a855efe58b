package io.splitcheck;

import io.splitcheck.junit.ScenarioTests;
import io.splitcheck.junit.SplitCheckSuite;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's own scenarios, every one an incident, run through the JUnit 5 extension inside
 * {@code mvn verify}: one test per scenario and check, each expectation asserted. The reports land
 * in {@code harness/target/splitcheck-scenarios/}.
 */
@SplitCheckSuite(scenarios = "../scenarios", reportDir = "target/splitcheck-scenarios")
class ScenariosIT {
  @TestFactory
  Stream<DynamicNode> scenarios(ScenarioTests tests) {
    return tests.dynamicTests();
  }
}
