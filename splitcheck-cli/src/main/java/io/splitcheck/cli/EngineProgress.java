package io.splitcheck.cli;

import io.splitcheck.engine.Progress;
import io.splitcheck.matrix.EngineAxis;
import java.util.List;

/**
 * The progress of {@code matrix --on A,B}: the matrix's "cells" and "traced" events told per
 * engine, as {@code matrix 9s A cells 2/2 B cells 1/2: read-only}. The engines run one after the
 * other ({@link EngineAxis#PROGRESS_GROUP} says which one works now); every engine's cells are
 * counted from the start, so the line shows what is left on each.
 */
final class EngineProgress implements Progress.Listener {
  private final ProgressLine line;
  private volatile String engine;

  /** Each engine in {@code engines} with {@code cells} cells to run. */
  EngineProgress(ProgressLine line, List<String> engines, int cells) {
    this.line = line;
    engines.forEach(e -> line.total(group(e, "cells"), cells));
  }

  @Override
  public void started(String group, String item) {
    if (group.equals(EngineAxis.PROGRESS_GROUP)) {
      engine = item;
    } else {
      line.started(group(engine, group), item);
    }
  }

  @Override
  public void finished(String group, String item) {
    if (group.equals(EngineAxis.PROGRESS_GROUP)) {
      engine = null;
    } else {
      line.finished(group(engine, group), item);
    }
  }

  private static String group(String engine, String group) {
    return engine == null ? group : engine + " " + group;
  }
}
