package io.splitcheck.engine;

import java.lang.management.ManagementFactory;

/**
 * With {@code SPLITCHECK_TIMINGS=1}, one stderr line per engine API call the cells make ({@code
 * timing: call METHOD PATH MS end MS}: how long it took, and when it ended after the JVM started),
 * so the order and overlap of create, start, wait, inspect, logs and remove across cells can be
 * read; otherwise nothing. The flag is read once: it describes how this JVM was started.
 */
final class CallTimings {
  private static final boolean ON = "1".equals(System.getenv("SPLITCHECK_TIMINGS"));

  private CallTimings() {}

  static long start() {
    return ON ? System.nanoTime() : 0L;
  }

  static void end(String request, long startNanos) {
    if (ON) {
      long took = (System.nanoTime() - startNanos) / 1_000_000;
      long at = ManagementFactory.getRuntimeMXBean().getUptime();
      System.err.println("timing: call " + shorten(request) + " " + took + " end " + at);
    }
  }

  /** Container ids cut to 12 characters, query strings dropped: one line stays readable. */
  static String shorten(String request) {
    String noQuery = request.replaceFirst("\\?.*$", "");
    return noQuery.replaceAll("([0-9a-f]{12})[0-9a-f]{52}", "$1").replace(' ', '_');
  }
}
