package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import java.io.IOException;
import java.util.Optional;

/**
 * Picks the eBPF tracer of a run: the host's tracer daemon when it answers ({@code splitcheck
 * tracer start}: bpftrace started once for many CLI runs), else the JVM's own shared tracer.
 */
public final class CellTracers {
  private CellTracers() {}

  /**
   * The daemon configured by {@link DaemonState#configured} when it answers; a dead one's state is
   * removed on the way.
   */
  public static Optional<DaemonClient> daemon() {
    Optional<DaemonState> state = DaemonState.configured();
    if (state.isEmpty()) {
      return Optional.empty();
    }
    Optional<DaemonClient> c = DaemonClient.connect(state.get());
    if (c.isEmpty()) {
      try {
        state.get().cleanIfStale();
      } catch (IOException e) {
        // left for the next look
      }
    }
    return c;
  }

  /** Starts the JVM's own tracer in the background unless the daemon answers. */
  public static void prestart() {
    if (daemon().isEmpty()) {
      EbpfTracer.prestart();
    }
  }

  /** The daemon when it answers, else the JVM's shared tracer (started now if need be). */
  public static CellTracer shared() throws EngineException {
    Optional<DaemonClient> d = daemon();
    return d.isPresent() ? d.get() : EbpfTracer.shared();
  }
}
