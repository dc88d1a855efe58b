package io.splitcheck.libseccomp;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.splitcheck.seccomp.ArgFilter;
import io.splitcheck.seccomp.RuncConfig;
import io.splitcheck.seccomp.SeccompActions;
import io.splitcheck.seccomp.bpf.BpfProgram;
import io.splitcheck.seccomp.bpf.FilterCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The host's libseccomp building a filter the way runc 1.1's {@code InitSeccomp} and
 * libseccomp-golang do: {@code seccomp_init(default)}, the TSYNC attribute, {@code
 * seccomp_arch_add} per architecture (EEXIST is fine), NO_NEW_PRIVS off, then per configuration
 * entry: skip it when its action equals the default one, skip names {@code
 * seccomp_syscall_resolve_name} does not know, else {@code seccomp_rule_add_array} with runc's
 * condition split. {@code seccomp_export_bpf} writes the program to a memfd, read back through
 * /proc.
 */
public final class LibseccompFilterCompiler implements FilterCompiler {

  /** The libseccomp functions runc's path uses. */
  interface Lib extends Library {
    Pointer seccomp_init(int defAction);

    void seccomp_release(Pointer ctx);

    int seccomp_attr_set(Pointer ctx, int attr, int value);

    int seccomp_arch_add(Pointer ctx, int archToken);

    int seccomp_arch_resolve_name(String archName);

    int seccomp_arch_native();

    int seccomp_syscall_resolve_name(String name);

    int seccomp_syscall_resolve_name_arch(int archToken, String name);

    int seccomp_rule_add_array(Pointer ctx, int action, int syscall, int argCnt, Pointer args);

    int seccomp_export_bpf(Pointer ctx, int fd);

    Pointer seccomp_version();
  }

  /** memfd and close from the C library. */
  interface LibC extends Library {
    int memfd_create(String name, int flags);

    int close(int fd);
  }

  private static final int ATTR_CTL_NNP = 3;
  private static final int ATTR_CTL_TSYNC = 4;
  private static final int NR_SCMP_ERROR = -1;
  private static final int EEXIST = 17;

  private final Lib lib;
  private final LibC libc;

  private LibseccompFilterCompiler(Lib lib, LibC libc) {
    this.lib = lib;
    this.libc = libc;
  }

  /** Loads libseccomp; empty when it is not installed. */
  public static Optional<LibseccompFilterCompiler> load() {
    for (String name : List.of("seccomp", "libseccomp.so.2")) {
      try {
        return Optional.of(
            new LibseccompFilterCompiler(
                Native.load(name, Lib.class), Native.load("c", LibC.class)));
      } catch (UnsatisfiedLinkError e) {
        // try the next name
      }
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    Pointer v = lib.seccomp_version();
    return "libseccomp "
        + (v == null ? "unknown" : v.getInt(0) + "." + v.getInt(4) + "." + v.getInt(8));
  }

  @Override
  public String nativeArch() {
    int token = lib.seccomp_arch_native();
    for (String a : List.of("x86_64", "aarch64", "x86", "arm", "s390x", "ppc64le", "riscv64")) {
      if (lib.seccomp_arch_resolve_name(a) == token) {
        return "SCMP_ARCH_" + a.toUpperCase(Locale.ROOT);
      }
    }
    throw new IllegalStateException(
        "libseccomp's native architecture token 0x"
            + Integer.toHexString(token)
            + " is not one splitcheck knows");
  }

  @Override
  public OptionalInt number(String name, String scmpArch) {
    int nr = lib.seccomp_syscall_resolve_name_arch(token(scmpArch), name);
    return nr >= 0 ? OptionalInt.of(nr) : OptionalInt.empty();
  }

  @Override
  public BpfProgram compile(RuncConfig config) {
    long def = config.defaultActionValue();
    if (config.defaultAction().equals(SeccompActions.NOTIFY)) {
      throw new IllegalArgumentException("runc refuses SCMP_ACT_NOTIFY as the default action");
    }
    Pointer ctx = lib.seccomp_init((int) def);
    if (ctx == null) {
      throw new IllegalArgumentException("seccomp_init(0x" + Long.toHexString(def) + ") failed");
    }
    try {
      lib.seccomp_attr_set(ctx, ATTR_CTL_TSYNC, 1);
      for (String arch : config.architectures()) {
        int rc = lib.seccomp_arch_add(ctx, token(arch));
        if (rc != 0 && rc != -EEXIST) {
          throw new IllegalArgumentException("seccomp_arch_add(" + arch + ") failed: " + rc);
        }
      }
      check(lib.seccomp_attr_set(ctx, ATTR_CTL_NNP, 0), "seccomp_attr_set(NNP, 0)");
      for (RuncConfig.Call call : config.syscalls()) {
        add(ctx, call, def);
      }
      return export(ctx);
    } finally {
      lib.seccomp_release(ctx);
    }
  }

  private void add(Pointer ctx, RuncConfig.Call call, long def) {
    long action = call.actionValue();
    if (action == def) {
      return;
    }
    int nr = lib.seccomp_syscall_resolve_name(call.name());
    if (nr == NR_SCMP_ERROR) {
      return;
    }
    for (List<ArgFilter> group : call.conditionGroups()) {
      Memory args = group.isEmpty() ? null : conditions(group);
      int rc = lib.seccomp_rule_add_array(ctx, (int) action, nr, group.size(), args);
      if (rc != 0) {
        throw new IllegalArgumentException(
            "runc cannot add the seccomp rule syscalls["
                + call.rule()
                + "] for "
                + call.name()
                + " (libseccomp seccomp_rule_add_array returned "
                + rc
                + "; the container fails"
                + " to start)");
      }
    }
  }

  /**
   * {@code struct scmp_arg_cmp { unsigned arg; enum scmp_compare op; u64 datum_a, datum_b; }} per
   * condition.
   */
  private static Memory conditions(List<ArgFilter> group) {
    Memory m = new Memory(24L * group.size());
    for (int i = 0; i < group.size(); i++) {
      ArgFilter f = group.get(i);
      m.setInt(24L * i, f.index());
      m.setInt(24L * i + 4, SeccompActions.OPS.indexOf(f.op()) + 1);
      m.setLong(24L * i + 8, f.value());
      m.setLong(24L * i + 16, f.valueTwo());
    }
    return m;
  }

  private BpfProgram export(Pointer ctx) {
    int fd = libc.memfd_create("splitcheck-bpf", 0);
    if (fd < 0) {
      throw new IllegalStateException("memfd_create failed: errno " + Native.getLastError());
    }
    try {
      check(lib.seccomp_export_bpf(ctx, fd), "seccomp_export_bpf");
      return BpfProgram.parse(
          Files.readAllBytes(Path.of("/proc/self/fd/" + fd)), "seccomp_export_bpf");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the exported BPF program from its memfd", e);
    } finally {
      libc.close(fd);
    }
  }

  private int token(String scmpArch) {
    String name = SyscallResolver.libseccompArch(scmpArch);
    int token = lib.seccomp_arch_resolve_name(name);
    if (token == 0) {
      throw new IllegalArgumentException(
          "Unknown architecture '"
              + scmpArch
              + "', expected SCMP_ARCH_X86_64,"
              + " SCMP_ARCH_X86, SCMP_ARCH_X32, SCMP_ARCH_AARCH64, ...");
    }
    return token;
  }

  private static void check(int rc, String call) {
    if (rc != 0) {
      throw new IllegalStateException(call + " failed: " + rc);
    }
  }
}
