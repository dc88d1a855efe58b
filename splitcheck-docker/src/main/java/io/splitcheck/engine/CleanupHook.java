package io.splitcheck.engine;

import io.splitcheck.report.TerminalText;
import java.time.Duration;

/**
 * The one bounded shutdown hook every run installs: on normal exit, an exception escaping main,
 * Ctrl-C or SIGTERM it refuses new engine objects ({@link Shutdown}), runs {@code prepare} (kill
 * child builds, stop a tracer gently), removes the run's objects, waits until the creates already
 * in flight have landed ({@link Shutdown#awaitCreatesLanded}, at most {@code createsBound}) and
 * removes them again. Work the engine does for us with no call of ours in flight — a build
 * exporting its image — is {@code prepare}'s to end: {@link ChildProcesses#killAll} returns only
 * once each docker CLI build has exited, and a build client answers SIGTERM by cancelling its build
 * on the engine and exits once the engine has ended it (seen: {@code #5 CANCELED}, then the
 * client's exit, then no step process left), so there is nothing left to wait for by time. The
 * whole hook is bounded, so a wedged engine cannot keep the JVM from ending. Objects of a run
 * killed with SIGKILL, or of a build client that had to be killed with SIGKILL, are left to {@code
 * gc}.
 */
public final class CleanupHook {
  /** How long the hook may take before the JVM ends anyway. */
  public static final Duration BOUND = Duration.ofSeconds(20);

  /** Removes the run's objects. */
  @FunctionalInterface
  public interface Removal {
    void run() throws EngineException;
  }

  private final Thread hook;

  private CleanupHook(Thread hook) {
    this.hook = hook;
  }

  public static CleanupHook install(
      String runId, Runnable prepare, Removal removal, Duration createsBound) {
    Thread work =
        new Thread(
            () -> {
              Shutdown.begin();
              prepare.run();
              removeQuietly(runId, removal);
              try {
                Shutdown.awaitCreatesLanded(createsBound);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              removeQuietly(runId, removal);
            },
            "splitcheck-cleanup-" + runId);
    Thread hook =
        new Thread(
            () -> {
              work.start();
              try {
                work.join(BOUND.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "splitcheck-exit-" + runId);
    Runtime.getRuntime().addShutdownHook(hook);
    return new CleanupHook(hook);
  }

  /**
   * The run is cleaning up after itself: the hook is no longer needed. Returns false when the JVM
   * is already shutting down, in which case the hook runs (and cleans) anyway.
   */
  public boolean remove() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static void removeQuietly(String runId, Removal removal) {
    try {
      removal.run();
    } catch (EngineException | RuntimeException e) {
      System.err.println(
          TerminalText.line(
              "splitcheck: cleanup of run "
                  + runId
                  + " failed: "
                  + e.getMessage()
                  + " (run `splitcheck gc` later)"));
    }
  }
}
