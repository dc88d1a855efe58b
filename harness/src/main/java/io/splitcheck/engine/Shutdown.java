package io.splitcheck.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the JVM is stopping (SIGTERM, Ctrl-C): from then on no new container is created, so a cell
 * thread that is still running cannot start a container after the exit cleanup has listed the run's
 * objects.
 */
public final class Shutdown {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private Shutdown() {}

  /** Called first by the exit hooks. */
  public static void begin() {
    STARTED.set(true);
  }

  public static boolean started() {
    return STARTED.get();
  }

  /** Throws when stopping: no new engine object may be created. */
  static void refuseWhenStopping(String what) throws EngineException {
    if (started()) {
      throw new EngineException(what + " refused: splitcheck is stopping and removing its objects");
    }
  }
}
