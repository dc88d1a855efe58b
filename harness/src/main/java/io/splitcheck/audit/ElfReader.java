package io.splitcheck.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pure-Java reader of ELF program headers and the dynamic section, from bytes: ELF32 and ELF64, little
 * and big endian. Reads what {@code readelf -l -d} shows that the loader acts on; nothing else.
 */
public final class ElfReader {
  static final int PT_LOAD = 1;
  static final int PT_DYNAMIC = 2;
  static final int PT_INTERP = 3;
  static final long DT_NULL = 0;
  static final long DT_NEEDED = 1;
  static final long DT_STRTAB = 5;
  static final long DT_STRSZ = 10;
  static final long DT_SONAME = 14;
  static final long DT_RPATH = 15;
  static final long DT_RUNPATH = 29;
  static final long DT_FLAGS_1 = 0x6ffffffbL;

  private final String name;
  private final byte[] b;
  private boolean big;
  private boolean is64;

  private ElfReader(String name, byte[] bytes) {
    this.name = name;
    this.b = bytes;
  }

  /** Whether the bytes start with the ELF magic {@code 7f 'E' 'L' 'F'}. */
  public static boolean isElf(byte[] head) {
    return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
  }

  /**
   * @param name names the file in error messages
   * @throws IllegalArgumentException {@code Error parsing ELF 'name': ...} when the bytes are not a
   *     well-formed ELF file
   */
  public static ElfInfo read(String name, byte[] bytes) {
    return new ElfReader(name, bytes).parse();
  }

  /** Like {@link #read} but never throws: a malformed file becomes an error result. */
  public static ElfParse tryRead(String name, byte[] bytes) {
    try {
      return ElfParse.ok(read(name, bytes));
    } catch (IllegalArgumentException e) {
      return ElfParse.failed(e.getMessage());
    } catch (RuntimeException e) { // defensive: a reader bug must not end an audit
      return ElfParse.failed("Error parsing ELF '" + name + "': " + e);
    }
  }

  private ElfInfo parse() {
    if (!isElf(b)) {
      throw error("no ELF magic (expected 7f 45 4c 46 at offset 0)");
    }
    need(0, 16, "e_ident");
    is64 = switch (b[4]) {
      case 1 -> false;
      case 2 -> true;
      default -> throw error("EI_CLASS " + b[4] + " (expected 1 for ELF32 or 2 for ELF64)");
    };
    big = switch (b[5]) {
      case 1 -> false;
      case 2 -> true;
      default -> throw error("EI_DATA " + b[5] + " (expected 1 little endian or 2 big endian)");
    };
    need(0, is64 ? 64 : 52, "ELF header");
    int type = u16(16);
    int machine = u16(18);
    long phoff = is64 ? u64(32) : u32(28);
    int phentsize = u16(is64 ? 54 : 42);
    int phnum = u16(is64 ? 56 : 44);
    if (phnum == 0xffff) {
      throw error("e_phnum PN_XNUM (more than 65534 program headers) is not supported");
    }
    if (phnum > 0 && phentsize < (is64 ? 56 : 32)) {
      throw error("e_phentsize " + phentsize + " (expected at least " + (is64 ? 56 : 32) + ")");
    }
    List<long[]> loads = new ArrayList<>();
    String interp = null;
    long dynOff = -1;
    long dynSize = 0;
    for (int i = 0; i < phnum; i++) {
      long at = phoff + (long) i * phentsize;
      need(at, phentsize, "program header " + i);
      long ptype = u32(at);
      long offset = is64 ? u64(at + 8) : u32(at + 4);
      long vaddr = is64 ? u64(at + 16) : u32(at + 8);
      long filesz = is64 ? u64(at + 32) : u32(at + 16);
      if (ptype == PT_LOAD) {
        loads.add(new long[] {offset, vaddr, filesz});
      } else if (ptype == PT_INTERP) {
        need(offset, filesz, "PT_INTERP");
        interp = cString(offset, offset + filesz);
      } else if (ptype == PT_DYNAMIC) {
        need(offset, filesz, "PT_DYNAMIC");
        dynOff = offset;
        dynSize = filesz;
      }
    }
    Dynamic dyn = dynOff < 0 ? new Dynamic() : readDynamic(dynOff, dynSize, loads);
    return new ElfInfo(is64 ? 64 : 32, big, type, machine, interp, loads.size(), dynOff >= 0,
        dyn.needed, dyn.rpath, dyn.runpath, dyn.soname, dyn.flags1);
  }

