package io.splitcheck.matrix;

import java.util.List;

/**
 * The results of one matrix run, cells in plan order.
 *
 * @param image the image as named on the command line
 * @param imageId the engine's image id
 * @param architecture the image's architecture, e.g. {@code amd64}
 * @param baseline the baseline cell's name
 * @param cells one result per cell
 */
public record MatrixRun(
    String image, String imageId, String architecture, String baseline, List<CellResult> cells) {
  public MatrixRun {
    cells = List.copyOf(cells);
  }

  public List<String> splits() {
    return Splits.of(cells, baseline);
  }

  public CellResult cell(String name) {
    return cells.stream().filter(c -> c.config().equals(name)).findFirst().orElseThrow();
  }
}
