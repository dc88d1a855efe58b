package io.splitcheck.matrix;

import io.splitcheck.seccomp.Culprit;
import io.splitcheck.trace.FailedSyscall;
import java.util.List;

/** Reads traces: which syscalls failed in a cell, and which of them explain its split. */
public interface Attributor {
  /** The failed syscalls of a traced cell, sorted by name then errno. */
  List<FailedSyscall> failures(CellTrace trace);

  /** The culprits of {@code cell}'s split from the baseline, ordered by first occurrence. */
  List<Culprit> culprits(CellTrace baseline, CellTrace cellTrace, Cell cell);
}
