package io.splitcheck.matrix;

import java.util.List;
import java.util.Optional;

/** Split detection: a cell splits when its outcome differs from the baseline's. */
public final class Splits {
  private Splits() {}

  /**
   * The names of the cells that split from {@code baseline}, in cell order; none when the baseline
   * did not finish (the engine went away, or it timed out: a cell that finishes is not a split from
   * a run that never did).
   */
  public static List<String> of(List<CellResult> cells, String baseline) {
    CellResult baseCell =
        cells.stream()
            .filter(c -> c.config().equals(baseline))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no result for baseline '" + baseline + "'"));
    if (baseCell.engineLost() || baseCell.outcome().timedOut()) {
      return List.of(); // nothing to compare with
    }
    Outcome base = baseCell.outcome();
    return cells.stream()
        .filter(c -> !c.config().equals(baseline) && !c.engineLost() && !c.outcome().sameAs(base))
        .map(CellResult::config)
        .toList();
  }

  /**
   * Why no split is claimed against the baseline when it timed out, with the way out; empty when it
   * finished.
   */
  public static Optional<String> unfinishedBaseline(List<CellResult> cells, String baseline) {
    return cells.stream()
        .filter(c -> c.config().equals(baseline) && c.outcome().timedOut())
        .findFirst()
        .map(
            c ->
                "the baseline "
                    + baseline
                    + " did not finish (timed out after "
                    + c.wallMillis()
                    + " ms): no split is claimed against it; give it more time with"
                    + " --timeout");
  }
}
