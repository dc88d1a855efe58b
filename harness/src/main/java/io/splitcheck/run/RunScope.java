package io.splitcheck.run;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.Shutdown;
import java.time.Duration;

/**
 * Removes everything a run created when closed, and from a bounded shutdown hook when the JVM is
 * stopped first (Ctrl-C).
 */
public final class RunScope implements AutoCloseable {
  private static final Duration HOOK_LIMIT = Duration.ofSeconds(20);
  private static final Duration SETTLE = Duration.ofSeconds(1);
  private final ContainerEngine engine;
  private final String runId;
  private final Thread hook;

  public RunScope(ContainerEngine engine, String runId) {
    this(engine, runId, () -> { });
  }

  /**
   * @param beforeCleanup run by the shutdown hook before anything is removed, e.g. to stop a tracer
   *     gently and let the main thread read its output
   */
  public RunScope(ContainerEngine engine, String runId, Runnable beforeCleanup) {
    this.engine = engine;
    this.runId = runId;
    Thread cleaner = new Thread(() -> {
      Shutdown.begin();
      beforeCleanup.run();
      removeQuietly();
      settle();
      removeQuietly(); // a container whose create was already in flight when the hook started
    }, "splitcheck-cleanup-" + runId);
    this.hook = new Thread(() -> {
      cleaner.start();
      try {
        cleaner.join(HOOK_LIMIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "splitcheck-shutdown-" + runId);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  public String runId() {
    return runId;
  }

  @Override
  public void close() throws EngineException {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      return; // shutting down: the hook cleans
    }
    engine.removeRun(runId);
  }

  private static void settle() {
    try {
      Thread.sleep(SETTLE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void removeQuietly() {
    try {
      engine.removeRun(runId);
    } catch (EngineException | RuntimeException e) {
      System.err.println("splitcheck: cleanup of run " + runId + " failed: " + e.getMessage());
    }
  }
}
