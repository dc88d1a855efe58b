package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.CappedOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitsTest {
  private static CellResult cell(String name, int exit, boolean timedOut, boolean oom) {
    return new CellResult(
        name,
        new Outcome(exit, timedOut, oom),
        10,
        CappedOutput.EMPTY,
        CappedOutput.EMPTY,
        null,
        null);
  }

  @Test
  void of_listsCellsWhoseExitCodeDiffers_inCellOrder() {
    List<CellResult> cells =
        List.of(
            cell("unconfined", 0, false, false),
            cell("runtime-default", 3, false, false),
            cell("read-only", 0, false, false),
            cell("prod", 1, false, false));
    assertEquals(List.of("runtime-default", "prod"), Splits.of(cells, "unconfined"));
  }

  @Test
  void of_comparesWithTheBaseline_notWithUnconfined() {
    List<CellResult> cells =
        List.of(cell("unconfined", 0, false, false), cell("runtime-default", 3, false, false));
    assertEquals(List.of("unconfined"), Splits.of(cells, "runtime-default"));
  }

  @Test
  void of_countsTimeoutAndOomAsSplits() {
    List<CellResult> cells =
        List.of(
            cell("unconfined", 0, false, false),
            cell("a", 137, true, false),
            cell("b", 137, false, true));
    assertEquals(List.of("a", "b"), Splits.of(cells, "unconfined"));
  }

  @Test
  void of_claimsNoSplit_whenTheBaselineTimedOut_andSaysToRaiseTheTimeout() {
    List<CellResult> cells =
        List.of(
            cell("unconfined", 137, true, false),
            cell("runtime-default", 0, false, false),
            cell("read-only", 1, false, false));

    assertEquals(List.of(), Splits.of(cells, "unconfined"));
    assertEquals(
        "the baseline unconfined did not finish (timed out after 10 ms): no split is claimed"
            + " against it; give it more time with --timeout",
        Splits.unfinishedBaseline(cells, "unconfined").orElseThrow());
    assertTrue(Splits.unfinishedBaseline(cells, "runtime-default").isEmpty());
  }

  @Test
  void sameAs_treatsTwoTimeoutsAlike_whateverTheKillLeft() {
    assertTrue(new Outcome(137, true, false).sameAs(new Outcome(143, true, false)));
    assertFalse(new Outcome(137, true, false).sameAs(new Outcome(137, false, false)));
  }
}
