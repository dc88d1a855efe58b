package io.splitcheck.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes minimal ELF files for tests (any class and byte order): one PT_LOAD covering the whole
 * file, optional PT_INTERP and PT_DYNAMIC with NEEDED/RPATH/RUNPATH/SONAME/FLAGS_1. Independent of
 * the reader.
 */
final class ElfBuilder {
  private static final long BASE = 0x10000;
  private boolean is64 = true;
  private boolean big;
  private int type = ElfInfo.ET_EXEC;
  private int machine = 62;
  private String interp;
  private final List<String> needed = new ArrayList<>();
  private String rpath;
  private String runpath;
  private String soname;
  private long flags1;

  static ElfBuilder elf() {
    return new ElfBuilder();
  }

  ElfBuilder bits32() {
    is64 = false;
    machine = 3;
    return this;
  }

  ElfBuilder bigEndian(int machine) {
    big = true;
    this.machine = machine;
    return this;
  }

  ElfBuilder type(int t) {
    type = t;
    return this;
  }

  ElfBuilder interp(String i) {
    interp = i;
    return this;
  }

  ElfBuilder needed(String... n) {
    needed.addAll(List.of(n));
    return this;
  }

  ElfBuilder rpath(String r) {
    rpath = r;
    return this;
  }

  ElfBuilder runpath(String r) {
    runpath = r;
    return this;
  }

  ElfBuilder soname(String s) {
    soname = s;
    return this;
  }

  ElfBuilder pie() {
    flags1 |= ElfInfo.DF_1_PIE;
    return this;
  }

  byte[] build() {
    boolean dynamic =
        !needed.isEmpty() || rpath != null || runpath != null || soname != null || flags1 != 0;
    int ehsize = is64 ? 64 : 52;
    int phent = is64 ? 56 : 32;
    int phnum = 1 + (interp != null ? 1 : 0) + (dynamic ? 1 : 0);
    ByteArrayOutputStream strtab = new ByteArrayOutputStream();
    strtab.write(0);
    List<long[]> dyn = new ArrayList<>();
    for (String n : needed) {
      dyn.add(new long[] {1, addString(strtab, n)});
    }
    if (soname != null) dyn.add(new long[] {14, addString(strtab, soname)});
    if (rpath != null) dyn.add(new long[] {15, addString(strtab, rpath)});
    if (runpath != null) dyn.add(new long[] {29, addString(strtab, runpath)});
    if (flags1 != 0) dyn.add(new long[] {0x6ffffffbL, flags1});
    byte[] interpBytes =
        interp == null ? new byte[0] : (interp + "\0").getBytes(StandardCharsets.UTF_8);
    long interpOff = ehsize + (long) phent * phnum;
    long strOff = interpOff + interpBytes.length;
    long dynOff = align(strOff + strtab.size(), 8);
    dyn.add(new long[] {5, BASE + strOff});
    dyn.add(new long[] {10, strtab.size()});
    dyn.add(new long[] {0, 0});
    int dynEnt = is64 ? 16 : 8;
    long total = dynamic ? dynOff + (long) dyn.size() * dynEnt : dynOff;
    ByteBuffer out =
        ByteBuffer.allocate((int) total)
            .order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    out.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (big ? 2 : 1), 1});
    out.position(16);
    out.putShort((short) type).putShort((short) machine).putInt(1);
    word(out, BASE + ehsize); // entry
    word(out, ehsize); // phoff
    word(out, 0); // shoff
    out.putInt(0).putShort((short) ehsize).putShort((short) phent).putShort((short) phnum);
    out.putShort((short) 0).putShort((short) 0).putShort((short) 0);
    phdr(out, 1, 0, total);
    if (interp != null) phdr(out, 3, interpOff, interpBytes.length);
    if (dynamic) phdr(out, 2, dynOff, (long) dyn.size() * dynEnt);
    out.put(interpBytes).put(strtab.toByteArray());
    if (dynamic) {
      out.position((int) dynOff);
      for (long[] d : dyn) {
        word(out, d[0]);
        word(out, d[1]);
      }
    }
    return out.array();
  }

  private void phdr(ByteBuffer out, int ptype, long off, long size) {
    if (is64) {
      out.putInt(ptype)
          .putInt(4)
          .putLong(off)
          .putLong(BASE + off)
          .putLong(BASE + off)
          .putLong(size)
          .putLong(size)
          .putLong(off == 0 ? 0x1000 : 1);
    } else {
      out.putInt(ptype)
          .putInt((int) off)
          .putInt((int) (BASE + off))
          .putInt((int) (BASE + off))
          .putInt((int) size)
          .putInt((int) size)
          .putInt(4)
          .putInt(off == 0 ? 0x1000 : 1);
    }
  }

  private void word(ByteBuffer out, long v) {
    if (is64) out.putLong(v);
    else out.putInt((int) v);
  }

  private static long addString(ByteArrayOutputStream strtab, String s) {
    long at = strtab.size();
    strtab.writeBytes((s + "\0").getBytes(StandardCharsets.UTF_8));
    return at;
  }

  private static long align(long v, int a) {
    return (v + a - 1) / a * a;
  }
}
