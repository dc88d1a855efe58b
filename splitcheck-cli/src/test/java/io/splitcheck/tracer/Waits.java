package io.splitcheck.tracer;

import java.util.concurrent.Callable;

/** Waiting in a test for a state another process reaches, with a bound. */
final class Waits {
  private Waits() {}

  static void until(Callable<Boolean> condition, long seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.call()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not reached within " + seconds + " s");
      }
      Thread.sleep(200);
    }
  }
}
