package io.splitcheck.matrix;

import io.splitcheck.trace.FailedSyscall;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A matrix run with its analysis: per-cell failed syscalls (traced cells) and one explanation per
 * split, in cell order.
 */
public record MatrixReport(
    MatrixRun run,
    Map<String, List<FailedSyscall>> failedSyscalls,
    List<SplitExplanation> splits,
    List<String> warnings) {
  public MatrixReport {
    failedSyscalls = new TreeMap<>(failedSyscalls);
    splits = List.copyOf(splits);
    warnings = List.copyOf(warnings);
  }

  /**
   * 2 when the engine went away during the run or the baseline timed out (nothing to compare with),
   * else 0 when nothing split, 1 when something did.
   */
  public int exitCode() {
    if (engineLost() || Splits.unfinishedBaseline(run.cells(), run.baseline()).isPresent()) {
      return 2;
    }
    return splits.isEmpty() ? 0 : 1;
  }

  /** The engine stopped answering during the run: some cells did not finish. */
  public boolean engineLost() {
    return run.cells().stream().anyMatch(CellResult::engineLost);
  }
}
