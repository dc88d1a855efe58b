package io.splitcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.Prerequisite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ELF file under /usr/bin and /usr/lib/x86_64-linux-gnu read by {@link ElfReader} and by
 * {@code readelf -W -l -d}: the interpreter, NEEDED, SONAME, RPATH and RUNPATH must agree, and
 * where readelf cannot read a file ElfReader must say so rather than return names. Skipped without
 * readelf, failed instead under SPLITCHECK_REQUIRE_ENGINE=1.
 */
class SystemElfReadelfIT {
  private static final List<Path> ROOTS =
      List.of(Path.of("/usr/bin"), Path.of("/usr/lib/x86_64-linux-gnu"));
  private static final int BATCH = 100;

  @Test
  void everySystemElfFile_readsAsReadelfReadsIt() throws Exception {
    requireReadelf();
    List<Path> files = elfFiles();
    assertTrue(files.size() > 100, "expected ELF files under " + ROOTS + ", found " + files.size());
    List<String> disagree = new ArrayList<>();
    int agree = 0;
    for (int i = 0; i < files.size(); i += BATCH) {
      List<Path> batch = files.subList(i, Math.min(files.size(), i + BATCH));
      Map<Path, ReadelfFacts> theirs = ReadelfFacts.of(batch, readelf(batch));
      for (Path f : batch) {
        String mismatch = compare(f, theirs.get(f));
        if (mismatch == null) {
          agree++;
        } else {
          disagree.add(mismatch);
        }
      }
    }
    System.out.println(
        "ELF files under "
            + ROOTS
            + ": "
            + files.size()
            + " cases, "
            + agree
            + " agree with readelf");
    disagree.forEach(System.out::println);
    assertEquals(List.of(), disagree);
  }

  /**
   * Corrupt copies of a real program (one byte of its ELF header, program headers, dynamic section
   * or dynamic string table set to 00, ff or flipped; and every 64-byte truncation): ElfReader must
   * give readelf's names or an error, never other names.
   */
  @Test
  void corruptCopiesOfARealProgram_giveAnErrorOrReadelfsNames(@TempDir Path dir) throws Exception {
    requireReadelf();
    Path base =
        Stream.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/jar", "/usr/bin/true")
            .map(Path::of)
            .filter(Files::isRegularFile)
            .findFirst()
            .orElseThrow();
    byte[] original = Files.readAllBytes(base);
    List<Corruptions.Copy> copies = Corruptions.of(original);
    List<String> disagree = new ArrayList<>();
    int agree = 0;
    int errors = 0;
    for (int i = 0; i < copies.size(); i += BATCH) {
      List<Path> batch = new ArrayList<>();
      for (int k = i; k < Math.min(copies.size(), i + BATCH); k++) {
        Path f = dir.resolve("corrupt-" + k + " " + copies.get(k).what());
        Files.write(f, copies.get(k).bytes());
        batch.add(f);
      }
      Map<Path, ReadelfFacts> theirs = ReadelfFacts.of(batch, readelf(batch));
      for (Path f : batch) {
        String mismatch = compare(f, theirs.get(f));
        if (mismatch == null) {
          agree++;
        } else if (mismatch.contains(": ElfReader fails (")) {
          errors++;
        } else {
          disagree.add(mismatch);
        }
        Files.delete(f);
      }
    }
    System.out.println(
        "corrupt copies of "
            + base
            + ": "
            + copies.size()
            + " cases, "
            + agree
            + " agree with readelf, "
            + errors
            + " an ElfReader error where readelf still reads names, "
            + disagree.size()
            + " other names");
    disagree.forEach(System.out::println);
    assertEquals(List.of(), disagree);
  }

  private static String compare(Path file, ReadelfFacts theirs) throws IOException {
    ElfParse ours = ElfReader.tryRead(file.toString(), Files.readAllBytes(file));
    if (theirs == null || !theirs.readable()) {
      return ours.ok() && !ours.info().needed().isEmpty()
          ? file + ": readelf cannot read it, ElfReader returns " + ours.info().needed()
          : null;
    }
    if (!ours.ok()) {
      return theirs.names().isEmpty()
          ? null
          : file + ": ElfReader fails (" + ours.error() + "), readelf reads " + theirs.names();
    }
    ElfInfo i = ours.info();
    ReadelfFacts mine =
        new ReadelfFacts(true, i.interpreter(), i.needed(), i.soname(), i.rpath(), i.runpath());
    return mine.equals(theirs) ? null : file + ":\n  readelf  " + theirs + "\n  ElfReader " + mine;
  }

