package io.splitcheck.matrix;

import io.splitcheck.engine.CleanupHook;
import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineException;
import java.time.Duration;

/**
 * Removes everything a run created when closed, and from the bounded {@link CleanupHook} when the
 * JVM is stopped first (Ctrl-C, SIGTERM).
 */
public final class RunScope implements AutoCloseable {
  /** How long the hook waits for container creates already in flight when it started. */
  private static final Duration CREATES_BOUND = Duration.ofSeconds(1);

  private final ContainerEngine engine;
  private final String runId;
  private final CleanupHook hook;

  public RunScope(ContainerEngine engine, String runId) {
    this(engine, runId, () -> {});
  }

  /**
   * @param beforeCleanup run by the shutdown hook before anything is removed, e.g. to stop a tracer
   *     gently and let the main thread read its output
   */
  public RunScope(ContainerEngine engine, String runId, Runnable beforeCleanup) {
    this.engine = engine;
    this.runId = runId;
    this.hook =
        CleanupHook.install(runId, beforeCleanup, () -> engine.removeRun(runId), CREATES_BOUND);
  }

  public String runId() {
    return runId;
  }

  @Override
  public void close() throws EngineException {
    if (hook.remove()) {
      engine.removeRun(runId);
    } // else shutting down: the hook cleans
  }
}
