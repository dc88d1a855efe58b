package io.splitcheck.diff;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The result of a task run on another thread, with its own IOException or RuntimeException
 * rethrown.
 */
public final class Futures {
  private Futures() {}

  /**
   * @param what what the task does, for the message when this thread is interrupted waiting
   */
  public static <T> T get(Future<T> f, String what) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    }
  }
}
