package io.splitcheck.seccomp.bpf;

import java.util.List;

/**
 * Runs a seccomp classic BPF program over one {@link SeccompData} the way the kernel does ({@code
 * kernel/bpf/core.c}'s cBPF semantics as {@code seccomp_check_filter} restricts them): 32-bit
 * accumulator A and index X, 16 scratch words, loads only from {@code seccomp_data}, forward jumps,
 * and a program that must end in RET. Returns the 32-bit filter result ({@code SECCOMP_RET_*} |
 * data).
 */
public final class BpfInterpreter {

  private static final long MASK = 0xffffffffL;

  private BpfInterpreter() {}

  public static long run(BpfProgram program, SeccompData data) {
    List<BpfInstruction> insns = program.instructions();
    long a = 0;
    long x = 0;
    long[] mem = new long[16];
    int pc = 0;
    while (pc < insns.size()) {
      BpfInstruction i = insns.get(pc);
      int code = i.code();
      long k = i.k();
      switch (code & 0x07) {
        case 0x00 -> a = load(code, k, data, mem, pc);
        case 0x01 -> x = load(code, k, data, mem, pc);
        case 0x02 -> mem[scratch(k, pc)] = a;
        case 0x03 -> mem[scratch(k, pc)] = x;
        case 0x04 -> a = alu(code, a, (code & 0x08) != 0 ? x : k, pc);
        case 0x05 -> {
          pc += 1 + jump(code, a, (code & 0x08) != 0 ? x : k, i);
          continue;
        }
        case 0x06 -> {
          return switch (code & 0x18) {
            case 0x00 -> k;
            case 0x10 -> a;
            default -> throw invalid(pc, i);
          };
        }
        default -> {
          if ((code & 0xf8) == 0x00) {
            x = a;
          } else if ((code & 0xf8) == 0x80) {
            a = x;
          } else {
            throw invalid(pc, i);
          }
        }
      }
      pc++;
    }
    throw new IllegalArgumentException(
        "BPF program runs off its end at instruction "
            + pc
            + " (a seccomp filter must end in RET)");
  }

  private static long load(int code, long k, SeccompData data, long[] mem, int pc) {
    return switch (code & 0xe0) {
      case 0x00 -> k;
      case 0x20 -> {
        if ((code & 0x18) != 0) {
          throw new IllegalArgumentException(
              "BPF instruction " + pc + ": seccomp loads only 32-bit words");
        }
        yield data.word((int) k);
      }
      case 0x60 -> mem[scratch(k, pc)];
      case 0x80 -> SeccompData.SIZE;
      default ->
          throw new IllegalArgumentException(
              "BPF instruction "
                  + pc
                  + ": load mode 0x"
                  + Integer.toHexString(code & 0xe0)
                  + " is not allowed in seccomp");
    };
  }

  private static int scratch(long k, int pc) {
    if (k >= 16) {
      throw new IllegalArgumentException(
          "BPF instruction " + pc + ": scratch slot " + k + " outside 0..15");
    }
    return (int) k;
  }

  private static long alu(int code, long a, long v, int pc) {
    long r =
        switch (code & 0xf0) {
          case 0x00 -> a + v;
          case 0x10 -> a - v;
          case 0x20 -> a * v;
          case 0x30 -> v == 0 ? 0 : Long.divideUnsigned(a, v);
          case 0x40 -> a | v;
          case 0x50 -> a & v;
          case 0x60 -> v >= 32 ? 0 : a << v;
          case 0x70 -> v >= 32 ? 0 : a >>> v;
          case 0x80 -> -a;
          case 0x90 -> v == 0 ? 0 : Long.remainderUnsigned(a, v);
          case 0xa0 -> a ^ v;
          default ->
              throw new IllegalArgumentException(
                  "BPF instruction " + pc + ": unknown ALU op 0x" + Integer.toHexString(code));
        };
    return r & MASK;
  }

  private static int jump(int code, long a, long v, BpfInstruction i) {
    boolean taken =
        switch (code & 0xf0) {
          case 0x00 -> {
            yield true;
          }
          case 0x10 -> a == v;
          case 0x20 -> a > v;
          case 0x30 -> a >= v;
          case 0x40 -> (a & v) != 0;
          default -> throw new IllegalArgumentException("unknown BPF jump " + i);
        };
    if ((code & 0xf0) == 0x00) {
      return (int) i.k();
    }
    return taken ? i.jt() : i.jf();
  }

  private static IllegalArgumentException invalid(int pc, BpfInstruction i) {
    return new IllegalArgumentException(
        "BPF instruction " + pc + " " + i + " is not allowed in a seccomp filter");
  }
}
