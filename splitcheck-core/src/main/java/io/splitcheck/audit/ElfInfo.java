package io.splitcheck.audit;

import java.util.List;

/**
 * What the loader needs to know of one ELF file: its class and byte order, the interpreter it asks
 * for ({@code PT_INTERP}) and its dynamic section ({@code DT_NEEDED}, {@code DT_RPATH}, {@code
 * DT_RUNPATH}, {@code DT_SONAME}, {@code DT_FLAGS_1}).
 *
 * @param bits 32 or 64
 * @param type {@code e_type}: 1 relocatable, 2 executable, 3 shared object / PIE, 4 core
 * @param machine {@code e_machine} (62 x86-64, 3 i386, 183 aarch64, ...)
 * @param interpreter the {@code PT_INTERP} path, or null
 * @param loadSegments the number of {@code PT_LOAD} program headers
 * @param hasDynamic whether a {@code PT_DYNAMIC} program header exists
 * @param soname {@code DT_SONAME}, or null
 * @param flags1 {@code DT_FLAGS_1}, 0 when absent
 */
public record ElfInfo(
    int bits,
    boolean bigEndian,
    int type,
    int machine,
    String interpreter,
    int loadSegments,
    boolean hasDynamic,
    List<String> needed,
    List<String> rpath,
    List<String> runpath,
    String soname,
    long flags1) {
  public static final int ET_REL = 1;
  public static final int ET_EXEC = 2;
  public static final int ET_DYN = 3;
  public static final long DF_1_PIE = 0x08000000L;

  /** How a file links, as the kernel and the loader see it. */
  public enum Linkage {
    /** ET_EXEC without an interpreter: runs on an empty filesystem. */
    STATIC,
    /**
     * ET_DYN with {@code DF_1_PIE} and no interpreter: self-relocating, runs on an empty
     * filesystem.
     */
    STATIC_PIE,
    /**
     * An executable with {@code PT_INTERP}: needs the loader and its {@code DT_NEEDED} libraries.
     */
    DYNAMIC,
    /**
     * ET_DYN without an interpreter and without {@code DF_1_PIE} (a library, or the loader itself),
     * or ET_DYN with a {@code DT_SONAME} even when it has an interpreter (libc.so.6 prints its
     * version when run).
     */
    SHARED_LIBRARY,
    /** Object files, core dumps and other types the loader never runs. */
    OTHER
  }

  public ElfInfo {
    needed = List.copyOf(needed);
    rpath = List.copyOf(rpath);
    runpath = List.copyOf(runpath);
  }

  public Linkage linkage() {
    if (interpreter != null && type == ET_DYN && soname != null) {
      return Linkage
          .SHARED_LIBRARY; // a library that can also be run (libc.so.6, libcap.so.2): loaded, not
      // exec'd
    } else if (interpreter != null) {
      return Linkage.DYNAMIC;
    } else if (type == ET_EXEC) {
      return needed.isEmpty() ? Linkage.STATIC : Linkage.DYNAMIC;
    } else if (type == ET_DYN) {
      return (flags1 & DF_1_PIE) != 0 ? Linkage.STATIC_PIE : Linkage.SHARED_LIBRARY;
    }
    return Linkage.OTHER;
  }

  /** Whether the kernel would run this file as a program (as opposed to a library or object). */
  public boolean isExecutable() {
    Linkage l = linkage();
    return l == Linkage.STATIC || l == Linkage.STATIC_PIE || l == Linkage.DYNAMIC;
  }

  /** Whether a library of {@code other}'s class and machine could satisfy this file's needs. */
  public boolean compatibleWith(ElfInfo other) {
    return bits == other.bits && machine == other.machine && bigEndian == other.bigEndian;
  }
}
