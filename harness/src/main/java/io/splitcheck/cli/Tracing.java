package io.splitcheck.cli;

import io.splitcheck.run.Attributor;
import io.splitcheck.run.MatrixPlan;
import io.splitcheck.run.MatrixRun;
import io.splitcheck.run.MatrixRunner;

/** Wires the trace parser and attribution into the matrix. */
final class Tracing {
  private Tracing() {}

  static MatrixRunner.TraceGate gate(MatrixPlan plan) {
    return MatrixRunner.TraceGate.NONE;
  }

  static Attributor attributor(MatrixPlan plan, MatrixRun run) {
    return Attributor.NONE;
  }
}
