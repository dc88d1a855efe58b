package io.splitcheck.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What happens at a container's timeout: SIGKILL; a tracer first gets SIGINT so that it detaches
 * from its tracees and flushes, and SIGKILL 15 s later. {@link #expire} holds the lock while it
 * kills, so that {@link #cancel} returns only once a kill in flight has answered.
 */
final class ContainerDeadline {
  /**
   * Sends a signal to a container: true when delivered, false when it is no longer running or gone.
   */
  @FunctionalInterface
  interface Kill {
    boolean send(String id, String signal);
  }

  /**
   * A few threads: a kill that hangs on an engine gone silent must not hold up other deadlines.
   * Process-wide on purpose: daemon threads that hold only scheduled kills, shared by every engine
   * object, so nothing has to close it (a pool per engine would leak threads wherever an engine
   * object is dropped without close); a deadline cancels its own tasks when its container exits.
   */
  static final ScheduledExecutorService TIMER =
      Executors.newScheduledThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "splitcheck-container-deadlines");
            t.setDaemon(true);
            return t;
          });

  private final String id;
  private final boolean gently;
  private final Kill kill;
  private boolean fired;
  private boolean cancelled;
  private ScheduledFuture<?> escalation;

  ContainerDeadline(String id, boolean gently, Kill kill) {
    this.id = id;
    this.gently = gently;
    this.kill = kill;
  }

  synchronized void expire() {
    if (cancelled) {
      return;
    }
    // a container that exited just before its deadline is not "timed out": kill answers 409
    if (kill.send(id, gently ? "INT" : "KILL")) {
      fired = true;
      if (gently) {
        escalation = TIMER.schedule(() -> kill.send(id, "KILL"), 15, TimeUnit.SECONDS);
      }
    }
  }

  synchronized void cancel() {
    cancelled = true;
    if (escalation != null) {
      escalation.cancel(false);
    }
  }

  synchronized boolean fired() {
    return fired;
  }
}
