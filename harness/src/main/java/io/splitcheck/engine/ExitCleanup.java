package io.splitcheck.engine;

import java.time.Duration;

/**
 * Removes a run's objects when the JVM exits for any reason it can react to — normal exit, an exception
 * escaping main, Ctrl-C (SIGINT) or SIGTERM — in a shutdown hook bounded in time, so a wedged engine
 * cannot keep the process from ending. Objects of a run killed with SIGKILL are left to {@code gc}.
 */
public final class ExitCleanup implements AutoCloseable {
  /** How long the hook may take before the JVM ends anyway. */
  public static final Duration BOUND = Duration.ofSeconds(20);
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private final Thread hook;

  private ExitCleanup(Thread hook) {
    this.hook = hook;
  }

  public static ExitCleanup install(String runId, Janitor janitor) {
    Thread work = new Thread(() -> {
      try {
        Shutdown.begin();
        ChildProcesses.killAll();
        janitor.removeRun(runId);
        // a build the engine was already exporting may still tag its image a moment after its client died
        Thread.sleep(SETTLE.toMillis());
        janitor.removeRun(runId);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (EngineException | RuntimeException e) {
        System.err.println("splitcheck: cleanup of run " + runId + " failed: " + e.getMessage()
            + " (run `splitcheck gc` later)");
      }
    }, "splitcheck-cleanup-" + runId);
    Thread hook = new Thread(() -> {
      work.start();
      try {
        work.join(BOUND.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "splitcheck-exit-" + runId);
    Runtime.getRuntime().addShutdownHook(hook);
    return new ExitCleanup(hook);
  }

  /** The run cleaned up after itself: the hook is no longer needed. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
  }
}
