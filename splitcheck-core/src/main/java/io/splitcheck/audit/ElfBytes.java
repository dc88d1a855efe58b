package io.splitcheck.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads from the kept bytes of one ELF file ({@link ElfReader.Window}) in its byte
 * order; every failure is {@code Error parsing ELF 'name': ...}.
 */
final class ElfBytes {
  private final String name;
  private final ElfReader.Window w;
  boolean big;
  boolean is64;

  ElfBytes(String name, ElfReader.Window window) {
    this.name = name;
    this.w = window;
  }

  long length() {
    return w.length();
  }

  /** Whether {@code length} bytes at {@code offset} are inside the file and were kept. */
  boolean kept(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > w.length() || offset + length < 0) {
      return false;
    }
    if (offset + length <= w.prefix().length) {
      return true;
    }
    return w.extra() != null
        && offset >= w.extraOffset()
        && offset + length <= w.extraOffset() + w.extra().length;
  }

  void need(long offset, long length, String what) {
    if (offset < 0 || length < 0 || offset + length > w.length() || offset + length < 0) {
      throw error(
          what
              + " at offset "
              + offset
              + " ("
              + length
              + " bytes) is past the end of the file ("
              + w.length()
              + " bytes): truncated or corrupt");
    }
  }

  /**
   * One byte of the file; the offset is inside the file (checked by need) but may not have been
   * kept.
   */
  byte at(long off) {
    if (off >= 0 && off < w.prefix().length) {
      return w.prefix()[(int) off];
    }
    if (w.extra() != null && off >= w.extraOffset() && off - w.extraOffset() < w.extra().length) {
      return w.extra()[(int) (off - w.extraOffset())];
    }
    if (off < 0 || off >= w.length()) {
      throw error(
          "offset "
              + off
              + " is past the end of the file ("
              + w.length()
              + " bytes): truncated or corrupt");
    }
    throw error(
        "offset "
            + off
            + " is beyond the first "
            + w.prefix().length
            + " bytes read of this "
            + w.length()
            + "-byte file (and outside its dynamic segment)");
  }

  int u16(long p) {
    need(p, 2, "field");
    int b0 = at(p) & 0xff;
    int b1 = at(p + 1) & 0xff;
    return big ? b0 << 8 | b1 : b1 << 8 | b0;
  }

  long u32(long p) {
    need(p, 4, "field");
    long hi = u16(big ? p : p + 2);
    long lo = u16(big ? p + 2 : p);
    return hi << 16 | lo;
  }

  long u64(long p) {
    long hi = u32(big ? p : p + 4);
    long lo = u32(big ? p + 4 : p);
    return hi << 32 | lo; // offsets above 2^63 come out negative and fail need()
  }

  /** An address-sized field: 8 bytes in ELF64, 4 in ELF32. */
  long word(long p) {
    return is64 ? u64(p) : u32(p);
  }

  /**
   * The bytes from {@code from} up to a NUL or {@code limit}; null when no NUL comes before {@code
   * limit}.
   */
  String cString(long from, long limit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long p = from; p < limit && p < w.length(); p++) {
      byte c = at(p);
      if (c == 0) {
        return out.toString(StandardCharsets.UTF_8);
      }
      out.write(c);
    }
    return null;
  }

  IllegalArgumentException error(String what) {
    return new IllegalArgumentException("Error parsing ELF '" + name + "': " + what);
  }
}
