package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerEngine.ImageConfig;
import io.splitcheck.engine.EngineException;
import io.splitcheck.trace.bpf.BpfTraceLog;
import io.splitcheck.tracer.EbpfTracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A matrix run under the eBPF tracer: every cell's verdict run is traced as it runs (each under its own
 * cgroup parent); the trace mode then only selects which cells' traces the report keeps, as with ptrace.
 */
final class EbpfCells {
  /** A verdict run under a cgroup parent: {@link MatrixRunner#runUntraced}. */
  interface VerdictRun {
    CellResult run(Cell cell, EngineSlot slot, MatrixOptions o, String cgroupParent)
        throws EngineException;
  }

  static final String NOTE_NO_WORKLOAD = "the eBPF tracer saw no process of this cell (did it start?)";
  private final VerdictRun verdict;
  private final EbpfTracer tracer;

  EbpfCells(VerdictRun verdict, EbpfTracer tracer) {
    this.verdict = verdict;
    this.tracer = tracer;
  }

  MatrixRun run(MatrixOptions o, ImageConfig image, EngineSlot slot) throws EngineException {
    List<Cell> cells = o.plan().cells();
    List<Integer> indexes = IntStream.range(0, cells.size()).boxed().toList();
    List<CellResult> results = Parallel.map(indexes, o.jobs(),
        i -> verdict.run(cells.get(i), slot, o, tracer.cgroupParent(i)));
    List<String> output = tracer.stop();
    Set<String> keep = results.stream().anyMatch(CellResult::engineLost) ? Set.of()
        : MatrixRunner.cellsToTrace(o, results);
    List<CellResult> traced = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      CellResult r = results.get(i);
      traced.add(keep.contains(r.config()) ? r.withTrace(trace(output, i, r)) : r);
    }
    return new MatrixRun(o.image(), image.id(), image.architecture(), o.plan().baseline(), traced);
  }

  private CellTrace trace(List<String> output, int cell, CellResult r) {
    if (r.startError() != null) {
      // nothing ran, so nothing was traced: say what the engine said, as the ptrace path does
      return CellTrace.untraceable("not traceable: the program did not start ("
          + MatrixRunner.startProblem(r.startError()) + ")");
    }
    List<String> lines = BpfTraceLog.of(output, tracer.cellId(cell), "eBPF trace of " + r.config())
        .straceLines();
    return lines.isEmpty() ? new CellTrace(false, NOTE_NO_WORKLOAD, List.of(), r.outcome())
        : new CellTrace(true, null, lines, r.outcome());
  }
}
