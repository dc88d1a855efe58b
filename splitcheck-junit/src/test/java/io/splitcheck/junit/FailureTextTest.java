package io.splitcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.json.Json;
import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.ScenarioReport;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a failed expectation says, from a captured {@code matrix --json} (fixtures/report/commands).
 */
class FailureTextTest {
  private static MatrixResult matrix() throws Exception {
    try (InputStream in =
        FailureTextTest.class.getResourceAsStream("/fixtures/report/commands/matrix.json")) {
      return Json.read(in, MatrixResult.class, "matrix.json");
    }
  }

  @Test
  void split_saysTheSummaryOnce_thenTheCellsFirstStderrLine() throws Exception {
    MatrixResult r = matrix();

    assertEquals(
        "  prod: exit 3 (unconfined: 0) <- getrandom = -1 EPERM [seccomp: denied by profile prod]\n"
            + "    stderr: verify-tls: getrandom failed: Operation not permitted",
        FailureText.split(r, r.splits().get(0)));
  }

  @Test
  void scenarioFailure_isTheOutcomesMessage_withTheStderrLine_andNoEmptyExpected()
      throws Exception {
    MatrixResult r = matrix();
    String message = "expected no split in prod, got " + r.splits().get(0).summary();
    CheckOutcome failed =
        new CheckOutcome(
            "matrix",
            CheckOutcome.Status.FAILED,
            "no split",
            "1 split(s): " + r.splits().get(0).summary(),
            message,
            10);
    ScenarioReport report =
        new ScenarioReport("tls", "scenarios/tls", null, List.of(), null, r, null, List.of(failed));

    assertEquals(
        "tls matrix: "
            + message
            + "\n  prod stderr: verify-tls: getrandom failed: Operation not permitted",
        ScenarioTests.failure("tls", report, failed));
  }
}
