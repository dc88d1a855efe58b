package io.splitcheck.cli;

import io.splitcheck.engine.RunId;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.RunReport;
import io.splitcheck.report.SingleCheckReports;
import java.time.Clock;

/**
 * One image's matrix as a run report, so {@code matrix --report} writes the same three files a run
 * does.
 */
final class SingleImageReport {
  private SingleImageReport() {}

  static RunReport of(String image, MatrixResult matrix, Clock clock) {
    return SingleCheckReports.matrix(
        image, matrix, SingleCheckReports.splitLines(matrix), RunId.next(clock), clock);
  }
}
