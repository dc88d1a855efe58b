package io.splitcheck.suite;

import io.splitcheck.diff.TwiceResult;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.scenario.Scenario;
import java.nio.file.Path;

/**
 * The three checks a scenario can run, each over what the scenario's build produced. Narrow so the
 * suite can be tested with any of them, and each wired to its real implementation by {@link
 * Suites}.
 */
public final class ScenarioChecks {
  private ScenarioChecks() {}

  /** Build the scenario twice and compare. */
  @FunctionalInterface
  public interface Twice {
    TwiceResult run(Scenario scenario, String runId) throws Exception;
  }

  /** The security matrix over the built image. */
  @FunctionalInterface
  public interface Matrix {
    MatrixResult run(Scenario scenario, String image, String runId) throws Exception;
  }

  /** The audit over the built image, with the build's log. */
  @FunctionalInterface
  public interface Audit {
    AuditResult run(Scenario scenario, String image, Path buildLog, String runId) throws Exception;
  }
}
