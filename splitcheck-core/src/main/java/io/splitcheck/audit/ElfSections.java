package io.splitcheck.audit;

/**
 * The section headers' account of the dynamic linking data ({@code .dynamic} and the string table
 * its {@code sh_link} names), which readelf prefers over the program headers. {@link ElfReader}
 * compares it with what PT_DYNAMIC and DT_STRTAB say, so that a corrupt file is an error rather
 * than a list of wrong names.
 */
final class ElfSections {
  static final long SHT_DYNAMIC = 6;
  static final long SHT_NOBITS = 8;

  /**
   * A {@code .dynamic} section: where, how large, NOBITS (a separate debug file), and its string
   * table.
   */
  record Dynamic(long offset, long size, boolean nobits, long strOffset, long strSize) {}

  private ElfSections() {}

  /**
   * The {@code .dynamic} section, or null when the file has none. Throws {@link Unusable} when the
   * file has no section header table that can be read from the kept bytes (then nothing can be
   * cross-checked).
   */
  static Dynamic dynamic(ElfBytes b) {
    long shoff = b.word(b.is64 ? 40 : 32);
    int shentsize = b.u16(b.is64 ? 58 : 46);
    int shnum = b.u16(b.is64 ? 60 : 48);
    int shstrndx = b.u16(b.is64 ? 62 : 50);
    if (shoff == 0
        || shnum == 0
        || shentsize < (b.is64 ? 64 : 40)
        || !b.kept(shoff, (long) shnum * shentsize)) {
      throw new Unusable();
    }
    long[][] sh = new long[shnum][];
    for (int i = 0; i < shnum; i++) {
      long h = shoff + (long) i * shentsize;
      sh[i] =
          new long[] {
            b.u32(h),
            b.u32(h + 4),
            b.word(h + (b.is64 ? 24 : 16)),
            b.word(h + (b.is64 ? 32 : 20)),
            b.u32(h + (b.is64 ? 40 : 24))
          }; // name, type, offset, size, link
    }
    int found = -1;
    boolean named = shstrndx < shnum && b.kept(sh[shstrndx][2], sh[shstrndx][3]);
    for (int i = 0; i < shnum && found < 0; i++) {
      if (named ? ".dynamic".equals(name(b, sh[shstrndx], sh[i][0])) : sh[i][1] == SHT_DYNAMIC) {
        found = i;
      }
    }
    if (found < 0) {
      return null;
    }
    long[] d = sh[found];
    long[] str = d[4] < shnum ? sh[(int) d[4]] : new long[] {0, 0, -1, 0, 0};
    return new Dynamic(d[2], d[3], d[1] == SHT_NOBITS, str[2], str[3]);
  }

  private static String name(ElfBytes b, long[] shstrtab, long index) {
    if (index < 0 || index >= shstrtab[3]) {
      return null;
    }
    return b.cString(shstrtab[2] + index, shstrtab[2] + shstrtab[3]);
  }

  /** No usable section header table. */
  static final class Unusable extends RuntimeException {
    Unusable() {
      super(null, null, false, false);
    }
  }
}
