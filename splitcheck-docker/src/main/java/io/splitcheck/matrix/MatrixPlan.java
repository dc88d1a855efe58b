package io.splitcheck.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which cells run, in which order, and which is the baseline.
 *
 * @param cells in report order
 * @param baseline the name of the cell every other is compared with
 */
public record MatrixPlan(List<Cell> cells, String baseline) {
  public MatrixPlan {
    cells = List.copyOf(cells);
    if (cells.stream().noneMatch(c -> c.name().equals(baseline))) {
      throw new IllegalArgumentException(
          "baseline '"
              + baseline
              + "' is not one of the cells "
              + cells.stream().map(Cell::name).toList());
    }
  }

  /**
   * Expands the command line: without {@code configs}, the six built-in cells; with them, only
   * those named, in that order. Custom cells ({@code --profile}, {@code --derive}) always run,
   * after the named ones unless {@code configs} places them. The baseline is {@code baseline}, else
   * the first named config, else {@code unconfined}.
   */
  public static MatrixPlan expand(
      List<String> configs, List<Cell> customCells, Optional<String> baseline) {
    Map<String, Cell> custom = new LinkedHashMap<>();
    for (Cell c : customCells) {
      if (BuiltInCells.named(c.name()).isPresent() || custom.put(c.name(), c) != null) {
        throw new IllegalArgumentException(
            "cell name '"
                + c.name()
                + "' ("
                + c.origin()
                + ") is already taken"
                + (BuiltInCells.named(c.name()).isPresent()
                    ? " by a built-in cell"
                    : " by another --profile/--derive cell"));
      }
    }
    List<Cell> cells = new ArrayList<>();
    for (String name : configs) {
      if (cells.stream().anyMatch(c -> c.name().equals(name))) {
        throw new IllegalArgumentException("--config '" + name + "' is given twice");
      }
      cells.add(resolve(name, custom));
    }
    if (configs.isEmpty()) {
      cells.addAll(BuiltInCells.all());
    }
    for (Cell c : custom.values()) {
      if (!configs.contains(c.name())) {
        cells.add(c);
      }
    }
    String base = baseline.orElse(configs.isEmpty() ? BuiltInCells.UNCONFINED : configs.get(0));
    if (cells.stream().noneMatch(c -> c.name().equals(base))) {
      throw new IllegalArgumentException(
          "--baseline '"
              + base
              + "' is not one of the cells "
              + cells.stream().map(Cell::name).toList());
    }
    return new MatrixPlan(cells, base);
  }

  private static Cell resolve(String name, Map<String, Cell> custom) {
    Optional<Cell> builtIn = BuiltInCells.named(name);
    if (builtIn.isPresent()) {
      return builtIn.get();
    }
    Cell c = custom.get(name);
    if (c == null) {
      List<String> known = new ArrayList<>(BuiltInCells.names());
      known.addAll(custom.keySet());
      throw new IllegalArgumentException(
          "--config '" + name + "' is not a cell: expected one of " + known);
    }
    return c;
  }

  public Cell baselineCell() {
    return cells.stream().filter(c -> c.name().equals(baseline)).findFirst().orElseThrow();
  }

  public Cell cell(String name) {
    return cells.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cell '" + name + "'"));
  }
}
