package io.splitcheck.matrix;

import io.splitcheck.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs engine work on at most {@code jobs} threads; results keep the input order. */
final class Parallel {
  interface EngineFunction<T, R> {
    R apply(T t) throws EngineException;
  }

  private Parallel() {}

  static <T, R> List<R> map(List<T> items, int jobs, EngineFunction<T, R> f)
      throws EngineException {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(jobs, items.size()),
            r -> {
              Thread t = new Thread(r, "splitcheck-cell");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> f.apply(item)));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> future : futures) {
        results.add(get(future));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R get(Future<R> future) throws EngineException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while cells were running", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EngineException ee) {
        throw ee;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new EngineException("a cell failed: " + cause, cause);
    }
  }
}
