package io.splitcheck.cli;

import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.RunReport;
import io.splitcheck.report.ScenarioReport;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/** One image's matrix as a run report, so {@code matrix --report} writes the same three files a run does. */
final class SingleImageReport {
  private SingleImageReport() {}

  static RunReport of(String image, MatrixResult matrix, Clock clock) {
    boolean split = !matrix.splits().isEmpty();
    String actual = split
        ? matrix.splits().stream().map(MatrixResult.Split::config).collect(Collectors.joining(", ", "split in ", ""))
        : "no split";
    CheckOutcome outcome = new CheckOutcome("matrix", split ? CheckOutcome.Status.FAILED : CheckOutcome.Status.PASSED,
        "no cell splits from " + matrix.baseline(), actual, split ? "expected no split, got " + actual : "", 0);
    ScenarioReport scenario = new ScenarioReport(image, "", matrix.imageId(), List.of(), null, matrix, null,
        List.of(outcome));
    String runId = io.splitcheck.engine.RunId.next(clock);
    return RunReport.of(runId, clock, List.of(scenario));
  }
}
