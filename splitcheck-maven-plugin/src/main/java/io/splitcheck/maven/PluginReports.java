package io.splitcheck.maven;

import io.splitcheck.diff.TwiceResult;
import io.splitcheck.engine.RunId;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.RunReport;
import io.splitcheck.report.SingleCheckReports;
import java.time.Clock;
import java.util.List;

/**
 * One goal's result as a run report, so each goal writes the report.json, junit.xml and index.html
 * a run does.
 */
final class PluginReports {
  private PluginReports() {}

  static RunReport matrix(String image, MatrixResult matrix, List<String> failures, Clock clock) {
    return SingleCheckReports.matrix(image, matrix, failures, RunId.next(clock), clock);
  }

  static RunReport twice(String context, TwiceResult twice, List<String> failures, Clock clock) {
    return SingleCheckReports.twice(context, twice, failures, RunId.next(clock), clock);
  }

  static RunReport audit(
      String image,
      String imageId,
      AuditResult audit,
      String failOn,
      List<String> failures,
      Clock clock) {
    return SingleCheckReports.audit(
        image, imageId, "", audit, failOn, failures, RunId.next(clock), clock);
  }
}
