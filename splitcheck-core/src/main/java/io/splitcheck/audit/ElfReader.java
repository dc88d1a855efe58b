package io.splitcheck.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pure-Java reader of ELF program headers and the dynamic section: ELF32 and ELF64, little and big
 * endian. Reads what {@code readelf -l -d} shows that the loader acts on; nothing else. It reads from a
 * {@link Window}: the whole file, or (for files too large to hold) a prefix plus the dynamic segment.
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

  /**
   * The bytes of a file of {@code length} bytes that were kept: {@code prefix} from offset 0, and optionally
   * {@code extra} from {@code extraOffset}. Reading elsewhere inside the file is an error that says so.
   */
  public record Window(long length, byte[] prefix, long extraOffset, byte[] extra) {
    public static Window of(byte[] bytes) {
      return new Window(bytes.length, bytes, 0, null);
    }
  }

  /** The program headers the reader needs, from a header and program header table. */
  record Segments(List<long[]> loads, String interp, long dynOff, long dynSize) {}

  private final String name;
  private final Window w;
  private boolean big;
  private boolean is64;

  private ElfReader(String name, Window window) {
    this.name = name;
    this.w = window;
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
    return read(name, Window.of(bytes));
  }

  public static ElfInfo read(String name, Window window) {
    return new ElfReader(name, window).parse();
  }

  /** Like {@link #read} but never throws: a malformed file becomes an error result. */
  public static ElfParse tryRead(String name, byte[] bytes) {
    return tryRead(name, Window.of(bytes));
  }

  public static ElfParse tryRead(String name, Window window) {
    try {
      return ElfParse.ok(read(name, window));
    } catch (IllegalArgumentException e) {
      return ElfParse.failed(e.getMessage());
    } catch (RuntimeException e) { // defensive: a reader bug must not end an audit
      return ElfParse.failed("Error parsing ELF '" + name + "': " + e);
    }
  }

  /** {@code {offset, size}} of PT_DYNAMIC read from the prefix alone, or null (none, or not in the prefix). */
  static long[] dynamicSegment(String name, long length, byte[] prefix) {
    try {
      ElfReader r = new ElfReader(name, new Window(length, prefix, 0, null));
      r.ident();
      Segments s = r.segments();
      return s.dynOff < 0 ? null : new long[] {s.dynOff, s.dynSize};
    } catch (RuntimeException e) {
      return null;
    }
  }

  private ElfInfo parse() {
    ident();
    int type = u16(16);
    int machine = u16(18);
    Segments s = segments();
    Dynamic dyn = s.dynOff < 0 ? new Dynamic() : readDynamic(s.dynOff, s.dynSize, s.loads);
    return new ElfInfo(is64 ? 64 : 32, big, type, machine, s.interp, s.loads.size(), s.dynOff >= 0,
        dyn.needed, dyn.rpath, dyn.runpath, dyn.soname, dyn.flags1);
  }

  private void ident() {
    if (w.length() < 4 || !isElf(new byte[] {at(0), at(1), at(2), at(3)})) {
      throw error("no ELF magic (expected 7f 45 4c 46 at offset 0)");
    }
    need(0, 16, "e_ident");
    is64 = switch (at(4)) {
      case 1 -> false;
      case 2 -> true;
      default -> throw error("EI_CLASS " + at(4) + " (expected 1 for ELF32 or 2 for ELF64)");
    };
    big = switch (at(5)) {
      case 1 -> false;
      case 2 -> true;
      default -> throw error("EI_DATA " + at(5) + " (expected 1 little endian or 2 big endian)");
    };
    need(0, is64 ? 64 : 52, "ELF header");
  }

  private Segments segments() {
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
      long h = phoff + (long) i * phentsize;
      need(h, phentsize, "program header " + i);
      long ptype = u32(h);
      long offset = is64 ? u64(h + 8) : u32(h + 4);
      long vaddr = is64 ? u64(h + 16) : u32(h + 8);
      long filesz = is64 ? u64(h + 32) : u32(h + 16);
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
    return new Segments(loads, interp, dynOff, dynSize);
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
    for (long p = off; p + entry <= off + size; p += entry) {
      long tag = is64 ? u64(p) : u32(p);
      long val = is64 ? u64(p + 8) : u32(p + 4);
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
    long end = strsz >= 0 ? base + strsz : w.length();
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
  private long fileOffset(long vaddr, List<long[]> loads) {
    for (long[] l : loads) {
      if (Long.compareUnsigned(vaddr, l[1]) >= 0 && Long.compareUnsigned(vaddr - l[1], l[2]) < 0) {
        return l[0] + (vaddr - l[1]);
      }
    }
    throw error("DT_STRTAB address 0x" + Long.toHexString(vaddr) + " is in no PT_LOAD segment");
  }

  private String cString(long from, long limit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long p = from; p < limit && p < w.length(); p++) {
      byte c = at(p);
      if (c == 0) {
        break;
      }
      out.write(c);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private void need(long offset, long length, String what) {
    if (offset < 0 || length < 0 || offset + length > w.length() || offset + length < 0) {
      throw error(what + " at offset " + offset + " (" + length + " bytes) is past the end of the file ("
          + w.length() + " bytes): truncated or corrupt");
    }
  }

  /** One byte of the file; the offset is inside the file (checked by need) but may not have been kept. */
  private byte at(long off) {
    if (off >= 0 && off < w.prefix().length) {
      return w.prefix()[(int) off];
    }
    if (w.extra() != null && off >= w.extraOffset() && off - w.extraOffset() < w.extra().length) {
      return w.extra()[(int) (off - w.extraOffset())];
    }
    if (off < 0 || off >= w.length()) {
      throw error("offset " + off + " is past the end of the file (" + w.length() + " bytes): truncated or corrupt");
    }
    throw error("offset " + off + " is beyond the first " + w.prefix().length + " bytes read of this "
        + w.length() + "-byte file (and outside its dynamic segment)");
  }

  private int u16(long p) {
    need(p, 2, "field");
    int b0 = at(p) & 0xff;
    int b1 = at(p + 1) & 0xff;
    return big ? b0 << 8 | b1 : b1 << 8 | b0;
  }

  private long u32(long p) {
    need(p, 4, "field");
    long hi = u16(big ? p : p + 2);
    long lo = u16(big ? p + 2 : p);
    return hi << 16 | lo;
  }

  private long u64(long p) {
    long hi = u32(big ? p : p + 4);
    long lo = u32(big ? p + 4 : p);
    return hi << 32 | lo; // offsets above 2^63 come out negative and fail need()
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("Error parsing ELF '" + name + "': " + what);
  }
}