  private static List<Path> elfFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path root : ROOTS) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p :
            s.filter(Files::isRegularFile)
                .filter(p -> !Files.isSymbolicLink(p))
                .sorted()
                .toList()) {
          if (isElf(p)) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }

  private static boolean isElf(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      return ElfReader.isElf(in.readNBytes(4));
    } catch (IOException e) {
      return false;
    }
  }

  private static void requireReadelf() throws Exception {
    boolean present;
    try {
      present = run(List.of("readelf", "--version")).startsWith("GNU readelf");
    } catch (IOException e) {
      present = false;
    }
    Prerequisite.require(present, "readelf is missing (apt-get install binutils)");
  }

  private static String readelf(List<Path> files) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("readelf", "-W", "-l", "-d"));
    files.forEach(f -> cmd.add(f.toString()));
    return run(cmd);
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + cmd);
    }
    return out;
  }

  /** What readelf says of one file (readable false: it printed an error and no program headers). */
  record ReadelfFacts(
      boolean readable,
      String interpreter,
      List<String> needed,
      String soname,
      List<String> rpath,
      List<String> runpath) {
    List<String> names() {
      List<String> all = new ArrayList<>(needed);
      all.addAll(rpath);
      all.addAll(runpath);
      if (soname != null) {
        all.add(soname);
      }
      return all;
    }

    static Map<Path, ReadelfFacts> of(List<Path> files, String output) {
      Map<Path, ReadelfFacts> out = new LinkedHashMap<>();
      Map<String, List<String>> sections = new LinkedHashMap<>();
      String current = files.size() == 1 ? files.get(0).toString() : null;
      List<String> lines = new ArrayList<>();
      for (String line : output.split("\n", -1)) {
        if (files.size() > 1 && line.startsWith("File: ")) {
          if (current != null) {
            sections.put(current, lines);
          }
          current = line.substring(6).strip();
          lines = new ArrayList<>();
        } else {
          lines.add(line);
        }
      }
      if (current != null) {
        sections.put(current, lines);
      }
      for (Path f : files) {
        List<String> l = sections.get(f.toString());
        out.put(f, l == null ? null : parse(l));
      }
      return out;
    }

    private static ReadelfFacts parse(List<String> lines) {
      String interp = null;
      String soname = null;
      List<String> needed = new ArrayList<>();
      List<String> rpath = new ArrayList<>();
      List<String> runpath = new ArrayList<>();
      boolean headers = false;
      for (String l : lines) {
        headers |= l.contains("Program Headers:") || l.contains("There are no program headers");
        if (l.contains("[Requesting program interpreter: ")) {
          interp = between(l, "[Requesting program interpreter: ");
        } else if (l.contains("(NEEDED)")) {
          needed.add(between(l, "Shared library: ["));
        } else if (l.contains("(SONAME)")) {
          soname = between(l, "Library soname: [");
        } else if (l.contains("(RPATH)")) {
          rpath.addAll(split(between(l, "Library rpath: [")));
        } else if (l.contains("(RUNPATH)")) {
          runpath.addAll(split(between(l, "Library runpath: [")));
        }
      }
      // readelf prints "[Requesting program interpreter: ]" for a PT_INTERP at a NUL byte: no file
      // is named
      return new ReadelfFacts(
          headers, "".equals(interp) ? null : interp, needed, soname, rpath, runpath);
    }

    private static String between(String line, String open) {
      int a = line.indexOf(open);
      int b = line.lastIndexOf(']');
      return a < 0 || b < a ? "" : line.substring(a + open.length(), b);
    }

    private static List<String> split(String path) {
      return Stream.of(path.split(":")).filter(s -> !s.isEmpty()).toList();
    }
  }
}
