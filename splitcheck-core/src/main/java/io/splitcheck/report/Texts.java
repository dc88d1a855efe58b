package io.splitcheck.report;

import io.splitcheck.seccomp.Culprit;
import java.util.List;

/** Small text helpers shared by the renderers. */
public final class Texts {
  private Texts() {}

  /** The first {@code max} items joined with ", ", and "(+N more)" when cut. */
  public static String limit(List<String> items, int max) {
    if (items.size() <= max) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, max)) + " (+" + (items.size() - max) + " more)";
  }

  /**
   * A split in one line: {@code prod: exit 3 (unconfined: exit 0) <- getrandom/EPERM [seccomp]}.
   */
  public static String splitLine(MatrixResult matrix, MatrixResult.Split split) {
    if (split.summary() != null && !split.summary().isBlank()) {
      return split.summary();
    }
    String cell = matrix.cell(split.config()).map(MatrixResult.CellResult::outcome).orElse("?");
    String base = matrix.cell(split.baseline()).map(MatrixResult.CellResult::outcome).orElse("?");
    StringBuilder line =
        new StringBuilder(
            split.config() + ": " + cell + " (" + split.baseline() + ": " + base + ")");
    if (split.culprits().isEmpty()) {
      line.append(" <- no culprit found");
    }
    for (int i = 0; i < split.culprits().size(); i++) {
      Culprit c = split.culprits().get(i);
      line.append(i == 0 ? " <- " : ", ")
          .append(c.syscall())
          .append(" = -1 ")
          .append(c.errno())
          .append(" [")
          .append(c.cause())
          .append(']');
      if (c.hazard() != null && !c.hazard().isBlank()) {
        line.append(" (").append(c.hazard()).append(')');
      }
    }
    return line.toString();
  }
}
