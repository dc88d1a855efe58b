package io.splitcheck.report;

import java.time.Duration;
import java.util.Locale;

/**
 * The console lines of {@code splitcheck run} (pure): one line per finished check, a progress bar
 * with counts and elapsed time, and a closing summary. Colour only when asked for (the caller
 * decides from {@code NO_COLOR} and whether stdout is a terminal).
 */
public final class ConsoleRenderer {
  private static final String RESET = "\u001b[0m";
  private final boolean colour;

  public ConsoleRenderer(boolean colour) {
    this.colour = colour;
  }

  /** {@code FAIL getrandom-seccomp matrix 2.1s expected ..., got ...}. */
  public String checkLine(String scenario, CheckOutcome o) {
    String label =
        switch (o.status()) {
          case PASSED -> paint("PASS ", "\u001b[32m");
          case FAILED -> paint("FAIL ", "\u001b[31m");
          case ERROR -> paint("ERROR", "\u001b[33m");
          case SKIPPED -> paint("SKIP ", "\u001b[90m");
        };
    String line = label + " " + scenario + " " + o.check() + " " + seconds(o.millis());
    String detail = o.passed() ? o.actual() : o.message();
    return detail.isEmpty() ? line : line + "  " + oneLine(detail);
  }

  /**
   * {@code [#########...........] 9/21 checks 1 failed 0 errors 2m05s}, {@code width} bar cells.
   */
  public String progress(int done, int total, int failed, int errors, Duration elapsed, int width) {
    int filled = total == 0 ? width : (int) ((long) done * width / total);
    return "["
        + "#".repeat(filled)
        + ".".repeat(width - filled)
        + "] "
        + done
        + "/"
        + total
        + " checks  "
        + failed
        + " failed  "
        + errors
        + " errors  "
        + clock(elapsed);
  }

  /** The last line: {@code 21 checks: 20 passed, 1 failed, 0 errors, 0 skipped in 4m10s}. */
  public String summary(RunReport report, Duration elapsed) {
    int[] c = report.counts();
    int passed = c[0] - c[1] - c[2] - c[3];
    String text =
        c[0]
            + " checks: "
            + passed
            + " passed, "
            + c[1]
            + " failed, "
            + c[2]
            + " errors, "
            + c[3]
            + " skipped in "
            + clock(elapsed);
    return report.passed() ? paint(text, "\u001b[32m") : paint(text, "\u001b[31m");
  }

  private String paint(String text, String code) {
    return colour ? code + text + RESET : text;
  }

  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }

  /**
   * One line, secrets blanked (a check's message quotes what a container printed, which may be a
   * token or a build secret's contents: {@link Redactor#standard}, before the lines are joined, as
   * the reports do value by value), control characters escaped (they would drive the terminal).
   */
  private static String oneLine(String s) {
    return TerminalText.escape(
        Redactor.standard().redact(s).replace("\r\n", " ").replace('\n', ' '));
  }
}
