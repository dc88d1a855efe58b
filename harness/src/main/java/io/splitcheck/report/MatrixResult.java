package io.splitcheck.report;

import java.util.List;
import java.util.Optional;

/** What {@code splitcheck matrix} found, as the report carries it. Cells keep the matrix's order. */
public record MatrixResult(String image, String baseline, List<CellResult> cells, List<Split> splits) {

  public MatrixResult {
    cells = cells == null ? List.of() : List.copyOf(cells);
    splits = splits == null ? List.of() : List.copyOf(splits);
  }

  public Optional<CellResult> cell(String config) {
    return cells.stream().filter(c -> c.config().equals(config)).findFirst();
  }

  public Optional<Split> split(String config) {
    return splits.stream().filter(s -> s.config().equals(config)).findFirst();
  }

  /**
   * One cell's outcome.
   *
   * @param exitCode the entrypoint's exit code ({@code null} when it never started)
   */
  public record CellResult(
      String config,
      Integer exitCode,
      boolean timedOut,
      boolean oomKilled,
      long wallMillis,
      List<FailedSyscall> failedSyscalls) {
    public CellResult {
      failedSyscalls = failedSyscalls == null ? List.of() : List.copyOf(failedSyscalls);
    }

    /** {@code exit 3}, {@code timed out}, {@code OOM-killed}, {@code did not start}. */
    public String outcome() {
      if (timedOut) {
        return "timed out";
      }
      if (oomKilled) {
        return "OOM-killed";
      }
      return exitCode == null ? "did not start" : "exit " + exitCode;
    }
  }

  /** A syscall that failed in a cell's trace. */
  public record FailedSyscall(String name, String errno, int count) {}

  /**
   * A cell whose outcome differs from the baseline's.
   *
   * @param summary the one line an on-call engineer reads, as the matrix printed it
   */
  public record Split(String config, String baseline, List<Culprit> culprits, String summary) {
    public Split {
      culprits = culprits == null ? List.of() : List.copyOf(culprits);
    }
  }

  /**
   * A syscall behind a split.
   *
   * @param cause seccomp, capability, read-only or network
   * @param hazard an errno hazard hint (EPERM where libc falls back only on ENOSYS), or {@code null}
   */
  public record Culprit(String syscall, String errno, String cause, String hazard) {
    /** {@code getrandom/EPERM}. */
    public String key() {
      return syscall + "/" + errno;
    }
  }
}
