package io.splitcheck.report;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.TwiceResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One command's result ({@code matrix}, {@code twice}, {@code audit} on one image or context) as a
 * run report of one scenario with one check, so that every renderer (JUnit XML, HTML, SARIF) takes
 * it as it takes a run. {@code failures} are the lines that failed the check; empty, it passed.
 */
public final class SingleCheckReports {
  private SingleCheckReports() {}

  public static RunReport matrix(
      String image, MatrixResult m, List<String> failures, String runId, Clock clock) {
    String actual =
        m.splits().isEmpty()
            ? "no split"
            : "split in "
                + String.join(", ", m.splits().stream().map(MatrixResult.Split::config).toList());
    CheckOutcome o = outcome("matrix", "no cell splits from " + m.baseline(), actual, failures);
    return of(
        new ScenarioReport(image, "", m.imageId(), List.of(), null, m, null, List.of(o)),
        runId,
        clock);
  }

  /** The lines of a matrix that fails on every split: each split's summary. */
  public static List<String> splitLines(MatrixResult m) {
    return m.splits().stream().map(s -> "expected no split, got " + s.summary()).toList();
  }

  public static RunReport twice(
      String context, TwiceResult t, List<String> failures, String runId, Clock clock) {
    CheckOutcome o = outcome("twice", "reproducible", t.verdict().id(), failures);
    return of(
        new ScenarioReport(
            context,
            context,
            t.first() == null ? null : t.first().id(),
            List.of(),
            t,
            null,
            null,
            List.of(o)),
        runId,
        clock);
  }

  /**
   * The lines of a twice that fails on every difference: each differing file, then each config
   * field.
   */
  public static List<String> differenceLines(TwiceResult t) {
    List<String> lines = new ArrayList<>();
    t.differences()
        .forEach(
            d ->
                lines.add(
                    d.path()
                        + " differs in "
                        + String.join(", ", d.kinds().stream().map(DiffKind::id).toList())
                        + " (layer "
                        + d.layer()
                        + ", "
                        + d.step()
                        + ")"));
    t.configDifferences().forEach(f -> lines.add("image config field " + f + " differs"));
    return lines;
  }

  /**
   * @param dir the folder of the audited Dockerfile (where SARIF locates line findings), or empty
   */
  public static RunReport audit(
      String image,
      String imageId,
      String dir,
      AuditResult a,
      String failOn,
      List<String> failures,
      String runId,
      Clock clock) {
    CheckOutcome o =
        outcome(
            "audit",
            "no finding at or above " + failOn,
            a.findings().size() + " finding(s)",
            failures);
    return of(
        new ScenarioReport(
            image, dir == null ? "" : dir, imageId, List.of(), null, null, a, List.of(o)),
        runId,
        clock);
  }

  private static CheckOutcome outcome(
      String check, String expected, String actual, List<String> failures) {
    boolean failed = !failures.isEmpty();
    return new CheckOutcome(
        check,
        failed ? CheckOutcome.Status.FAILED : CheckOutcome.Status.PASSED,
        expected,
        actual,
        failed ? String.join("\n", failures) : "",
        0);
  }

  private static RunReport of(ScenarioReport scenario, String runId, Clock clock) {
    return RunReport.of(runId, clock, List.of(scenario));
  }
}
