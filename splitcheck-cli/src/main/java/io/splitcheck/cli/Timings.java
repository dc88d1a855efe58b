package io.splitcheck.cli;

import java.lang.management.ManagementFactory;

/**
 * With {@code SPLITCHECK_TIMINGS=1}, prints to stderr how long after the JVM started each phase of
 * a command ended ({@code timing: PHASE MS}); otherwise does nothing. For the benchmarks'
 * breakdowns.
 */
final class Timings {
  private static final boolean ON = "1".equals(System.getenv("SPLITCHECK_TIMINGS"));

  private Timings() {}

  /** {@code timing: note TEXT}: a choice the command made, e.g. the cells it runs at once. */
  static void note(String text) {
    if (ON) {
      System.err.println("timing: note " + text);
    }
  }

  static void mark(String phase) {
    if (ON) {
      System.err.println(
          "timing: " + phase + " " + ManagementFactory.getRuntimeMXBean().getUptime());
    }
  }
}
