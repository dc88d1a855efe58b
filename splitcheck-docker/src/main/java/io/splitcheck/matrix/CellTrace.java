package io.splitcheck.matrix;

import java.util.List;

/**
 * A cell's traced re-run.
 *
 * @param traceable false when the tracer could not run under the cell (its profile denies it)
 * @param note why not traceable, or that the traced run's outcome differed; null when nothing to
 *     say
 * @param lines the strace output lines, as written with {@code -f -qq -s 256 -o FILE}
 * @param outcome the traced run's own outcome
 */
public record CellTrace(boolean traceable, String note, List<String> lines, Outcome outcome) {
  public CellTrace {
    lines = List.copyOf(lines);
  }

  public static CellTrace untraceable(String why) {
    return new CellTrace(false, why, List.of(), null);
  }
}
