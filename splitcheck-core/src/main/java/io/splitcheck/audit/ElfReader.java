package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A pure-Java reader of ELF program headers and the dynamic section: ELF32 and ELF64, little and
 * big endian. Reads what {@code readelf -l -d} shows that the loader acts on; nothing else. It
 * reads from a {@link Window}: the whole file, or (for files too large to hold) a prefix plus the
 * dynamic segment.
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
   * The bytes of a file of {@code length} bytes that were kept: {@code prefix} from offset 0, and
   * optionally {@code extra} from {@code extraOffset}. Reading elsewhere inside the file is an
   * error that says so.
   */
  public record Window(long length, byte[] prefix, long extraOffset, byte[] extra) {
    public static Window of(byte[] bytes) {
      return new Window(bytes.length, bytes, 0, null);
    }
  }

  /** The program headers the reader needs, from a header and program header table. */
  record Segments(List<long[]> loads, String interp, long dynOff, long dynSize) {}

  private final ElfBytes b;

  private ElfReader(String name, Window window) {
    this.b = new ElfBytes(name, window);
  }

  /** Whether the bytes start with the ELF magic {@code 7f 'E' 'L' 'F'}. */
  public static boolean isElf(byte[] head) {
    return head.length >= 4
        && head[0] == 0x7f
        && head[1] == 'E'
        && head[2] == 'L'
        && head[3] == 'F';
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

  /**
   * {@code {offset, size}} of PT_DYNAMIC read from the prefix alone, or null (none, or not in the
   * prefix).
   */
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
    int type = b.u16(16);
    int machine = b.u16(18);
    Segments s = segments();
    ElfSections.Dynamic section = sectionView();
    crossCheckSegment(s, section);
    ElfDynamic dyn =
        s.dynOff < 0
            ? new ElfDynamic()
            : ElfDynamic.read(
                b, s.dynOff, s.dynSize, s.loads, section == NO_SECTIONS ? null : section);
    return new ElfInfo(
        b.is64 ? 64 : 32,
        b.big,
        type,
        machine,
        s.interp,
        s.loads.size(),
        s.dynOff >= 0,
        dyn.needed,
        dyn.rpath,
        dyn.runpath,
        dyn.soname,
        dyn.flags1);
  }

  /**
   * The section headers' .dynamic, or null when there is none; {@code NO_SECTIONS} when unreadable.
   */
  private ElfSections.Dynamic sectionView() {
    try {
      return ElfSections.dynamic(b);
    } catch (ElfSections.Unusable | IllegalArgumentException e) {
      return NO_SECTIONS;
    }
  }

  private static final ElfSections.Dynamic NO_SECTIONS =
      new ElfSections.Dynamic(-1, -1, false, -1, -1);

  /**
   * A PT_DYNAMIC the section headers place elsewhere (or do not have) is corruption, as readelf
   * reports it.
   */
  private void crossCheckSegment(Segments s, ElfSections.Dynamic section) {
    if (section == NO_SECTIONS) {
      return;
    }
    if (section == null && s.dynOff >= 0) {
      throw b.error(
          "PT_DYNAMIC at offset "
              + s.dynOff
              + " but the section headers have no .dynamic: corrupt");
    }
    if (section == null) {
      return;
    }
    if (section.nobits()) {
      throw b.error(
          ".dynamic is SHT_NOBITS: the file holds no dynamic section (a separate debug-info file?)");
    }
    if (s.dynOff < 0 && section.size() > 0) {
      throw b.error(
          "section .dynamic at offset "
              + section.offset()
              + " but no PT_DYNAMIC program header: corrupt");
    }
    if (s.dynOff >= 0 && section.offset() != s.dynOff) {
      throw b.error(
          "PT_DYNAMIC at offset "
              + s.dynOff
              + " but section .dynamic at offset "
              + section.offset()
              + ": corrupt");
    }
  }

  private void ident() {
    if (b.length() < 4 || !isElf(new byte[] {b.at(0), b.at(1), b.at(2), b.at(3)})) {
      throw b.error("no ELF magic (expected 7f 45 4c 46 at offset 0)");
    }
    b.need(0, 16, "e_ident");
    b.is64 =
        switch (b.at(4)) {
          case 1 -> false;
          case 2 -> true;
          default ->
              throw b.error("EI_CLASS " + b.at(4) + " (expected 1 for ELF32 or 2 for ELF64)");
        };
    b.big =
        switch (b.at(5)) {
          case 1 -> false;
          case 2 -> true;
          default ->
              throw b.error("EI_DATA " + b.at(5) + " (expected 1 little endian or 2 big endian)");
        };
    b.need(0, b.is64 ? 64 : 52, "ELF header");
  }

  private Segments segments() {
    boolean is64 = b.is64;
    long phoff = b.word(is64 ? 32 : 28);
    int phentsize = b.u16(is64 ? 54 : 42);
    int phnum = b.u16(is64 ? 56 : 44);
    if (phnum == 0xffff) {
      throw b.error("e_phnum PN_XNUM (more than 65534 program headers) is not supported");
    }
    if (phnum > 0 && phentsize < (is64 ? 56 : 32)) {
      throw b.error("e_phentsize " + phentsize + " (expected at least " + (is64 ? 56 : 32) + ")");
    }
    List<long[]> loads = new ArrayList<>();
    String interp = null;
    long dynOff = -1;
    long dynSize = 0;
    for (int i = 0; i < phnum; i++) {
      long h = phoff + (long) i * phentsize;
      b.need(h, phentsize, "program header " + i);
      long ptype = b.u32(h);
      long offset = is64 ? b.u64(h + 8) : b.u32(h + 4);
      long vaddr = is64 ? b.u64(h + 16) : b.u32(h + 8);
      long filesz = is64 ? b.u64(h + 32) : b.u32(h + 16);
      if (ptype == PT_LOAD) {
        loads.add(new long[] {offset, vaddr, filesz});
      } else if (ptype == PT_INTERP) {
        b.need(offset, filesz, "PT_INTERP");
        String path = b.cString(offset, offset + filesz);
        interp =
            path == null || path.isEmpty()
                ? null
                : path; // zero bytes, or a NUL first: no interpreter
      } else if (ptype == PT_DYNAMIC) {
        b.need(offset, filesz, "PT_DYNAMIC");
        dynOff = offset;
        dynSize = filesz;
      }
    }
    return new Segments(loads, interp, dynOff, dynSize);
  }
}
