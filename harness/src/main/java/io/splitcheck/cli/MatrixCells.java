package io.splitcheck.cli;

import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.run.Cell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The custom cells of a command line: {@code --profile} files, then {@code --derive} expressions. */
record MatrixCells(List<Cell> cells, List<String> warnings) {
  MatrixCells {
    cells = List.copyOf(cells);
    warnings = List.copyOf(warnings);
  }

  static MatrixCells load(List<String> profiles, List<String> derives, Path defaultProfile)
      throws IOException {
    List<Cell> cells = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String p : profiles) {
      NamedValue nv = NamedValue.parse("--profile", p);
      Path file = Path.of(nv.value());
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--profile " + p + ": no such file " + file);
      }
      String json = Files.readString(file, StandardCharsets.UTF_8);
      cells.add(new Cell(nv.name(), ContainerSecurity.customProfile(json), "profile " + file));
    }
    if (!derives.isEmpty()) {
      throw new IllegalArgumentException("--derive is not available in this build");
    }
    return new MatrixCells(cells, warnings);
  }
}
