package io.splitcheck.engine;

import java.time.Duration;
import java.util.List;

/**
 * The exit cleanup of a run that builds ({@code twice}, {@code run}): a {@link CleanupHook} that
 * first stops the docker CLI builds the run started and waits for them to exit (each cancels its
 * build on the engine first, so no build of the run can tag an image once they are gone), then
 * removes the run's labelled and tagged objects from every engine the run used.
 */
public final class ExitCleanup implements AutoCloseable {
  /** How long the hook waits for creates already in flight when it started. */
  private static final Duration CREATES_BOUND = Duration.ofSeconds(2);

  private final CleanupHook hook;

  private ExitCleanup(CleanupHook hook) {
    this.hook = hook;
  }

  public static ExitCleanup install(String runId, Janitor janitor) {
    return install(runId, List.of(janitor));
  }

  /**
   * As {@link #install(String, Janitor)}, removing from every engine, each tried even when one
   * fails.
   */
  public static ExitCleanup install(String runId, List<Janitor> janitors) {
    return new ExitCleanup(
        CleanupHook.install(
            runId,
            ChildProcesses::killAll,
            () -> {
              EngineException first = null;
              for (Janitor janitor : janitors) {
                try {
                  janitor.removeRun(runId);
                } catch (EngineException | RuntimeException e) {
                  first =
                      first != null
                          ? first
                          : e instanceof EngineException ee
                              ? ee
                              : new EngineException(e.getMessage(), e);
                }
              }
              if (first != null) {
                throw first;
              }
            },
            CREATES_BOUND));
  }

  /** The run cleaned up after itself: the hook is no longer needed. */
  @Override
  public void close() {
    hook.remove();
  }

  /**
   * As {@link #close}; false when the JVM is already stopping (SIGTERM, Ctrl-C): the hook is
   * cleaning up with the run's engine connection then, which the run must leave open.
   */
  public boolean release() {
    return hook.remove();
  }
}
