package io.splitcheck.matrix;

import io.splitcheck.engine.CappedOutput;
import io.splitcheck.engine.EngineInfo;

/**
 * One cell's verdict (from its untraced run) and, when it was re-run under the tracer, its trace.
 *
 * @param config the cell's name
 * @param outcome exit code, timeout, OOM
 * @param wallMillis wall time of the untraced run
 * @param stdout first bytes of stdout
 * @param stderr first bytes of stderr
 * @param startError the engine's error when the container could not start, else null
 * @param trace the traced re-run, or null when the cell was not traced
 * @param engine the engine that ran the cell (and its traced re-run), or null when not recorded
 * @param memoryPeak the most memory the verdict run's cgroup used (bytes), or null when not read
 */
public record CellResult(
    String config,
    Outcome outcome,
    long wallMillis,
    CappedOutput stdout,
    CappedOutput stderr,
    String startError,
    CellTrace trace,
    EngineInfo engine,
    Long memoryPeak) {
  public CellResult(
      String config,
      Outcome outcome,
      long wallMillis,
      CappedOutput stdout,
      CappedOutput stderr,
      String startError,
      CellTrace trace,
      EngineInfo engine) {
    this(config, outcome, wallMillis, stdout, stderr, startError, trace, engine, null);
  }

  /** How {@link #startError} begins for a cell the engine stopped answering during. */
  public static final String ENGINE_WENT_AWAY = "engine went away";

  public CellResult(
      String config,
      Outcome outcome,
      long wallMillis,
      CappedOutput stdout,
      CappedOutput stderr,
      String startError,
      CellTrace trace) {
    this(config, outcome, wallMillis, stdout, stderr, startError, trace, null);
  }

  /**
   * A cell that did not finish because the engine stopped answering; {@code error} is the failed
   * call.
   */
  public static CellResult engineWentAway(String config, String error, EngineInfo engine) {
    return new CellResult(
        config,
        new Outcome(-1, false, false),
        0,
        CappedOutput.EMPTY,
        CappedOutput.EMPTY,
        ENGINE_WENT_AWAY + " during this cell: " + error,
        null,
        engine);
  }

  public static CellResult engineWentAway(String config, String error) {
    return engineWentAway(config, error, null);
  }

  public boolean engineLost() {
    return startError != null && startError.startsWith(ENGINE_WENT_AWAY);
  }

  public boolean traced() {
    return trace != null;
  }

  public CellResult withTrace(CellTrace t) {
    return new CellResult(
        config, outcome, wallMillis, stdout, stderr, startError, t, engine, memoryPeak);
  }
}
