package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;

/**
 * Where traced cells come from: the JVM's own bpftrace ({@link EbpfTracer}) or the host's tracer
 * daemon ({@link DaemonClient}); {@link CellTracers#shared} picks one.
 */
public interface CellTracer {
  /**
   * A cell to trace: its cgroup directory is made now and its records are kept from now until
   * {@link TracedCell#stop}.
   */
  TracedCell cell(String name) throws EngineException;
}
