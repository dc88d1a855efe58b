package io.splitcheck.junit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.splitcheck.testing.RequiresEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The extension, run by JUnit's EngineTestKit against the real engine. */
@RequiresEngine
class SplitCheckExtensionIT {
  static final String FIXTURES = "src/test/resources/fixtures/suite";
  static final String REPORT = "target/extension-it-report";

  /** The suite under test: run only through EngineTestKit (the outer build excludes it by name). */
  @SplitCheckSuite(scenarios = FIXTURES, reportDir = REPORT)
  static class FixtureSuite {
    @TestFactory
    Stream<DynamicNode> scenarios(ScenarioTests tests) {
      return tests.dynamicTests();
    }
  }

  @Test
  void suite_makesOneContainerPerScenario_andOneTestPerCheck_failingTheWrongExpectation()
      throws Exception {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(FixtureSuite.class)).execute();
    Events events = results.allEvents();

    events
        .assertThatEvents()
        .haveExactly(1, event(container(displayName("copy-file")), finishedSuccessfully()))
        .haveExactly(1, event(container(displayName("wrong-expectation")), finishedSuccessfully()));
    results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(3).failed(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(displayName("twice")),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("wrong-expectation twice") && m.contains("reproducible")))));
    assertTrue(
        Files.isRegularFile(Path.of(REPORT, "report.json")), "report written after the class");
    assertTrue(Files.readString(Path.of(REPORT, "junit.xml")).contains("wrong-expectation"));
  }
}
