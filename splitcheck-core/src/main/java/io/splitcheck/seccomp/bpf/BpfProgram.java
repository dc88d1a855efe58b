package io.splitcheck.seccomp.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic BPF program as the kernel's {@code struct sock_fprog} holds it: 8-byte {@code
 * sock_filter} entries in the machine's byte order (little-endian on x86_64 and arm64, the only
 * order read here).
 */
public record BpfProgram(List<BpfInstruction> instructions) {

  /** The kernel's limit, {@code BPF_MAXINSNS}. */
  public static final int MAX_INSTRUCTIONS = 4096;

  public BpfProgram {
    instructions = List.copyOf(instructions);
  }

  /** Reads what {@code seccomp_export_bpf} writes; {@code source} names the bytes in errors. */
  public static BpfProgram parse(byte[] bytes, String source) {
    if (bytes.length % 8 != 0) {
      throw new IllegalArgumentException(
          "Error parsing BPF program '"
              + source
              + "': "
              + bytes.length
              + " bytes is not a whole number of 8-byte instructions");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<BpfInstruction> result = new ArrayList<>();
    while (b.hasRemaining()) {
      int code = Short.toUnsignedInt(b.getShort());
      int jt = Byte.toUnsignedInt(b.get());
      int jf = Byte.toUnsignedInt(b.get());
      result.add(new BpfInstruction(code, jt, jf, Integer.toUnsignedLong(b.getInt())));
    }
    return new BpfProgram(result);
  }

  /** The program as the kernel reads it (little-endian). */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(instructions.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (BpfInstruction i : instructions) {
      b.putShort((short) i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt((int) i.k());
    }
    return b.array();
  }

  /** This program with {@code stub} in front, as runc prepends its -ENOSYS stub. */
  public BpfProgram prepend(List<BpfInstruction> stub) {
    List<BpfInstruction> all = new ArrayList<>(stub);
    all.addAll(instructions);
    return new BpfProgram(all);
  }

  public int size() {
    return instructions.size();
  }
}
