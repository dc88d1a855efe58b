package io.splitcheck.engine;

/**
 * What a long step is doing now, for a progress line on a terminal: a cell started or finished, a
 * build started, the images being compared. The CLI {@link #listen listens} while a command runs
 * (only when stderr is a terminal); without a listener every call is a no-op. One listener per
 * process: the work reports from the threads that do it, which know nothing of the console.
 */
public final class Progress {
  /** Receives the events; called from worker threads. */
  public interface Listener {
    /** {@code item} of {@code group} (e.g. group "cells", item "read-only") began. */
    void started(String group, String item);

    /** {@code item} of {@code group} ended, whatever its outcome. */
    void finished(String group, String item);
  }

  private static final Listener NONE =
      new Listener() {
        @Override
        public void started(String group, String item) {}

        @Override
        public void finished(String group, String item) {}
      };
  private static volatile Listener listener = NONE;

  private Progress() {}

  /** Sends the events to {@code l} until the returned handle is closed. */
  public static AutoCloseable listen(Listener l) {
    listener = l;
    return () -> listener = NONE;
  }

  public static void started(String group, String item) {
    listener.started(group, item);
  }

  public static void finished(String group, String item) {
    listener.finished(group, item);
  }
}
