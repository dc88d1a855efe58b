package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.ContainerEngine.ImageConfig;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.Progress;
import io.splitcheck.tracer.CellTracers;
import io.splitcheck.tracer.TraceCollector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Runs an image under every cell of a plan: all cells untraced for the verdicts, then the cells the
 * trace mode selects again under the tracer. Creates only labelled objects, removed by the caller's
 * {@link RunScope}.
 */
public final class MatrixRunner {
  /**
   * Says, before running it, why a cell's profile would deny the tracer; empty when it would not.
   */
  public interface TraceGate {
    Optional<String> untraceable(Cell cell);
  }

  static final String NOT_TRACEABLE = "not traceable under this profile";
  private final List<EngineSlot> slots;
  private final String runId;
  private final TraceGate gate;
  private volatile ImageConfig image;
  private final boolean ebpf;
  private final CellRuns cells;

  public MatrixRunner(
      ContainerEngine engine, TraceCollector collector, String runId, TraceGate gate) {
    this(List.of(new EngineSlot(engine, null, collector)), runId, gate);
  }

  /** Cell {@code i} of the plan (and its traced re-run) runs on {@code slots[i % slots.size()]}. */
  public MatrixRunner(List<EngineSlot> slots, String runId, TraceGate gate) {
    this(slots, runId, gate, false);
  }

  private MatrixRunner(List<EngineSlot> slots, String runId, TraceGate gate, boolean ebpf) {
    if (slots.isEmpty()) {
      throw new IllegalArgumentException("a matrix needs at least one engine");
    }
    this.slots = List.copyOf(slots);
    this.runId = runId;
    this.gate = gate;
    this.ebpf = ebpf;
    this.cells = new CellRuns(runId, gate);
  }

  /**
   * With {@code ebpf}, the cells to trace are traced by the eBPF tracer in their verdict runs (no
   * traced re-run, no tracer inside the cell); else by strace in a second run.
   */
  public MatrixRunner withEbpf(boolean useEbpf) {
    return new MatrixRunner(slots, runId, gate, useEbpf);
  }

  public MatrixRun run(MatrixOptions o) throws EngineException {
    return run(o, requireImage(slots.get(0).engine(), o.image()));
  }

  /**
   * @param image the image's config on the first engine, already looked up
   */
  public MatrixRun run(MatrixOptions o, ImageConfig image) throws EngineException {
    List<String> argv = argv(image, o.command(), o.image());
    this.image = image;
    for (EngineSlot slot : slots.subList(1, slots.size())) {
      requireImage(slot.engine(), o.image());
    }
    if (ebpf) {
      MatrixRun seen =
          new EbpfCells(this::untracedWithProgress, CellTracers.shared(), runId)
              .run(o, image, slots.get(0));
      return ptraceWhereEbpfSawNothing(seen, o, argv);
    }
    List<Cell> cells = o.plan().cells();
    List<Integer> indexes = IntStream.range(0, cells.size()).boxed().toList();
    List<CellResult> results =
        Parallel.map(indexes, o.jobs(), i -> untracedWithProgress(cells.get(i), slot(i), o, null));
    Set<String> toTrace =
        results.stream().anyMatch(CellResult::engineLost) ? Set.of() : cellsToTrace(o, results);
    List<CellResult> traced =
        Parallel.map(
            indexes,
            o.jobs(),
            i -> {
              CellResult r = results.get(i);
              return toTrace.contains(r.config())
                  ? r.withTrace(tracedWithProgress(cells.get(i), slot(i), o, argv, r))
                  : r;
            });
    return new MatrixRun(o.image(), image.id(), image.architecture(), o.plan().baseline(), traced);
  }

