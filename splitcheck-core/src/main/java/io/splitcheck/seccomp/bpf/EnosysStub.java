package io.splitcheck.seccomp.bpf;

import io.splitcheck.seccomp.RuncConfig;
import io.splitcheck.seccomp.SyscallTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * runc 1.1's -ENOSYS stub ({@code libcontainer/seccomp/patchbpf}, {@code generateEnosysStub}),
 * ported instruction for instruction: for each architecture of the filter, a syscall numbered above
 * the largest one the configuration names on that architecture returns ENOSYS instead of reaching
 * the filter (so that a libc probing a newer syscall falls back). On x86_64 the x32 bit selects the
 * x32 limit. runc walks Go maps, so its layout varies from run to run; this port walks
 * architectures in a fixed order, which gives the same answers.
 */
public final class EnosysStub {

  static final long RET_ERRNO_ENOSYS = RuncConfig.ACT_ERRNO | 38;
  private static final long X32_BIT = 1L << 30;
  private static final Map<String, Long> AUDIT =
      Map.ofEntries(
          Map.entry("SCMP_ARCH_X86", 0x40000003L), Map.entry("SCMP_ARCH_X86_64", 0xC000003EL),
          Map.entry("SCMP_ARCH_X32", 0xC000003EL), Map.entry("SCMP_ARCH_ARM", 0x40000028L),
          Map.entry("SCMP_ARCH_AARCH64", 0xC00000B7L), Map.entry("SCMP_ARCH_MIPS", 0x00000008L),
          Map.entry("SCMP_ARCH_MIPS64", 0x80000008L), Map.entry("SCMP_ARCH_MIPS64N32", 0xA0000008L),
          Map.entry("SCMP_ARCH_MIPSEL", 0x40000008L), Map.entry("SCMP_ARCH_MIPSEL64", 0xC0000008L),
          Map.entry("SCMP_ARCH_MIPSEL64N32", 0xE0000008L), Map.entry("SCMP_ARCH_PPC", 0x00000014L),
          Map.entry("SCMP_ARCH_PPC64", 0x80000015L), Map.entry("SCMP_ARCH_PPC64LE", 0xC0000015L),
          Map.entry("SCMP_ARCH_S390", 0x00000016L), Map.entry("SCMP_ARCH_S390X", 0x80000016L));

  private EnosysStub() {}

  /**
   * The stub runc prepends for {@code config} ({@code nativeArch} stands in for SCMP_ARCH_NATIVE);
   * may be empty.
   */
  public static List<BpfInstruction> generate(
      RuncConfig config, SyscallTable table, String nativeArch) {
    if (!config.enosysStub()) {
      return List.of();
    }
    return generate(lastSyscalls(config, table, nativeArch));
  }

  /**
   * runc's {@code findLastSyscalls}: per audit arch, per libseccomp arch, the largest syscall
   * number named.
   */
  static Map<Long, Map<String, Integer>> lastSyscalls(
      RuncConfig config, SyscallTable table, String nativeArch) {
    Map<Long, Map<String, Integer>> result = new TreeMap<>();
    for (String a : config.architectures()) {
      String arch = a.equals("SCMP_ARCH_NATIVE") ? nativeArch : a;
      Long audit = AUDIT.get(arch);
      if (audit == null) {
        throw new IllegalArgumentException(
            "runc cannot map architecture "
                + arch
                + " to an AUDIT_ARCH_ constant"
                + " (it refuses to start the container)");
      }
      OptionalInt largest = config.lastSyscall(table, arch, nativeArch);
      if (largest.isPresent()) {
        result.computeIfAbsent(audit, k -> new TreeMap<>()).put(arch, largest.getAsInt());
      }
    }
    return result;
  }

