package io.splitcheck.seccomp;

import java.util.OptionalInt;

/**
 * Syscall numbers per architecture, as libseccomp resolves them ({@code
 * seccomp_syscall_resolve_name_arch}).
 */
public interface SyscallTable {

  /**
   * The number of {@code name} on {@code scmpArch} ({@code SCMP_ARCH_X86_64}, ...); empty when the
   * name is not a syscall there (libseccomp's negative pseudo numbers count as absent).
   */
  OptionalInt number(String name, String scmpArch);
}
