package io.splitcheck.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes splitcheck spawned (docker CLI builds, ...) that must not outlive it: on exit they
 * are killed before the run's objects are removed, so a build cannot tag an image after cleanup
 * ran.
 *
 * <p>Process-wide on purpose: the processes are children of this JVM, and what must stop them is
 * the JVM stopping (its shutdown hooks), not the end of one session; a child started by any builder
 * in any run of the JVM must be on the list the hook walks. Entries leave it when the process
 * exits.
 */
public final class ChildProcesses {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  private ChildProcesses() {}

  public static Process track(Process p) {
    RUNNING.add(p);
    p.onExit().thenRun(() -> RUNNING.remove(p));
    return p;
  }

  /**
   * Stops every tracked process and its descendants with SIGTERM and waits for them to end, SIGKILL
   * after 5 s. A docker CLI build answers SIGTERM by cancelling its build on the engine ({@code
   * POST /build/cancel}) and exits only once the engine has ended it (seen with the 20.10 client
   * and DOCKER_BUILDKIT=1), so when this returns without a SIGKILL no build of ours is left running
   * there.
   */
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
