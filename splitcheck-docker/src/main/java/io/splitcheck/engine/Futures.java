package io.splitcheck.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work started ahead (a build, a probe, the engine connection) with its own error. */
public final class Futures {
  private Futures() {}

  /**
   * The future's value; an {@link EngineException} or runtime exception it failed with is rethrown
   * as itself, not wrapped in a {@link CompletionException}.
   */
  public static <T> T join(CompletableFuture<T> future) throws EngineException {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof EngineException ee) {
        throw ee;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }
}
