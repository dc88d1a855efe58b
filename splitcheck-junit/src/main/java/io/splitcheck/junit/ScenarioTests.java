package io.splitcheck.junit;

import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.ReportWriter;
import io.splitcheck.report.RunReport;
import io.splitcheck.report.ScenarioReport;
import io.splitcheck.scenario.Scenario;
import io.splitcheck.suite.SuiteSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The scenarios of a {@link SplitCheckSuite} as dynamic tests. A scenario runs once, when its first
 * test runs; each check's test then asserts that check's outcome: passed, failed with the
 * expectation and what happened, or aborted when it was not run (its build failed).
 */
public final class ScenarioTests implements ExtensionContext.Store.CloseableResource {
  private final SuiteSession session;
  private final List<Scenario> scenarios;
  private final Path reportDir;
  private final Clock clock;
  private final Map<String, ScenarioReport> done = new ConcurrentHashMap<>();

  ScenarioTests(SuiteSession session, List<Scenario> scenarios, Path reportDir, Clock clock) {
    this.session = session;
    this.scenarios = List.copyOf(scenarios);
    this.reportDir = reportDir;
    this.clock = clock;
  }

  public List<Scenario> scenarios() {
    return scenarios;
  }

  /** One container per scenario, one test per check, in the scenarios' order. */
  public Stream<DynamicNode> dynamicTests() {
    return scenarios.stream()
        .map(
            s ->
                DynamicContainer.dynamicContainer(
                    s.name(),
                    s.dir().toUri(),
                    checks(s).stream()
                        .map(
                            check -> DynamicTest.dynamicTest(check, () -> assertCheck(s, check)))));
  }

  static List<String> checks(Scenario s) {
    List<String> checks = new ArrayList<>(List.of("build"));
    if (s.checks().twice() != null) {
      checks.add("twice");
    }
    if (s.checks().matrix() != null) {
      checks.add("matrix");
    }
    if (s.checks().audit() != null) {
      checks.add("audit");
    }
    return checks;
  }

  private void assertCheck(Scenario s, String check) {
    ScenarioReport report =
        done.computeIfAbsent(s.name(), n -> session.executor().execute(s, session.runId()));
    CheckOutcome outcome =
        report.outcomes().stream()
            .filter(o -> o.check().equals(check))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(s.name() + ": the " + check + " check produced no outcome"));
    switch (outcome.status()) {
      case PASSED -> {}
      case SKIPPED -> Assumptions.abort(outcome.message());
      default -> Assertions.fail(failure(s.name(), report, outcome));
    }
  }

  /**
   * The outcome's message (it already says what was expected and what happened), and for the matrix
   * each split cell's stderr line (the culprits are in the message already, once).
   */
  static String failure(String scenario, ScenarioReport report, CheckOutcome outcome) {
    String what =
        !outcome.message().isEmpty()
            ? outcome.message()
            : "expected " + outcome.expected() + ", got " + outcome.actual();
    StringBuilder text =
        new StringBuilder(scenario).append(' ').append(outcome.check()).append(": ").append(what);
    if ("matrix".equals(outcome.check()) && report.matrix() != null) {
      for (var split : report.matrix().splits()) {
        String stderr =
            report
                .matrix()
                .cell(split.config())
                .map(c -> c.stderr() == null ? "" : c.stderr())
                .map(FailureText::firstLine)
                .orElse("");
        if (!stderr.isEmpty()) {
          text.append("\n  ").append(split.config()).append(" stderr: ").append(stderr);
        }
      }
    }
    return text.toString();
  }

  /** The class ended: write the report of what ran, and remove the run's objects. */
  @Override
  public void close() {
    try {
      if (reportDir != null && !done.isEmpty()) {
        List<ScenarioReport> ran =
            scenarios.stream().map(s -> done.get(s.name())).filter(Objects::nonNull).toList();
        new ReportWriter().write(RunReport.of(session.runId(), clock, ran), reportDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "writing the splitcheck report to " + reportDir + " failed", e);
    } finally {
      session.close();
    }
  }
}
