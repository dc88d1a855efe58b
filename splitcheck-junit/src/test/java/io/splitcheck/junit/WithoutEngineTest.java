package io.splitcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A user's tests where no engine answers (surefire points DOCKER_HOST at a socket nobody listens
 * on): the fluent API and the suite both skip with one sentence that names the socket, not a raw
 * exception and not this repository's scripts.
 */
class WithoutEngineTest {
  static class FluentUser {
    @Test
    void noSplit() {
      SplitCheck.image("app:1.2").matrix("unconfined", "runtime-default").expectNoSplit();
    }
  }

  @SplitCheckSuite(scenarios = "src/test/scenarios")
  static class SuiteUser {
    @TestFactory
    Stream<DynamicNode> scenarios(ScenarioTests tests) {
      return tests.dynamicTests();
    }
  }

  private static Events run(Class<?> type) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(type)).execute().allEvents();
  }

  @Test
  void fluentApi_abortsTheTest_withTheReasonNamingTheSocket() {
    Events events = run(FluentUser.class);

    assertEquals(0, events.failed().count());
    List<Event> aborted = events.aborted().list();
    assertEquals(1, aborted.size());
    String reason =
        aborted
            .get(0)
            .getPayload(TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow()
            .getMessage();
    assertTrue(
        reason.startsWith(
            "no Docker engine answers at unix:///nonexistent/splitcheck-junit-test.sock"
                + " (no socket /nonexistent/splitcheck-junit-test.sock)"),
        reason);
    assertFalse(reason.contains("scripts/engine") || reason.contains("Exception"), reason);
  }

  @Test
  void suite_isSkipped_withTheSameReason() {
    Events events = run(SuiteUser.class);

    assertEquals(0, events.failed().count());
    List<Event> skipped = events.skipped().list();
    assertEquals(1, skipped.size());
    String reason = skipped.get(0).getPayload(String.class).orElseThrow();
    assertTrue(reason.startsWith("no Docker engine answers at unix:///nonexistent/"), reason);
    assertFalse(reason.contains("scripts/engine"), reason);
  }
}
