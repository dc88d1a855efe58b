package io.splitcheck.engine;

/** The engine port's role that removes what one run created. */
public interface RunCleanup {
  /** Removes every container, volume and image carrying {@code io.splitcheck.run=runId}. */
  void removeRun(String runId) throws EngineException;
}
