package io.splitcheck.audit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Deterministic corruptions of a little-endian ELF64 file: each byte of the ELF header, the program
 * header table, the dynamic section (PT_DYNAMIC) and the dynamic string table (DT_STRTAB, DT_STRSZ)
 * set to 00, to ff and flipped in its low bit; and the file cut every 64 bytes.
 */
final class Corruptions {
  private Corruptions() {}

  /** One corrupt copy and what was done to it. */
  record Copy(String what, byte[] bytes) {}

  static List<Copy> of(byte[] elf) {
    ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    long phoff = b.getLong(32);
    int phentsize = b.getShort(54) & 0xffff;
    int phnum = b.getShort(56) & 0xffff;
    List<long[]> ranges = new ArrayList<>();
    ranges.add(new long[] {0, 64});
    ranges.add(new long[] {phoff, phoff + (long) phentsize * phnum});
    long dynOff = -1;
    long dynSize = 0;
    List<long[]> loads = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      int h = (int) (phoff + (long) i * phentsize);
      int type = b.getInt(h);
      if (type == 2) {
        dynOff = b.getLong(h + 8);
        dynSize = b.getLong(h + 32);
      } else if (type == 1) {
        loads.add(new long[] {b.getLong(h + 8), b.getLong(h + 16), b.getLong(h + 32)});
      }
    }
    if (dynOff >= 0) {
      ranges.add(new long[] {dynOff, dynOff + dynSize});
      long strtab = -1;
      long strsz = 0;
      for (long p = dynOff; p + 16 <= dynOff + dynSize; p += 16) {
        long tag = b.getLong((int) p);
        if (tag == 5) {
          strtab = b.getLong((int) p + 8);
        } else if (tag == 10) {
          strsz = b.getLong((int) p + 8);
        }
      }
      for (long[] l : loads) {
        if (strtab >= l[1] && strtab < l[1] + l[2]) {
          long off = l[0] + strtab - l[1];
          ranges.add(new long[] {off, off + strsz});
        }
      }
    }
    List<Copy> out = new ArrayList<>();
    for (long[] r : ranges) {
      for (long p = r[0]; p < r[1] && p < elf.length; p++) {
        for (int v : new int[] {0x00, 0xff, (elf[(int) p] ^ 1) & 0xff}) {
          if ((elf[(int) p] & 0xff) != v) {
            byte[] copy = elf.clone();
            copy[(int) p] = (byte) v;
            out.add(
                new Copy(String.format("byte 0x%x %02x->%02x", p, elf[(int) p] & 0xff, v), copy));
          }
        }
      }
    }
    for (int len = 0; len < elf.length; len += 64) {
      out.add(new Copy("cut at " + len, Arrays.copyOf(elf, len)));
    }
    return out;
  }
}
