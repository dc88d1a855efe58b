package io.splitcheck.matrix;

import java.util.List;

/** Split detection: a cell splits when its outcome differs from the baseline's. */
public final class Splits {
  private Splits() {}

  /** The names of the cells that split from {@code baseline}, in cell order. */
  public static List<String> of(List<CellResult> cells, String baseline) {
    CellResult baseCell = cells.stream().filter(c -> c.config().equals(baseline)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no result for baseline '" + baseline + "'"));
    if (baseCell.engineLost()) {
      return List.of(); // nothing to compare with
    }
    Outcome base = baseCell.outcome();
    return cells.stream()
        .filter(c -> !c.config().equals(baseline) && !c.engineLost() && !c.outcome().sameAs(base))
        .map(CellResult::config)
        .toList();
  }
}
