package io.splitcheck.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes splitcheck spawned (docker CLI builds, ...) that must not outlive it: on exit they are
 * killed before the run's objects are removed, so a build cannot tag an image after cleanup ran.
 */
public final class ChildProcesses {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  private ChildProcesses() {}

  public static Process track(Process p) {
    RUNNING.add(p);
    p.onExit().thenRun(() -> RUNNING.remove(p));
    return p;
  }

  /** Kills every tracked process and its descendants, waiting a bounded time for them to end. */
  public static void killAll() {
    for (Process p : RUNNING) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : RUNNING) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
