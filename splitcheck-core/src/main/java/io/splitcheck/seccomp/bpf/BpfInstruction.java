package io.splitcheck.seccomp.bpf;

/**
 * One classic BPF instruction, {@code struct sock_filter}: a 16-bit opcode, two 8-bit jump offsets
 * and a 32-bit constant ({@code k}, held unsigned in a long).
 */
public record BpfInstruction(int code, int jt, int jf, long k) {

  public static final int LD_W_ABS = 0x20;
  public static final int JMP_JA = 0x05;
  public static final int JMP_JEQ_K = 0x15;
  public static final int JMP_JGT_K = 0x25;
  public static final int JMP_JGE_K = 0x35;
  public static final int JMP_JSET_K = 0x45;
  public static final int RET_K = 0x06;

  public BpfInstruction {
    if (code < 0
        || code > 0xffff
        || jt < 0
        || jt > 0xff
        || jf < 0
        || jf > 0xff
        || k < 0
        || k > 0xffffffffL) {
      throw new IllegalArgumentException(
          "Error parsing BPF instruction code="
              + code
              + " jt="
              + jt
              + " jf="
              + jf
              + " k="
              + k
              + ": expected a u16 code, u8 jumps and a u32 constant");
    }
  }

  public static BpfInstruction stmt(int code, long k) {
    return new BpfInstruction(code, 0, 0, k);
  }

  public static BpfInstruction jump(int code, long k, int jt, int jf) {
    return new BpfInstruction(code, jt, jf, k);
  }

  @Override
  public String toString() {
    return String.format("{0x%04x, %d, %d, 0x%08x}", code, jt, jf, k);
  }
}
