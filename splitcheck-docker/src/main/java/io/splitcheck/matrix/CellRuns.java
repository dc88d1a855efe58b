package io.splitcheck.matrix;

import io.splitcheck.engine.CappedOutput;
import io.splitcheck.engine.ContainerEngine.ImageConfig;
import io.splitcheck.engine.ContainerExit;
import io.splitcheck.engine.ContainerSpec;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.Labels;
import io.splitcheck.tracer.TraceCollector;
import java.util.List;
import java.util.Optional;

/**
 * One cell's container runs, for {@link MatrixRunner}: the verdict run (a pod setting the image
 * cannot meet refused before anything starts; a profile the runtime rejects is bad input; an engine
 * gone mid-run a lost cell) and the strace re-run with its notes (traced outcome unlike the
 * verdict's, a trace cut to its head and tail). Every container is labelled with the run's id.
 */
final class CellRuns {
  private final String runId;
  private final MatrixRunner.TraceGate gate;

  CellRuns(String runId, MatrixRunner.TraceGate gate) {
    this.runId = runId;
    this.gate = gate;
  }

  /**
   * One run of {@code cell} for its verdict, under {@code cgroupParent} when not null (the eBPF
   * tracer's cell directory).
   */
  CellResult untraced(
      Cell cell, EngineSlot slot, MatrixOptions o, ImageConfig image, String cgroupParent)
      throws EngineException {
    Optional<String> refused = PodResolution.refusal(cell, image);
    if (refused.isPresent()) {
      return new CellResult(
          cell.name(),
          new Outcome(-1, false, false),
          0,
          CappedOutput.EMPTY,
          CappedOutput.EMPTY,
          refused.get(),
          null,
          slot.info());
    }
    ContainerExit exit;
    try {
      ContainerSpec spec = spec(cell, o, image, "cell");
      exit = slot.engine().run(cgroupParent == null ? spec : spec.withCgroupParent(cgroupParent));
    } catch (EngineException | RuntimeException e) {
      Optional<String> rejection = StartErrors.createRejection(cell, e.getMessage());
      if (rejection.isPresent()) {
        throw StartErrors.rejected(cell, rejection.get());
      }
      // docker-java reports a refused connection as a bare RuntimeException
      if (slot.engine().answers()) {
        throw e;
      }
      return CellResult.engineWentAway(cell.name(), e.getMessage(), slot.info());
    }
    Optional<String> rejection = StartErrors.profileRejection(cell, exit.startError());
    if (rejection.isPresent()) {
      throw StartErrors.rejected(cell, rejection.get());
    }
    return new CellResult(
        cell.name(),
        outcome(exit),
        exit.wallMillis(),
        exit.stdout(),
        exit.stderr(),
        exit.startError(),
        null,
        slot.info(),
        exit.memoryPeak());
  }

  /** {@code cell} run again under strace, unless it cannot be traced (then the reason). */
  CellTrace traced(
      Cell cell,
      EngineSlot slot,
      MatrixOptions o,
      ImageConfig image,
      List<String> argv,
      CellResult untraced)
      throws EngineException {
    Outcome verdict = untraced.outcome();
    Optional<String> refused = PodResolution.refusal(cell, image);
    if (refused.isPresent()) {
      return CellTrace.untraceable(
          MatrixRunner.NOT_TRACEABLE + ": never started (" + refused.get() + ")");
    }
    if (untraced.startError() != null) {
      // nothing ran, so nothing can be traced: say what the engine said instead of blaming the
      // profile
      return CellTrace.untraceable(StartErrors.notStarted(untraced.startError()));
    }
    Optional<String> denied = gate.untraceable(cell);
    if (denied.isPresent()) {
      String why = denied.get();
      return CellTrace.untraceable(
          why.startsWith(MatrixRunner.NOT_TRACEABLE)
              ? why
              : MatrixRunner.NOT_TRACEABLE + ": " + why);
    }
    TraceCollector.TracedExit t =
        slot.collector()
            .run(
                spec(cell, o, image, "traced-cell"),
                PodResolution.argv(cell, image, argv),
                cell.name());
    Outcome outcome = outcome(t.exit());
    if (t.lines().isEmpty()) {
      return new CellTrace(
          false,
          MatrixRunner.NOT_TRACEABLE
              + ": the tracer wrote no trace ("
              + StartErrors.firstLine(t.exit().stderr().text(), t.exit().startError())
              + ")",
          List.of(),
          outcome);
    }
    String note =
        outcome.sameAs(verdict)
            ? null
            : "traced run: " + outcome.describe() + " (untraced: " + verdict.describe() + ")";
    if (t.droppedLines() > 0) {
      String cut =
          "the trace was cut: "
              + t.droppedLines()
              + " lines between its first "
              + TraceCollector.HEAD_LINES
              + " and its last "
              + TraceCollector.TAIL_LINES
              + " were left out";
      note = note == null ? cut : note + "; " + cut;
    }
    return new CellTrace(true, note, t.lines(), outcome);
  }

  private ContainerSpec spec(Cell cell, MatrixOptions o, ImageConfig image, String role) {
    ContainerSpec spec =
        ContainerSpec.cell(
            o.image(),
            o.command().isEmpty() ? null : o.command(),
            cell.security(),
            Labels.forRun(runId, role),
            o.timeout(),
            o.outputCap());
    return image == null
        ? spec
        : PodResolution.apply(
            spec,
            image,
            PodResolution.argv(cell, image, MatrixRunner.argv(image, o.command(), o.image())));
  }

  static Outcome outcome(ContainerExit exit) {
    return new Outcome(exit.exitCode(), exit.timedOut(), exit.oomKilled());
  }
}