  static List<BpfInstruction> generate(Map<Long, Map<String, Integer>> lastSyscalls) {
    List<BpfInstruction> tail = new ArrayList<>(List.of(ja(1), ret(RET_ERRNO_ENOSYS)));
    Map<Long, Integer> jumpTable = new TreeMap<>();
    for (Map.Entry<Long, Map<String, Integer>> e : lastSyscalls.entrySet()) {
      int baseJumpEnosys = tail.size() - 1;
      int baseJumpFilter = baseJumpEnosys + 1;
      List<BpfInstruction> section = new ArrayList<>(List.of(ld(0)));
      Map<String, Integer> max = e.getValue();
      if (max.size() == 1) {
        section.addAll(single(e.getKey(), max, baseJumpEnosys, baseJumpFilter));
      } else if (max.size() == 2 && e.getKey() == 0xC000003EL) {
        section.addAll(x86AndX32(max, baseJumpEnosys, baseJumpFilter));
      } else {
        throw new IllegalArgumentException("runc: invalid architecture overlap " + max);
      }
      tail.addAll(0, section);
      jumpTable.put(e.getKey(), tail.size());
    }
    tail.add(0, ja(tail.size()));
    for (Long audit : lastSyscalls.keySet()) {
      int jump = tail.size() - jumpTable.get(audit);
      if (jump <= 255) {
        tail.add(0, BpfInstruction.jump(BpfInstruction.JMP_JEQ_K, audit, jump, 0));
      } else {
        tail.addAll(
            0, List.of(BpfInstruction.jump(BpfInstruction.JMP_JEQ_K, audit, 0, 1), ja(jump)));
      }
    }
    tail.add(0, ld(4));
    return List.copyOf(tail);
  }

  private static List<BpfInstruction> single(
      long audit, Map<String, Integer> max, int baseJumpEnosys, int baseJumpFilter) {
    Map.Entry<String, Integer> only = max.entrySet().iterator().next();
    List<BpfInstruction> section = new ArrayList<>();
    if (only.getKey().startsWith("SCMP_ARCH_S390")) {
      // jne 0 (the multiplexer), 1; ret ENOSYS
      section.add(BpfInstruction.jump(BpfInstruction.JMP_JEQ_K, 0, 0, 1));
      section.add(ret(RET_ERRNO_ENOSYS));
    }
    List<BpfInstruction> sectionTail = new ArrayList<>();
    if (baseJumpEnosys + 1 <= 255) {
      sectionTail.add(
          BpfInstruction.jump(BpfInstruction.JMP_JGT_K, only.getValue(), baseJumpEnosys + 1, 0));
      sectionTail.add(ja(baseJumpFilter));
    } else {
      sectionTail.add(BpfInstruction.jump(BpfInstruction.JMP_JGT_K, only.getValue(), 0, 1));
      sectionTail.add(ja(baseJumpEnosys + 1));
      sectionTail.add(ja(baseJumpFilter));
    }
    if (audit == 0xC000003EL) {
      boolean amd64 = only.getKey().equals("SCMP_ARCH_X86_64");
      // amd64: jset x32bit, skip the limit; x32: jset-not x32bit, skip the limit
      sectionTail.add(
          0,
          amd64
              ? BpfInstruction.jump(BpfInstruction.JMP_JSET_K, X32_BIT, sectionTail.size() - 1, 0)
              : BpfInstruction.jump(BpfInstruction.JMP_JSET_K, X32_BIT, 0, sectionTail.size() - 1));
    }
    section.addAll(sectionTail);
    return section;
  }

  private static List<BpfInstruction> x86AndX32(
      Map<String, Integer> max, int baseJumpEnosys, int baseJumpFilter) {
    long x86 = max.get("SCMP_ARCH_X86_64");
    long x32 = max.get("SCMP_ARCH_X32");
    if (baseJumpEnosys + 2 <= 255) {
      return List.of(
          BpfInstruction.jump(BpfInstruction.JMP_JSET_K, X32_BIT, 1, 0),
          BpfInstruction.jump(BpfInstruction.JMP_JGT_K, x86, baseJumpEnosys + 2, 1),
          BpfInstruction.jump(BpfInstruction.JMP_JGT_K, x32, baseJumpEnosys + 1, 0),
          ja(baseJumpFilter));
    }
    return List.of(
        BpfInstruction.jump(BpfInstruction.JMP_JSET_K, X32_BIT, 1, 0),
        BpfInstruction.jump(BpfInstruction.JMP_JGT_K, x86, 1, 2),
        BpfInstruction.jump(BpfInstruction.JMP_JGT_K, x32, 0, 1),
        ja(baseJumpEnosys + 1),
        ja(baseJumpFilter));
  }

  private static BpfInstruction ld(int offset) {
    return BpfInstruction.stmt(BpfInstruction.LD_W_ABS, offset);
  }

  private static BpfInstruction ja(int skip) {
    return BpfInstruction.stmt(BpfInstruction.JMP_JA, skip);
  }

  private static BpfInstruction ret(long value) {
    return BpfInstruction.stmt(BpfInstruction.RET_K, value);
  }
}