  /**
   * Traces the cells of {@code run} named in {@code names} that were not traced yet (an engine
   * split needs the traces of both engines); the others are returned as they are.
   */
  public MatrixRun traceMore(MatrixRun run, MatrixOptions o, Set<String> names)
      throws EngineException {
    if (o.trace() == TraceMode.NEVER || names.isEmpty()) {
      return run;
    }
    List<String> argv =
        argv(requireImage(slots.get(0).engine(), o.image()), o.command(), o.image());
    List<Cell> cells = o.plan().cells();
    List<Integer> indexes = IntStream.range(0, cells.size()).boxed().toList();
    List<CellResult> traced =
        Parallel.map(
            indexes,
            o.jobs(),
            i -> {
              CellResult r = run.cells().get(i);
              return names.contains(r.config()) && !r.traced() && !r.engineLost()
                  ? r.withTrace(tracedWithProgress(cells.get(i), slot(i), o, argv, r))
                  : r;
            });
    return new MatrixRun(run.image(), run.imageId(), run.architecture(), run.baseline(), traced);
  }

  /**
   * A cell whose processes the eBPF tracer never saw (the entrypoint's own execve refused inside
   * runc, before the workload's first exec, as for a file-capability program under cap-drop ALL) is
   * traced again under strace, which follows the entrypoint from its first call: the verdict stays
   * the eBPF run's, the culprit comes from the traced run.
   */
  private MatrixRun ptraceWhereEbpfSawNothing(MatrixRun run, MatrixOptions o, List<String> argv)
      throws EngineException {
    List<Cell> cells = o.plan().cells();
    List<CellResult> out = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < run.cells().size(); i++) {
      CellResult r = run.cells().get(i);
      boolean blind =
          r.traced()
              && !r.trace().traceable()
              && EbpfCells.NOTE_NO_WORKLOAD.equals(r.trace().note())
              && slot(i).collector() != null
              && r.startError() == null;
      out.add(blind ? r.withTrace(tracedWithProgress(cells.get(i), slot(i), o, argv, r)) : r);
      changed |= blind;
    }
    return changed
        ? new MatrixRun(run.image(), run.imageId(), run.architecture(), run.baseline(), out)
        : run;
  }

  private EngineSlot slot(int cellIndex) {
    return slots.get(cellIndex % slots.size());
  }

  /** The image's config; a missing image is bad input, never pulled. */
  public static ImageConfig requireImage(ContainerEngine engine, String image)
      throws EngineException {
    return engine
        .image(image)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "image '" + image + "': no such image locally (splitcheck never pulls)"));
  }

  /** What runs: the image's entrypoint, then the user's command or else the image's cmd. */
  public static List<String> argv(ImageConfig image, List<String> command, String name) {
    List<String> argv = new ArrayList<>(image.entrypoint());
    argv.addAll(command.isEmpty() ? image.cmd() : command);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException(
          "image '"
              + name
              + "' has neither an entrypoint nor a cmd: "
              + "give the command after --");
    }
    return argv;
  }

  static Set<String> cellsToTrace(MatrixOptions o, List<CellResult> results) {
    Set<String> names = new LinkedHashSet<>();
    switch (o.trace()) {
      case NEVER -> {}
      case ALWAYS -> results.forEach(r -> names.add(r.config()));
      case AUTO -> {
        List<String> splits = Splits.of(results, o.plan().baseline());
        if (!splits.isEmpty()) {
          names.add(o.plan().baseline());
          names.addAll(splits);
        }
      }
    }
    return names;
  }

  /**
   * {@link CellRuns#untraced}, told to the progress line ({@link io.splitcheck.engine.Progress}
   * group "cells").
   */
  private CellResult untracedWithProgress(
      Cell cell, EngineSlot slot, MatrixOptions o, String cgroupParent) throws EngineException {
    Progress.started("cells", cell.name());
    try {
      return cells.untraced(cell, slot, o, image, cgroupParent);
    } finally {
      Progress.finished("cells", cell.name());
    }
  }

  private CellTrace tracedWithProgress(
      Cell cell, EngineSlot slot, MatrixOptions o, List<String> argv, CellResult untraced)
      throws EngineException {
    Progress.started("traced", cell.name());
    try {
      return cells.traced(cell, slot, o, image, argv, untraced);
    } finally {
      Progress.finished("traced", cell.name());
    }
  }
}
