package io.splitcheck.matrix;

import java.util.Locale;

/** {@code --tracer}: how traced cells are traced. */
public enum TracerChoice {
  /**
   * eBPF when it can run here (the engine on this host, root, bpftrace, BTF, tracefs), else ptrace.
   */
  AUTO,
  /** eBPF (bpftrace): every cell traced in its one verdict run; an error when it cannot run. */
  EBPF,
  /** strace inside the cell: the cells to trace run a second time, under ptrace. */
  PTRACE;

  public static TracerChoice parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Error parsing --tracer '" + s + "': expected auto, ebpf or ptrace");
    }
  }
}
