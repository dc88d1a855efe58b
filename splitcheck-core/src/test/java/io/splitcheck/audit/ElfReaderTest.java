package io.splitcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.audit.ElfInfo.Linkage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfReaderTest {
  @TempDir Path dir;

  @Test
  void read_matchesReadelf_forGccStaticBinary() throws Exception {
    Path bin = Toolchain.compile(dir, "static", Toolchain.HELLO, "gcc", "-static", "-no-pie");
    ElfInfo info = assertMatchesReadelf(bin);
    assertEquals(Linkage.STATIC, info.linkage());
  }

  @Test
  void read_matchesReadelf_forGccStaticPie() throws Exception {
    Path bin = Toolchain.compile(dir, "spie", Toolchain.HELLO, "gcc", "-static-pie");
    ElfInfo info = assertMatchesReadelf(bin);
    assertEquals(Linkage.STATIC_PIE, info.linkage());
    assertNull(info.interpreter());
  }

  @Test
  void read_matchesReadelf_forGccDynamicPieWithRunpath() throws Exception {
    Path bin =
        Toolchain.compile(
            dir,
            "dyn",
            Toolchain.HELLO,
            "gcc",
            "-Wl,-rpath,$ORIGIN/../lib",
            "-Wl,--enable-new-dtags");
    ElfInfo info = assertMatchesReadelf(bin);
    assertEquals(Linkage.DYNAMIC, info.linkage());
    assertTrue(info.needed().contains("libc.so.6"), info.needed().toString());
    assertEquals(List.of("$ORIGIN/../lib"), info.runpath());
  }

  @Test
  void read_matchesReadelf_forOldStyleRpath() throws Exception {
    Path bin =
        Toolchain.compile(
            dir,
            "rpath",
            Toolchain.HELLO,
            "gcc",
            "-Wl,-rpath,/opt/a:/opt/b",
            "-Wl,--disable-new-dtags");
    ElfInfo info = assertMatchesReadelf(bin);
    assertEquals(List.of("/opt/a", "/opt/b"), info.rpath());
  }

  @Test
  void read_matchesReadelf_forMuslStaticAndDynamic() throws Exception {
    Path st = Toolchain.compile(dir, "mstatic", Toolchain.HELLO, "musl-gcc", "-static");
    assertEquals(Linkage.STATIC, assertMatchesReadelf(st).linkage());
    Path dyn = Toolchain.compile(dir, "mdyn", Toolchain.HELLO, "musl-gcc");
    ElfInfo info = assertMatchesReadelf(dyn);
    assertEquals("/lib/ld-musl-x86_64.so.1", info.interpreter());
  }

  @Test
  void read_matchesReadelf_forSharedLibraryWithSoname() throws Exception {
    Path lib =
        Toolchain.compile(
            dir,
            "libx.so",
            "int x(void){return 1;}\n",
            "gcc",
            "-shared",
            "-fPIC",
            "-Wl,-soname,libx.so.1");
    ElfInfo info = assertMatchesReadelf(lib);
    assertEquals("libx.so.1", info.soname());
    assertEquals(Linkage.SHARED_LIBRARY, info.linkage());
  }

  @Test
  void read_matchesReadelf_for32BitFiles() throws Exception {
    Path lib =
        Toolchain.compile(
            dir,
            "lib32.so",
            Toolchain.BARE,
            "gcc",
            "-m32",
            "-nostdlib",
            "-shared",
            "-fPIC",
            "-Wl,-soname,lib32.so.1",
            "-Wl,-rpath,$ORIGIN");
    ElfInfo libInfo = assertMatchesReadelf(lib);
    assertEquals(32, libInfo.bits());
    Path st = Toolchain.compile(dir, "st32", Toolchain.BARE, "gcc", "-m32", "-nostdlib", "-static");
    assertEquals(Linkage.STATIC, assertMatchesReadelf(st).linkage());
    Path pie =
        Toolchain.compile(
            dir,
            "pie32",
            Toolchain.BARE,
            "gcc",
            "-m32",
            "-nostdlib",
            "-fPIE",
            "-pie",
            "-Wl,--dynamic-linker=/lib/ld-linux.so.2",
            "-Wl,--no-as-needed",
            lib.toString());
    ElfInfo pieInfo = assertMatchesReadelf(pie);
    assertEquals(Linkage.DYNAMIC, pieInfo.linkage());
    assertEquals(List.of("lib32.so.1"), pieInfo.needed());
  }

  @Test
  void read_matchesReadelf_for32BitLibcPrograms_whenMultilibIsInstalled() throws Exception {
    Path bin =
        Toolchain.compile(
            dir, "hello32", Toolchain.HELLO, "gcc", "-m32"); // skipped without gcc-multilib
    ElfInfo info = assertMatchesReadelf(bin);
    assertEquals(32, info.bits());
    assertEquals(Linkage.DYNAMIC, info.linkage());
  }

  @Test
  void read_matchesReadelf_forBigEndianElf32AndElf64() throws Exception {
    byte[] be64 =
        ElfBuilder.elf()
            .bigEndian(43)
            .type(ElfInfo.ET_DYN)
            .interp("/lib/ld-linux.so.2")
            .needed("libc.so.6", "libm.so.6")
            .runpath("$ORIGIN/lib:/opt/lib")
            .pie()
            .build();
    ElfInfo i64 = assertMatchesReadelf(write("be64", be64));
    assertTrue(i64.bigEndian());
    assertEquals(List.of("$ORIGIN/lib", "/opt/lib"), i64.runpath());
    byte[] be32 =
        ElfBuilder.elf()
            .bits32()
            .bigEndian(8)
            .type(ElfInfo.ET_DYN)
            .soname("libq.so.2")
            .rpath("/usr/q")
            .needed("libc.so.6")
            .build();
    ElfInfo i32 = assertMatchesReadelf(write("be32", be32));
    assertEquals(32, i32.bits());
    assertEquals(Linkage.SHARED_LIBRARY, i32.linkage());
  }

  @Test
  void collector_matchesReadelf_keepingOnlyAPrefixAndTheDynamicSegment() throws Exception {
    Path bin = Toolchain.compile(dir, "dynwin", Toolchain.HELLO, "gcc", "-Wl,-rpath,/opt/x");
    byte[] all = Files.readAllBytes(bin);
    ElfInfo whole = assertMatchesReadelf(bin);
    long[] dyn = ElfReader.dynamicSegment("dynwin", all.length, all);
    int keep = (int) Math.min(dyn[0], 8192); // the dynamic segment lies beyond what is kept
    FileFacts f =
        new ImageContentCollector(keep)
            .facts(
                "/dynwin",
                all.length,
                Arrays.copyOf(all, 16),
                new ByteArrayInputStream(Arrays.copyOfRange(all, 16, all.length)));
    assertEquals(whole, f.elf().info(), String.valueOf(f.elf().error()));
  }

  @Test
  void linkage_treatsRunnableLibraryWithSonameAsLibrary() {
    ElfInfo libc =
        ElfReader.read(
            "libc.so.6",
            ElfBuilder.elf()
                .type(ElfInfo.ET_DYN)
                .interp("/lib64/ld.so")
                .soname("libc.so.6")
                .needed("ld-linux-x86-64.so.2")
                .build());
    assertEquals(Linkage.SHARED_LIBRARY, libc.linkage());
    ElfInfo pie =
        ElfReader.read(
            "app", ElfBuilder.elf().type(ElfInfo.ET_DYN).interp("/lib64/ld.so").pie().build());
    assertEquals(Linkage.DYNAMIC, pie.linkage());
  }

  @Test
  void read_classifiesStaticPie_byFlags1WithoutInterpreter() {
    ElfInfo info = ElfReader.read("x", ElfBuilder.elf().type(ElfInfo.ET_DYN).pie().build());
    assertEquals(Linkage.STATIC_PIE, info.linkage());
    assertTrue(info.isExecutable());
  }

  @Test
  void tryRead_returnsError_forEveryTruncation() {
    byte[] full =
        ElfBuilder.elf().interp("/lib64/ld-linux-x86-64.so.2").needed("libc.so.6").build();
    int errors = 0;
    for (int len = 0; len < full.length; len++) {
      ElfParse p = ElfReader.tryRead("cut", Arrays.copyOf(full, len));
      if (!p.ok()) {
        errors++;
        assertTrue(p.error().startsWith("Error parsing ELF 'cut': "), p.error());
      }
    }
    assertTrue(errors > full.length / 2, "most truncations are errors: " + errors);
    assertTrue(ElfReader.tryRead("full", full).ok());
  }

  @Test
  void tryRead_neverThrows_onCorruptBytes() {
    byte[] full =
        ElfBuilder.elf().interp("/lib/ld.so").needed("liba.so", "libb.so").runpath("/x").build();
    Random random = new Random(42);
    for (int i = 0; i < 5000; i++) {
      byte[] b = full.clone();
      for (int k = 0; k < 4; k++) {
        b[4 + random.nextInt(b.length - 4)] = (byte) random.nextInt(256);
      }
      ElfParse p = ElfReader.tryRead("fuzz", b);
      assertTrue(p.ok() != (p.error() != null));
    }
  }

  @Test
  void read_rejectsNonElfAndBadClass_withNamedError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ElfReader.read("/bin/sh", "#!/bin/sh\n".getBytes()));
    assertTrue(
        e.getMessage().contains("'/bin/sh'") && e.getMessage().contains("ELF magic"),
        e.getMessage());
    byte[] bad = ElfBuilder.elf().build();
    bad[4] = 9;
    assertFalse(ElfReader.tryRead("c", bad).ok());
    assertTrue(ElfReader.tryRead("c", bad).error().contains("EI_CLASS 9"));
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  /**
   * Reads the file with ElfReader and with readelf and asserts both agree on what the loader uses.
   */
  private static ElfInfo assertMatchesReadelf(Path file) throws Exception {
    String re = Toolchain.readelf(file);
    ElfInfo info = ElfReader.read(file.toString(), Files.readAllBytes(file));
    assertEquals(
        re.contains("Class:                             ELF64") ? 64 : 32, info.bits(), re);
    assertEquals(re.contains("big endian"), info.bigEndian());
    assertEquals(one(re, "Requesting program interpreter: ([^\\]]+)\\]"), info.interpreter());
    assertEquals(all(re, "(?m)^\\s+LOAD\\s").size(), info.loadSegments());
    assertEquals(re.contains("Dynamic section at offset"), info.hasDynamic());
    assertEquals(all(re, "\\(NEEDED\\)\\s+Shared library: \\[([^\\]]+)\\]"), info.needed());
    assertEquals(one(re, "\\(SONAME\\)\\s+Library soname: \\[([^\\]]+)\\]"), info.soname());
    assertEquals(
        split(one(re, "\\(RUNPATH\\)\\s+Library runpath: \\[([^\\]]+)\\]")), info.runpath());
    assertEquals(split(one(re, "\\(RPATH\\)\\s+Library rpath: \\[([^\\]]+)\\]")), info.rpath());
    String flags = one(re, "\\(FLAGS_1\\)\\s+Flags: (.*)");
    assertEquals(flags != null && flags.contains("PIE"), (info.flags1() & ElfInfo.DF_1_PIE) != 0);
    return info;
  }

  private static String one(String text, String regex) {
    List<String> found = all(text, regex);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<String> all(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.groupCount() > 0 ? m.group(1).trim() : m.group());
    }
    return out;
  }

  private static List<String> split(String s) {
    return s == null ? List.of() : List.of(s.split(":"));
  }

  @Test
  void read_reportsNoInterpreter_whenPtInterpHoldsNoPath() throws Exception {
    ElfInfo nul = ElfReader.read("x", ElfBuilder.elf().interp("").build());
    assertNull(nul.interpreter());
    assertEquals(Linkage.STATIC, nul.linkage());
    byte[] dyn = Files.readAllBytes(Toolchain.compile(dir, "interp0", Toolchain.HELLO, "gcc"));
    long h = programHeader(dyn, ElfReader.PT_INTERP);
    ByteBuffer.wrap(dyn).order(ByteOrder.LITTLE_ENDIAN).putLong((int) h + 32, 0); // p_filesz 0
    assertNull(ElfReader.read("interp0", dyn).interpreter());
  }

  @Test
  void read_failsInsteadOfReturningWrongNames_whenDtStrtabDisagreesWithTheSectionHeaders()
      throws Exception {
    byte[] elf = Files.readAllBytes(Toolchain.compile(dir, "strtab", Toolchain.HELLO, "gcc"));
    ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    long dyn = b.getLong((int) programHeader(elf, ElfReader.PT_DYNAMIC) + 8);
    for (int p = (int) dyn; b.getLong(p) != ElfReader.DT_NULL; p += 16) {
      if (b.getLong(p) == ElfReader.DT_STRTAB) {
        b.putLong(p + 8, b.getLong(p + 8) + 1); // names would lose their first letter: "ibc.so.6"
      }
    }
    ElfParse parse = ElfReader.tryRead("strtab", elf);
    assertFalse(parse.ok());
    assertTrue(
        parse.error().contains("DT_STRTAB at file offset") && parse.error().endsWith("corrupt"),
        parse.error());
  }

  @Test
  void read_failsForADebugInfoFile_whoseDynamicSectionIsNobits() throws Exception {
    Path bin = Toolchain.compile(dir, "dbg", Toolchain.HELLO, "gcc", "-g");
    Path debug = dir.resolve("dbg.debug");
    Toolchain.Result r =
        Toolchain.run(List.of("objcopy", "--only-keep-debug", bin.toString(), debug.toString()));
    Assumptions.assumeTrue(r.exit() == 0, r.output());
    ElfParse parse = ElfReader.tryRead("dbg.debug", Files.readAllBytes(debug));
    assertFalse(parse.ok());
    assertTrue(parse.error().contains("SHT_NOBITS"), parse.error());
  }

  /** The file offset of the first program header of {@code type} in a little-endian ELF64 file. */
  private static long programHeader(byte[] elf, long type) {
    ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    long phoff = b.getLong(32);
    for (int i = 0; i < (b.getShort(56) & 0xffff); i++) {
      long h = phoff + (long) i * (b.getShort(54) & 0xffff);
      if (b.getInt((int) h) == type) {
        return h;
      }
    }
    throw new AssertionError("no program header of type " + type);
  }
}
