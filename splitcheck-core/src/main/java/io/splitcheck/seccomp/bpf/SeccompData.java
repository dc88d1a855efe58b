package io.splitcheck.seccomp.bpf;

/**
 * The kernel's {@code struct seccomp_data} a filter reads: syscall number, {@code AUDIT_ARCH_*},
 * instruction pointer and six 64-bit arguments (offsets 0, 4, 8, 16 + 8 * i).
 */
public record SeccompData(int nr, long arch, long instructionPointer, long[] args) {

  public static final int SIZE = 64;
  public static final long AUDIT_ARCH_X86_64 = 0xC000003EL;
  public static final long AUDIT_ARCH_I386 = 0x40000003L;
  public static final long AUDIT_ARCH_AARCH64 = 0xC00000B7L;

  public SeccompData {
    long[] six = new long[6];
    if (args != null) {
      if (args.length > 6) {
        throw new IllegalArgumentException("a syscall has at most 6 arguments, got " + args.length);
      }
      System.arraycopy(args, 0, six, 0, args.length);
    }
    args = six;
  }

  @Override
  public long[] args() {
    return args.clone();
  }

  /** The 32-bit word at byte offset {@code off} (little-endian halves of the 64-bit fields). */
  long word(int off) {
    if (off < 0 || off > SIZE - 4 || off % 4 != 0) {
      throw new IllegalArgumentException(
          "BPF load at offset " + off + " outside struct seccomp_data");
    }
    return switch (off) {
      case 0 -> Integer.toUnsignedLong(nr);
      case 4 -> arch;
      case 8 -> instructionPointer & 0xffffffffL;
      case 12 -> instructionPointer >>> 32;
      default -> {
        long a = args[(off - 16) / 8];
        yield (off % 8 == 0) ? a & 0xffffffffL : a >>> 32;
      }
    };
  }
}