  private static final class Dynamic {
    final List<String> needed = new ArrayList<>();
    final List<String> rpath = new ArrayList<>();
    final List<String> runpath = new ArrayList<>();
    String soname;
    long flags1;
  }

  private Dynamic readDynamic(long off, long size, List<long[]> loads) {
    int entry = is64 ? 16 : 8;
    List<long[]> strings = new ArrayList<>(); // {tag, offset into strtab}
    long strtab = -1;
    long strsz = -1;
    Dynamic d = new Dynamic();
    for (long at = off; at + entry <= off + size; at += entry) {
      long tag = is64 ? u64(at) : u32(at);
      long val = is64 ? u64(at + 8) : u32(at + 4);
      if (tag == DT_NULL) {
        break;
      } else if (tag == DT_STRTAB) {
        strtab = val;
      } else if (tag == DT_STRSZ) {
        strsz = val;
      } else if (tag == DT_FLAGS_1) {
        d.flags1 = val;
      } else if (tag == DT_NEEDED || tag == DT_SONAME || tag == DT_RPATH || tag == DT_RUNPATH) {
        strings.add(new long[] {tag, val});
      }
    }
    if (strings.isEmpty()) {
      return d;
    }
    if (strtab < 0) {
      throw error("dynamic section has string entries but no DT_STRTAB");
    }
    long base = fileOffset(strtab, loads);
    long end = strsz >= 0 ? base + strsz : b.length;
    need(base, Math.max(0, end - base), "DT_STRTAB");
    for (long[] s : strings) {
      if (s[1] < 0 || base + s[1] >= end) {
        throw error("dynamic string offset " + s[1] + " outside DT_STRTAB of " + (end - base) + " bytes");
      }
      String value = cString(base + s[1], end);
      if (s[0] == DT_NEEDED) {
        d.needed.add(value);
      } else if (s[0] == DT_SONAME) {
        d.soname = value;
      } else {
        List<String> into = s[0] == DT_RPATH ? d.rpath : d.runpath;
        for (String p : value.split(":")) {
          if (!p.isEmpty()) {
            into.add(p);
          }
        }
      }
    }
    return d;
  }

  /** Maps a virtual address to a file offset through the PT_LOAD segment that contains it. */
  private long fileOffset(long vaddr, List<long[]> loads) {
    for (long[] l : loads) {
      if (Long.compareUnsigned(vaddr, l[1]) >= 0 && Long.compareUnsigned(vaddr - l[1], l[2]) < 0) {
        return l[0] + (vaddr - l[1]);
      }
    }
    throw error("DT_STRTAB address 0x" + Long.toHexString(vaddr) + " is in no PT_LOAD segment");
  }

  private String cString(long from, long limit) {
    int end = (int) from;
    while (end < limit && end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, (int) from, end - (int) from, StandardCharsets.UTF_8);
  }

  private void need(long offset, long length, String what) {
    if (offset < 0 || length < 0 || offset + length > b.length || offset + length < 0) {
      throw error(what + " at offset " + offset + " (" + length + " bytes) is past the end of the file ("
          + b.length + " bytes): truncated or corrupt");
    }
  }

  private int u16(long at) {
    need(at, 2, "field");
    int i = (int) at;
    return big ? (b[i] & 0xff) << 8 | b[i + 1] & 0xff : (b[i + 1] & 0xff) << 8 | b[i] & 0xff;
  }

  private long u32(long at) {
    need(at, 4, "field");
    long hi = u16(big ? at : at + 2);
    long lo = u16(big ? at + 2 : at);
    return hi << 16 | lo;
  }

  private long u64(long at) {
    long hi = u32(big ? at : at + 4);
    long lo = u32(big ? at + 4 : at);
    return hi << 32 | lo; // offsets above 2^63 come out negative and fail need()
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("Error parsing ELF '" + name + "': " + what);
  }
}
