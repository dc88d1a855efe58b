package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.CappedOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cells the engine went away during: never splits, and the run exits 2. */
class EngineLostTest {
  private static CellResult done(String name, int exit) {
    return new CellResult(
        name,
        new Outcome(exit, false, false),
        10,
        CappedOutput.EMPTY,
        CappedOutput.EMPTY,
        null,
        null);
  }

  private static MatrixReport report(List<CellResult> cells) {
    return new MatrixReport(
        new MatrixRun("i", "sha256:1", "amd64", "unconfined", cells),
        Map.of(),
        List.of(),
        List.of());
  }

  @Test
  void splits_ignoreLostCells_whenEngineWentAway() {
    List<CellResult> cells =
        List.of(
            done("unconfined", 0),
            done("cap-drop-all", 5),
            CellResult.engineWentAway(
                "read-only", "java.net.ConnectException: Connection refused"));
    assertEquals(List.of("cap-drop-all"), Splits.of(cells, "unconfined"));
  }

  @Test
  void splits_areNone_whenBaselineWasLost() {
    List<CellResult> cells =
        List.of(CellResult.engineWentAway("unconfined", "refused"), done("cap-drop-all", 5));
    assertEquals(List.of(), Splits.of(cells, "unconfined"));
  }

  @Test
  void exitCode_is2_whenAnyCellWasLost() {
    CellResult lost = CellResult.engineWentAway("read-only", "refused");
    assertTrue(lost.engineLost());
    assertTrue(lost.startError().startsWith("engine went away during this cell: refused"));
    assertEquals(2, report(List.of(done("unconfined", 0), lost)).exitCode());
    assertFalse(report(List.of(done("unconfined", 0))).engineLost());
    assertEquals(0, report(List.of(done("unconfined", 0))).exitCode());
  }
}
