package io.splitcheck.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the JVM is stopping (SIGTERM, Ctrl-C): from then on no new engine object is created, so a
 * cell thread that is still running cannot start a container after the exit cleanup has listed the
 * run's objects; and which creates were already in flight, so that the cleanup can wait for them to
 * land instead of guessing how long they take.
 *
 * <p>Process-wide on purpose: what it records is the JVM's own state. The JVM stops once, for every
 * run in it, and runs every run's {@link CleanupHook} then; a create on any thread, from any engine
 * object, must see that and be counted, whichever session or engine object it came from. An object
 * handed around would have to reach every call that creates (containers, volumes, image loads,
 * owner records) and would still describe one JVM. Tests never set it (only a hook does).
 */
public final class Shutdown {
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final AtomicInteger CREATING = new AtomicInteger();
  private static final Object LANDED = new Object();

  /** An engine call that creates an object. */
  @FunctionalInterface
  interface Create<T> {
    T run() throws EngineException;
  }

  private Shutdown() {}

  /** Called first by the exit hooks. */
  public static void begin() {
    STARTED.set(true);
  }

  public static boolean started() {
    return STARTED.get();
  }

  /**
   * Runs a create unless stopping (then throws), counted while in flight. Counted before the check:
   * a cleanup that has begun either sees this create in flight, or this create sees it begun.
   */
  static <T> T creating(String what, Create<T> create) throws EngineException {
    CREATING.incrementAndGet();
    try {
      if (started()) {
        throw new EngineException(
            what + " refused: splitcheck is stopping and removing its objects");
      }
      return create.run();
    } finally {
      if (CREATING.decrementAndGet() == 0) {
        synchronized (LANDED) {
          LANDED.notifyAll();
        }
      }
    }
  }

  /** Waits at most {@code max} until no create is in flight; true when none is. */
  public static boolean awaitCreatesLanded(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (LANDED) {
      while (CREATING.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(LANDED, left);
      }
    }
    return true;
  }
}
