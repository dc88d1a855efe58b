package io.splitcheck.seccomp;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Generates minimal allowlist profiles from the syscalls a trace saw. */
public final class ProfileGenerator {

  /**
   * The engine default profile's archMap for x86_64 and aarch64 (what an allowlist needs on those
   * hosts).
   */
  public static final List<ArchMapping> DEFAULT_ARCH_MAP =
      List.of(
          new ArchMapping("SCMP_ARCH_X86_64", List.of("SCMP_ARCH_X86", "SCMP_ARCH_X32")),
          new ArchMapping("SCMP_ARCH_AARCH64", List.of("SCMP_ARCH_ARM")));

  /**
   * What runc 1.1 (engine 20.10) calls after installing the filter and before the entrypoint's
   * first syscall (finalizing capabilities/ids, closing fds — {@code openat} for its {@code
   * /proc/self/fd} walk — and exec), measured here by bisecting an allowlist until {@code docker
   * run} started; plus what runc's Go runtime may call in that window depending on timing: the
   * async-preemption signal path ({@code tgkill}, {@code getpid}, {@code gettid}, {@code
   * rt_sigprocmask}, {@code sigaltstack}, and {@code rt_sigreturn}, without which a signal landing
   * there ends in SIGSEGV: seen as an intermittent exit 139 under generated profiles), scheduling
   * ({@code sched_yield}, {@code nanosleep}, {@code epoll_pwait}) and memory ({@code mmap}, {@code
   * munmap}, {@code madvise}). A profile without them fails before the entrypoint runs, so the
   * entrypoint's trace cannot show them.
   */
  public static final List<String> RUNC_SYSCALLS =
      List.of(
          "capget",
          "capset",
          "chdir",
          "close",
          "epoll_ctl",
          "epoll_pwait",
          "execve",
          "exit_group",
          "faccessat2",
          "fcntl",
          "fstat",
          "fstatfs",
          "futex",
          "getcwd",
          "getdents64",
          "getpid",
          "getppid",
          "gettid",
          "madvise",
          "mmap",
          "munmap",
          "nanosleep",
          "newfstatat",
          "openat",
          "prctl",
          "read",
          "rt_sigprocmask",
          "rt_sigreturn",
          "sched_yield",
          "setgid",
          "setgroups",
          "setuid",
          "sigaltstack",
          "tgkill",
          "write");

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  private ProfileGenerator() {}

  /**
   * {@link #allowlist(Collection, SeccompProfile)} of the traced names plus {@link #RUNC_SYSCALLS}:
   * startable.
   */
  public static SeccompProfile runnable(Collection<String> traced, SeccompProfile archSource) {
    TreeSet<String> names = new TreeSet<>(traced);
    names.addAll(RUNC_SYSCALLS);
    return allowlist(names, archSource);
  }

  /** Allowlist with {@link #DEFAULT_ARCH_MAP}. */
  public static SeccompProfile allowlist(Collection<String> syscalls) {
    return allowlist(syscalls, null);
  }

  /**
   * {@code defaultAction SCMP_ACT_ERRNO}, {@code defaultErrnoRet 1} (EPERM), the architectures of
   * {@code archSource} (or {@link #DEFAULT_ARCH_MAP} when null), one ALLOW rule with the sorted
   * unique names. Names strace could not name ({@code syscall_0x1b6}) cannot be listed and are left
   * out.
   */
  public static SeccompProfile allowlist(Collection<String> syscalls, SeccompProfile archSource) {
    TreeSet<String> names = new TreeSet<>();
    syscalls.stream()
        .filter(n -> NAME.matcher(n).matches() && !n.startsWith("syscall_"))
        .forEach(names::add);
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot generate an allowlist from no syscall names, expected the names "
              + "of a trace (Trace.syscallNames())");
    }
    List<ArchMapping> archMap = archSource == null ? DEFAULT_ARCH_MAP : archSource.archMap();
    List<String> architectures = archSource == null ? List.of() : archSource.architectures();
    return new SeccompProfile(
        SeccompActions.ERRNO,
        Errnos.EPERM,
        architectures,
        archMap,
        List.of(),
        List.of(
            SyscallRule.of(
                List.copyOf(names),
                SeccompActions.ALLOW,
                null,
                "splitcheck allowlist: syscalls seen in the trace")));
  }
}
