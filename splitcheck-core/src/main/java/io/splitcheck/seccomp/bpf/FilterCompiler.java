package io.splitcheck.seccomp.bpf;

import io.splitcheck.seccomp.RuncConfig;
import io.splitcheck.seccomp.SyscallTable;

/**
 * Builds the classic BPF filter for a runc configuration exactly as runc's {@code InitSeccomp} has
 * libseccomp build it ({@code seccomp_init}, {@code seccomp_arch_add}, {@code
 * seccomp_rule_add_array} per rule, {@code seccomp_export_bpf}), without runc's -ENOSYS stub
 * ({@link EnosysStub}).
 */
public interface FilterCompiler extends SyscallTable {

  /**
   * Throws IllegalArgumentException naming the rule when libseccomp refuses it (runc then fails to
   * start).
   */
  BpfProgram compile(RuncConfig config);

  /** The libseccomp architecture the compiler builds for natively ({@code SCMP_ARCH_X86_64}). */
  String nativeArch();

  /** {@code libseccomp 2.5.4}, for reasons. */
  String describe();
}
