package io.splitcheck.expect;

import io.splitcheck.diff.Difference;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.CheckOutcome.Status;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.Texts;
import io.splitcheck.scenario.Checks;
import io.splitcheck.scenario.Expectation;
import io.splitcheck.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a scenario's results with its {@code expect}: one {@link CheckOutcome} per enabled
 * check, in the order twice, matrix, audit. Pure; durations are left 0 for the caller to fill in.
 *
 * <p>{@code expect.splits} is exhaustive: every listed split must occur (with the culprit when one
 * is given), and a cell that splits without being listed fails the matrix check.
 */
public final class ExpectationEvaluator {

  public List<CheckOutcome> evaluate(
      Scenario scenario, TwiceResult twice, MatrixResult matrix, AuditResult audit) {
    Checks checks = scenario.checks();
    Expectation expect = scenario.expect();
    List<CheckOutcome> out = new ArrayList<>();
    if (checks.twice() != null) {
      out.add(twice == null ? missing("twice") : twice(expect, twice, checks.twice().accept()));
    }
    if (checks.matrix() != null) {
      out.add(
          matrix == null ? missing("matrix") : new MatrixExpectations().evaluate(expect, matrix));
    }
    if (checks.audit() != null) {
      out.add(
          audit == null
              ? missing("audit")
              : new AuditExpectations().evaluate(expect, checks.audit().failOn(), audit));
    }
    return out;
  }

  /**
   * The outcomes when the scenario's build (or prebuild) failed: a {@code build} error carrying the
   * builder's message, then every enabled check skipped.
   */
  public List<CheckOutcome> buildFailed(Scenario scenario, String message) {
    List<CheckOutcome> out = new ArrayList<>();
    out.add(
        new CheckOutcome("build", Status.ERROR, "the image builds", "build failed", message, 0));
    Checks checks = scenario.checks();
    for (String check : List.of("twice", "matrix", "audit")) {
      boolean enabled =
          switch (check) {
            case "twice" -> checks.twice() != null;
            case "matrix" -> checks.matrix() != null;
            default -> checks.audit() != null;
          };
      if (enabled) {
        out.add(skipped(check, "not run: the build failed"));
      }
    }
    return out;
  }

  /** The outcome for a check that could not run, e.g. because the engine failed. */
  public static CheckOutcome error(String check, String message) {
    return new CheckOutcome(check, Status.ERROR, "", "error", message, 0);
  }

  /** The outcome for a check not run because an earlier step failed. */
  public static CheckOutcome skipped(String check, String reason) {
    return new CheckOutcome(check, Status.SKIPPED, "", "not run", reason, 0);
  }

  private static CheckOutcome missing(String check) {
    return error(check, "the " + check + " check produced no result");
  }

  CheckOutcome twice(Expectation expect, TwiceResult result) {
    return twice(expect, result, null);
  }

  /**
   * @param accept checks.twice.accept: the worst verdict that passes, or null
   */
  CheckOutcome twice(Expectation expect, TwiceResult result, String accept) {
    List<String> expected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (accept != null) {
      List<String> order =
          List.of("reproducible", "config-only", "mtime-only", "metadata", "content");
      expected.add("verdict " + accept + " or better (checks.twice.accept)");
      if (order.indexOf(result.verdict().id()) > order.indexOf(accept)) {
        problems.add(
            "verdict " + result.verdict() + " is worse than checks.twice.accept " + accept);
      }
    }
    if (expect.reproducible() != null) {
      expected.add("reproducible=" + expect.reproducible());
      if (expect.reproducible() != result.reproducible()) {
        problems.add(
            "expected reproducible=" + expect.reproducible() + ", got " + result.reproducible());
      }
    }
    if (expect.verdict() != null) {
      expected.add("verdict " + expect.verdict());
      if (!expect.verdict().equals(result.verdict().id())) {
        problems.add("expected verdict " + expect.verdict() + ", got " + result.verdict());
      }
    }
    List<String> differing =
        result.differences().stream().map(Difference::path).distinct().sorted().toList();
    for (String path : expect.differs()) {
      if (!differing.contains(path)) {
        problems.add(
            "expected "
                + path
                + " among the differing files, got "
                + (differing.isEmpty() ? "none" : Texts.limit(differing, 10)));
      }
    }
    if (!expect.differs().isEmpty()) {
      expected.add("differing files include " + String.join(", ", expect.differs()));
    }
    String actual =
        "verdict "
            + result.verdict()
            + ", reproducible="
            + result.reproducible()
            + (differing.isEmpty() ? "" : ", differing files: " + Texts.limit(differing, 10));
    return outcome("twice", expected, actual, problems);
  }

  static CheckOutcome outcome(
      String check, List<String> expected, String actual, List<String> problems) {
    String exp = expected.isEmpty() ? "a result (no expectation)" : String.join("; ", expected);
    return problems.isEmpty()
        ? new CheckOutcome(check, Status.PASSED, exp, actual, "", 0)
        : new CheckOutcome(check, Status.FAILED, exp, actual, String.join("; ", problems), 0);
  }
}
