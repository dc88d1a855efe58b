package io.splitcheck.maven;

import io.splitcheck.engine.RunId;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.RunReport;
import io.splitcheck.report.ScenarioReport;
import io.splitcheck.report.TwiceResult;
import java.time.Clock;
import java.util.List;

/** One goal's result as a run report, so each goal writes the report.json, junit.xml and index.html a run does. */
final class PluginReports {
  private PluginReports() {}

  static RunReport matrix(String image, MatrixResult matrix, List<String> failures, Clock clock) {
    CheckOutcome outcome = outcome("matrix", "no cell splits from " + matrix.baseline(),
        matrix.splits().isEmpty() ? "no split" : "split in " + String.join(", ",
            matrix.splits().stream().map(MatrixResult.Split::config).toList()), failures);
    return of(new ScenarioReport(image, "", matrix.imageId(), List.of(), null, matrix, null, List.of(outcome)), clock);
  }

  static RunReport twice(String context, TwiceResult twice, List<String> failures, Clock clock) {
    CheckOutcome outcome = outcome("twice", "reproducible", twice.verdict(), failures);
    return of(new ScenarioReport(context, context, twice.first() == null ? null : twice.first().id(), List.of(),
        twice, null, null, List.of(outcome)), clock);
  }

  static RunReport audit(String image, String imageId, AuditResult audit, String failOn, List<String> failures,
      Clock clock) {
    CheckOutcome outcome = outcome("audit", "no finding at or above " + failOn,
        audit.findings().size() + " finding(s)", failures);
    return of(new ScenarioReport(image, "", imageId, List.of(), null, null, audit, List.of(outcome)), clock);
  }

  private static CheckOutcome outcome(String check, String expected, String actual, List<String> failures) {
    boolean failed = !failures.isEmpty();
    return new CheckOutcome(check, failed ? CheckOutcome.Status.FAILED : CheckOutcome.Status.PASSED, expected,
        actual, failed ? String.join("\n", failures) : "", 0);
  }

  private static RunReport of(ScenarioReport scenario, Clock clock) {
    return RunReport.of(RunId.next(clock), clock, List.of(scenario));
  }
}
