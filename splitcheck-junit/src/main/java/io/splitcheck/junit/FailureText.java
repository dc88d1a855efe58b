package io.splitcheck.junit;

import io.splitcheck.report.MatrixResult;

/**
 * The lines a failed expectation says: each split's summary (its culprits, once) and the cell's
 * stderr.
 */
final class FailureText {
  private FailureText() {}

  /**
   * {@code prod: exit 3 (unconfined: 0) <- getrandom = -1 EPERM [...]} and its stderr line below.
   */
  static String split(MatrixResult r, MatrixResult.Split split) {
    return "  " + split.summary() + cellLine(r, split.config());
  }

  /**
   * {@code \n stderr: getrandom: Operation not permitted}, or empty when the cell wrote nothing to
   * stderr.
   */
  static String cellLine(MatrixResult r, String cell) {
    String stderr =
        r.cell(cell)
            .map(c -> c.stderr() == null ? "" : c.stderr())
            .map(FailureText::firstLine)
            .orElse("");
    return stderr.isEmpty() ? "" : "\n    stderr: " + stderr;
  }

  static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }
}
