package io.splitcheck.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether strace can trace a cell at all under the cell's seccomp profile. */
public final class StraceTraceability {
  /** What strace itself needs to trace: without them a cell cannot be traced at all. */
  public static final List<String> TRACER_SYSCALLS = List.of("ptrace", "wait4");

  /**
   * Syscalls strace 6.1 makes itself (measured by tracing strace); strace runs under the cell's
   * filter, so a profile that kills any of them kills strace (EPERM from them it survives, e.g.
   * getrandom).
   */
  public static final List<String> STRACE_OWN_SYSCALLS =
      List.of(
          "access",
          "arch_prctl",
          "brk",
          "clone",
          "close",
          "execve",
          "exit_group",
          "fcntl",
          "futex",
          "getegid",
          "geteuid",
          "getgid",
          "getpid",
          "getrandom",
          "getuid",
          "kill",
          "mmap",
          "mprotect",
          "munmap",
          "newfstatat",
          "openat",
          "pipe2",
          "pread64",
          "prlimit64",
          "ptrace",
          "read",
          "rseq",
          "rt_sigaction",
          "rt_sigprocmask",
          "set_robust_list",
          "set_tid_address",
          "uname",
          "wait4",
          "write");

  private StraceTraceability() {}

  /**
   * Non-empty ("not traceable under this profile: ptrace denied ...") when strace cannot work in
   * the cell: ptrace or wait4 not allowed, or one of strace's own syscalls answered with a kill
   * action.
   */
  public static Optional<String> untraceable(CellRestrictions r, String arch) {
    if (r.profile() == null) {
      return Optional.empty();
    }
    List<String> denied = new ArrayList<>();
    for (String syscall : TRACER_SYSCALLS) {
      Decision d = ProfileEvaluator.evaluate(r.profile(), syscall, r.effectiveCaps(), arch);
      if (!d.allowed()) {
        denied.add(syscall + " denied (" + d.describe() + ")");
      }
    }
    for (String syscall : STRACE_OWN_SYSCALLS) {
      Decision d = ProfileEvaluator.evaluate(r.profile(), syscall, r.effectiveCaps(), arch);
      if (SeccompActions.kills(d.action()) && !TRACER_SYSCALLS.contains(syscall)) {
        denied.add(syscall + " kills the tracer (" + d.describe() + ")");
      }
    }
    return denied.isEmpty()
        ? Optional.empty()
        : Optional.of("not traceable under this profile: " + String.join(", ", denied));
  }
}
