package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.report.CheckOutcome.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleRendererTest {
  private final ConsoleRenderer plain = new ConsoleRenderer(false);

  @Test
  void checkLine_showsMessage_forAFailure() {
    CheckOutcome o =
        new CheckOutcome(
            "matrix",
            Status.FAILED,
            "split in prod",
            "no split",
            "expected a split in prod, got no split",
            2140);
    assertEquals(
        "FAIL  getrandom matrix 2.1s  expected a split in prod, got no split",
        plain.checkLine("getrandom", o));
  }

  @Test
  void checkLine_neutralisesTerminalEscapes_fromContainerText() {
    CheckOutcome o = new CheckOutcome("build", Status.ERROR, "", "", "boom\u001b[2J\nnext", 0);
    assertEquals("ERROR x build 0.0s  boom\\x1b[2J next", plain.checkLine("x", o));
  }

  @Test
  void checkLine_redactsSecrets_inTheContainerTextItQuotes() {
    Redactor.rememberSecrets(List.of("console-secret-3f9a7c"));
    CheckOutcome o =
        new CheckOutcome(
            "matrix",
            Status.FAILED,
            "no split",
            "split in read-only",
            "expected no split, got split in read-only: stderr: API_TOKEN=tok-1234567 horse battery\n"
                + "Authorization: Bearer abcdef123456 key AKIAIOSFODNN7EXAMPLE pw console-secret-3f9a7c",
            10);
    String line = plain.checkLine("leaky", o);
    assertEquals(
        "FAIL  leaky matrix 0.0s  expected no split, got split in read-only: stderr: "
            + "API_TOKEN=[REDACTED] Authorization: Bearer [REDACTED] key [REDACTED] pw [REDACTED]",
        line);
  }

  @Test
  void checkLine_redactsAPassedChecksActualValue() {
    CheckOutcome o =
        new CheckOutcome("audit", Status.PASSED, "", "--password hunter2 echoed", "", 0);
    assertEquals("PASS  x audit 0.0s  --password [REDACTED] echoed", plain.checkLine("x", o));
  }

  @Test
  void checkLine_colours_onlyWhenAskedTo() {
    CheckOutcome o = new CheckOutcome("twice", Status.PASSED, "", "verdict content", "", 0);
    assertTrue(new ConsoleRenderer(true).checkLine("x", o).startsWith("\u001b[32mPASS "));
    assertTrue(plain.checkLine("x", o).startsWith("PASS  x twice"));
  }

  @Test
  void progress_drawsBarCountsAndElapsed() {
    assertEquals(
        "[####......] 9/21 checks  1 failed  0 errors  2m05s",
        plain.progress(9, 21, 1, 0, Duration.ofSeconds(125), 10));
    assertEquals(
        "[##########] 0/0 checks  0 failed  0 errors  0s",
        plain.progress(0, 0, 0, 0, Duration.ZERO, 10));
  }

  @Test
  void summary_countsEveryStatus() {
    assertEquals(
        "6 checks: 3 passed, 1 failed, 1 errors, 1 skipped in 1m04s",
        plain.summary(ReportSamples.sample(), Duration.ofSeconds(64)));
  }
}
