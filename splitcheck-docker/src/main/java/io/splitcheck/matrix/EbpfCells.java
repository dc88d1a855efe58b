package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerEngine.ImageConfig;
import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.engine.EngineException;
import io.splitcheck.seccomp.CellRestrictions;
import io.splitcheck.seccomp.SeccompProfile;
import io.splitcheck.trace.bpf.BpfTraceLog;
import io.splitcheck.trace.bpf.RuntimeDenials;
import io.splitcheck.tracer.CellTracer;
import io.splitcheck.tracer.EbpfTracer;
import io.splitcheck.tracer.TracedCell;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A matrix run under the eBPF tracer: every cell's verdict run is traced as it runs (each under its
 * own cgroup parent, a cell of the JVM's shared tracer); the trace mode then only selects which
 * cells' traces the report keeps, as with ptrace.
 */
final class EbpfCells {
  /** A verdict run under a cgroup parent: {@link CellRuns#untraced}. */
  interface VerdictRun {
    CellResult run(Cell cell, EngineSlot slot, MatrixOptions o, String cgroupParent)
        throws EngineException;
  }

  static final String NOTE_NO_WORKLOAD =
      "the eBPF tracer saw no process of this cell (did it start?)";
  private final VerdictRun verdict;
  private final CellTracer tracer;
  private final String runId;

  EbpfCells(VerdictRun verdict, CellTracer tracer, String runId) {
    this.verdict = verdict;
    this.tracer = tracer;
    this.runId = runId;
  }

  /** A verdict run and the tracer's records of it. */
  private record Seen(
      Cell cell, CellResult result, long id, List<String> records, long dropped, long lost) {}

  MatrixRun run(MatrixOptions o, ImageConfig image, EngineSlot slot) throws EngineException {
    List<Cell> cells = o.plan().cells();
    List<Integer> indexes = IntStream.range(0, cells.size()).boxed().toList();
    List<Seen> seen = Parallel.map(indexes, o.jobs(), i -> runTraced(cells.get(i), i, slot, o));
    List<CellResult> results = seen.stream().map(Seen::result).toList();
    Set<String> keep =
        results.stream().anyMatch(CellResult::engineLost)
            ? Set.of()
            : MatrixRunner.cellsToTrace(o, results);
    List<CellResult> traced = new ArrayList<>();
    for (Seen s : seen) {
      CellResult r = s.result();
      traced.add(keep.contains(r.config()) ? r.withTrace(trace(s, r, image.architecture())) : r);
    }
    return new MatrixRun(o.image(), image.id(), image.architecture(), o.plan().baseline(), traced);
  }

  private Seen runTraced(Cell cell, int i, EngineSlot slot, MatrixOptions o)
      throws EngineException {
    TracedCell traced = tracer.cell(runId + "-" + i);
    CellResult r;
    try {
      r = verdict.run(cell, slot, o, traced.cgroupParent());
    } catch (EngineException | RuntimeException e) {
      traced.stop(); // lets the cell's records go
      throw e;
    }
    List<String> lines = traced.stop();
    return new Seen(cell, r, traced.id(), lines, traced.dropped(), traced.lost());
  }

  private static Optional<String> runtimeDenials(Seen s, String arch) {
    ContainerSecurity security = s.cell().security();
    if (security.seccomp() != ContainerSecurity.Seccomp.CUSTOM) {
      return Optional.empty();
    }
    SeccompProfile profile = SeccompProfile.parse(security.profileJson(), s.cell().origin());
    Set<String> caps = security.dropAllCaps() ? Set.of() : CellRestrictions.DOCKER_DEFAULT_CAPS;
    BpfTraceLog log = BpfTraceLog.of(s.records(), s.id(), "eBPF trace of " + s.cell().name());
    return RuntimeDenials.explain(RuntimeDenials.denied(log, profile, caps, arch));
  }

  private static CellTrace trace(Seen s, CellResult r, String arch) {
    if (r.startError() != null) {
      // the program never ran; the runtime did, under the cell's profile: name what it denied
      return CellTrace.untraceable(
          runtimeDenials(s, arch)
              .map(
                  d ->
                      "the program did not start ("
                          + StartErrors.startProblem(r.startError())
                          + "): "
                          + d)
              .orElse(StartErrors.notStarted(r.startError())));
    }
    List<String> lines =
        BpfTraceLog.of(s.records(), s.id(), "eBPF trace of " + r.config()).straceLines();
    if (lines.isEmpty()) {
      return new CellTrace(false, NOTE_NO_WORKLOAD, List.of(), r.outcome());
    }
    List<String> notes = new ArrayList<>();
    if (s.dropped() > 0) {
      notes.add(
          "the eBPF trace was cut: "
              + s.dropped()
              + " records between its first "
              + EbpfTracer.RECORDS_HEAD
              + " and its last "
              + EbpfTracer.RECORDS_TAIL
              + " were left out");
    }
    if (s.lost() > 0) {
      notes.add(
          "bpftrace lost "
              + s.lost()
              + " records while this cell ran (a perf buffer overflowed), so a failure missing"
              + " from this trace may have happened");
    }
    return new CellTrace(
        true, notes.isEmpty() ? null : String.join("; ", notes), lines, r.outcome());
  }
}
