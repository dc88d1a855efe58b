package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * What an ELF file's dynamic section says to the loader: NEEDED, SONAME, RPATH, RUNPATH, FLAGS_1.
 */
final class ElfDynamic {
  final List<String> needed = new ArrayList<>();
  final List<String> rpath = new ArrayList<>();
  final List<String> runpath = new ArrayList<>();
  String soname;
  long flags1;

  /**
   * Reads the dynamic section at {@code off}; {@code section} is the section headers' view of it
   * (null when unreadable), whose string table must agree.
   */
  static ElfDynamic read(
      ElfBytes b, long off, long size, List<long[]> loads, ElfSections.Dynamic section) {
    boolean is64 = b.is64;
    int entry = is64 ? 16 : 8;
    List<long[]> strings = new ArrayList<>(); // {tag, offset into strtab}
    long strtab = -1;
    long strsz = -1;
    ElfDynamic d = new ElfDynamic();
    for (long p = off; p + entry <= off + size; p += entry) {
      long tag = b.word(p);
      long val = b.word(p + (is64 ? 8 : 4));
      if (tag == ElfReader.DT_NULL) {
        break;
      } else if (tag == ElfReader.DT_STRTAB) {
        strtab = val;
      } else if (tag == ElfReader.DT_STRSZ) {
        strsz = val;
      } else if (tag == ElfReader.DT_FLAGS_1) {
        d.flags1 = val;
      } else if (tag == ElfReader.DT_NEEDED
          || tag == ElfReader.DT_SONAME
          || tag == ElfReader.DT_RPATH
          || tag == ElfReader.DT_RUNPATH) {
        strings.add(new long[] {tag, val});
      }
    }
    if (strings.isEmpty()) {
      return d;
    }
    if (strtab < 0) {
      throw b.error("dynamic section has string entries but no ElfReader.DT_STRTAB");
    }
    long base = fileOffset(b, strtab, loads);
    long end = strsz >= 0 ? base + strsz : b.length();
    b.need(base, Math.max(0, end - base), "ElfReader.DT_STRTAB");
    if (section != null && section.strOffset() >= 0 && section.strOffset() != base) {
      throw b.error(
          "ElfReader.DT_STRTAB at file offset "
              + base
              + " but the string table of section .dynamic at offset "
              + section.strOffset()
              + ": corrupt");
    }
    for (long[] s : strings) {
      if (s[1] < 0 || base + s[1] >= end) {
        throw b.error(
            "dynamic string offset "
                + s[1]
                + " outside ElfReader.DT_STRTAB of "
                + (end - base)
                + " bytes");
      }
      String value = b.cString(base + s[1], end);
      if (value == null) {
        throw b.error(
            "dynamic string at offset "
                + s[1]
                + " runs past the end of ElfReader.DT_STRTAB ("
                + (end - base)
                + " bytes) without a NUL: corrupt");
      }
      if (s[0] == ElfReader.DT_NEEDED) {
        d.needed.add(value);
      } else if (s[0] == ElfReader.DT_SONAME) {
        d.soname = value;
      } else {
        List<String> into = s[0] == ElfReader.DT_RPATH ? d.rpath : d.runpath;
        for (String part : value.split(":")) {
          if (!part.isEmpty()) {
            into.add(part);
          }
        }
      }
    }
    return d;
  }

  /** Maps a virtual address to a file offset through the PT_LOAD segment that contains it. */
  private static long fileOffset(ElfBytes b, long vaddr, List<long[]> loads) {
    for (long[] l : loads) {
      if (Long.compareUnsigned(vaddr, l[1]) >= 0 && Long.compareUnsigned(vaddr - l[1], l[2]) < 0) {
        return l[0] + (vaddr - l[1]);
      }
    }
    throw b.error(
        "ElfReader.DT_STRTAB address 0x" + Long.toHexString(vaddr) + " is in no PT_LOAD segment");
  }
}
