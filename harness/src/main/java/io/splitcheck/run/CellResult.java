package io.splitcheck.run;

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
 */
public record CellResult(String config, Outcome outcome, long wallMillis, CappedOutput stdout,
                         CappedOutput stderr, String startError, CellTrace trace,
                         EngineInfo engine) {
  public CellResult(String config, Outcome outcome, long wallMillis, CappedOutput stdout,
      CappedOutput stderr, String startError, CellTrace trace) {
    this(config, outcome, wallMillis, stdout, stderr, startError, trace, null);
  }

  public boolean traced() {
    return trace != null;
  }

  public CellResult withTrace(CellTrace t) {
    return new CellResult(config, outcome, wallMillis, stdout, stderr, startError, t, engine);
  }
}
