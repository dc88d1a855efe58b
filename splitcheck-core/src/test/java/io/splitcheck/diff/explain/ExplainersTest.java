package io.splitcheck.diff.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each explainer on files the test makes, with the real tools where they are the real material. */
class ExplainersTest {
  @TempDir Path dir;

  private String run(Path cwd, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    return out;
  }

  private Path sub(String name) throws Exception {
    return Files.createDirectories(dir.resolve(name));
  }

  private static String text(Explanation e) {
    return e.format() + " " + e.evidence() + "\n" + String.join("\n", e.lines());
  }

  @Test
  void gzip_withoutDashN_namesTheHeaderMtimeAndName_andSaysTheDataIsEqual() throws Exception {
    byte[][] built = new byte[2][];
    for (int i = 0; i < 2; i++) {
      Path d = sub("gz" + i);
      Path f = Files.writeString(d.resolve("changelog"), "same words\n".repeat(50));
      Files.setLastModifiedTime(
          f, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + i * 86_400)));
      run(d, "gzip", "-9", "changelog");
      built[i] = Files.readAllBytes(d.resolve("changelog.gz"));
    }
    Explanation e = Explainers.explain("/usr/share/doc/x/changelog.gz", built[0], built[1]);
    assertEquals("gzip", e.format(), text(e));
    assertTrue(e.evidence().containsAll(List.of("gzip-mtime", "gzip-no-n")), text(e));
    assertTrue(text(e).contains("header MTIME: 1700000000"), text(e));
    assertTrue(text(e).contains("decompressed data is equal"), text(e));
  }

  @Test
  void gzip_ofOtherText_explainsTheDecompressedText() throws Exception {
    byte[][] built = new byte[2][];
    for (int i = 0; i < 2; i++) {
      Path d = sub("gzt" + i);
      Files.writeString(d.resolve("f"), "a\nb\nbuilt " + i + "\nc\n");
      run(d, "gzip", "-n", "f");
      built[i] = Files.readAllBytes(d.resolve("f.gz"));
    }
    Explanation e = Explainers.explain("/f.gz", built[0], built[1]);
    assertTrue(e.evidence().contains("text") && !e.evidence().contains("gzip-mtime"), text(e));
    assertTrue(text(e).contains("-built 0") && text(e).contains("+built 1"), text(e));
  }

  private static byte[] zip(List<String> names, long time, boolean extendedTime) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String n : names) {
        ZipEntry e = new ZipEntry(n);
        if (extendedTime) {
          e.setLastModifiedTime(
              FileTime.fromMillis(time)); // writes the extended-timestamp extra field
        } else {
          e.setTime(time);
        }
        zip.putNextEntry(e);
        zip.write(("content of " + n).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void zip_namesEntryTimesOrderAndExtraFields() throws Exception {
    long t = Instant.parse("2024-01-01T10:00:00Z").toEpochMilli();
    byte[] a = zip(List.of("META-INF/MANIFEST.MF", "a/A.class", "b/B.class"), t, true);
    byte[] b = zip(List.of("META-INF/MANIFEST.MF", "b/B.class", "a/A.class"), t + 3_600_000, true);
    Explanation e = Explainers.explain("/app.jar", a, b);
    assertEquals("zip", e.format());
    assertTrue(
        e.evidence().containsAll(List.of("zip-entry-times", "zip-extra-fields", "zip-order")),
        text(e));
    assertTrue(!e.evidence().contains("zip-content"), text(e));
    assertTrue(
        text(e).contains("entry order differs from entry 1: a/A.class vs b/B.class"), text(e));
  }

  @Test
  void pyc_timestampBased_namesTheSourceMtime_andTheSameCodeObject() throws Exception {
    byte[][] built = new byte[2][];
    for (int i = 0; i < 2; i++) {
      Path d = sub("py" + i);
      Path src = Files.writeString(d.resolve("m.py"), "def f():\n    return 42\n");
      Files.setLastModifiedTime(src, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + i)));
      run(d, "python3", "-m", "py_compile", "m.py");
      try (var files = Files.walk(d)) {
        built[i] =
            Files.readAllBytes(
                files.filter(p -> p.toString().endsWith(".pyc")).findFirst().orElseThrow());
      }
    }
    Explanation e = Explainers.explain("/app/__pycache__/m.cpython-311.pyc", built[0], built[1]);
    assertEquals("pyc", e.format(), text(e));
    assertTrue(
        e.evidence()
            .containsAll(List.of("pyc-timestamp-based", "pyc-source-mtime", "pyc-header-only")),
        text(e));
    assertTrue(text(e).contains("source mtime: 1700000000"), text(e));
  }

  @Test
  void pyc_hashBased_isToldApartFromTimestampBased() throws Exception {
    Path d = sub("pyh");
    Files.writeString(d.resolve("m.py"), "X = 1\n");
    run(
        d,
        "python3",
        "-c",
        "import py_compile; py_compile.compile('m.py', cfile='ts.pyc');"
            + " py_compile.compile('m.py', cfile='h.pyc', invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)");
    Explanation e =
        Explainers.explain(
            "/m.pyc",
            Files.readAllBytes(d.resolve("ts.pyc")),
            Files.readAllBytes(d.resolve("h.pyc")));
    assertTrue(
        text(e).contains("timestamp-based (flags 0) -> hash-based, unchecked (flags 1)"), text(e));
  }

  @Test
  void tarInsideAFile_listsTheEntriesThatDiffer() throws Exception {
    byte[][] built = new byte[2][];
    for (int i = 0; i < 2; i++) {
      Path d = sub("tar" + i);
      Files.createDirectories(d.resolve("src"));
      Files.writeString(d.resolve("src/same"), "same\n");
      Files.writeString(d.resolve("src/stamp"), "built " + i + "\n");
      run(d, "tar", "--mtime=@" + (1_700_000_000L + i), "-cf", "out.tar", "src");
      built[i] = Files.readAllBytes(d.resolve("out.tar"));
    }
    Explanation e = Explainers.explain("/opt/out.tar", built[0], built[1]);
    assertEquals("tar", e.format(), text(e));
    assertTrue(text(e).contains("/src/stamp [content,mtime]"), text(e));
    assertTrue(e.evidence().containsAll(List.of("tar-content", "tar-mtime")), text(e));
  }

  @Test
  void ar_namesTheMemberHeaderMtimes_andExplainsADifferingMember() throws Exception {
    byte[][] built = new byte[2][];
    for (int i = 0; i < 2; i++) {
      Path d = sub("ar" + i);
      Files.writeString(d.resolve("debian-binary"), "2.0\n");
      Files.writeString(d.resolve("control"), "Package: x\nVersion: 1." + i + "\n");
      Files.setLastModifiedTime(
          d.resolve("control"), FileTime.from(Instant.ofEpochSecond(1_700_000_000L + i)));
      run(
          d,
          "ar",
          "rcU",
          "x.deb",
          "debian-binary",
          "control"); // U: real mtimes, as dpkg-deb's ar writes them
      built[i] = Files.readAllBytes(d.resolve("x.deb"));
    }
    Explanation e = Explainers.explain("/var/cache/x.deb", built[0], built[1]);
    assertEquals("ar", e.format(), text(e));
    assertTrue(e.evidence().containsAll(List.of("ar-mtime", "ar-content", "text")), text(e));
    assertTrue(text(e).contains("-Version: 1.0") && text(e).contains("+Version: 1.1"), text(e));
  }

  @Test
  void shadow_namesLastchgAsADate_andTheSaltNotTheHash() {
    byte[] a =
        "root:*:19700:0:99999:7:::\nbob:$6$saltA$hashA:19700:0:99999:7:::\n"
            .getBytes(StandardCharsets.UTF_8);
    byte[] b =
        "root:*:19700:0:99999:7:::\nbob:$6$saltB$hashB:19701:0:99999:7:::\n"
            .getBytes(StandardCharsets.UTF_8);
    Explanation e = Explainers.explain("/etc/shadow", a, b);
    assertEquals("shadow", e.format());
    assertTrue(text(e).contains("bob: lastchg 19700 (2023-12-09) -> 19701 (2023-12-10)"), text(e));
    assertTrue(
        text(e).contains("$6$ salt saltA -> $6$ salt saltB") && !text(e).contains("hashA"),
        text(e));
    assertTrue(e.evidence().containsAll(List.of("shadow-lastchg", "shadow-salt")), text(e));
  }

  @Test
  void passwd_namesTheFieldThatDiffers() {
    byte[] a = "app:x:999:999::/home/app:/bin/sh\n".getBytes(StandardCharsets.UTF_8);
    byte[] b = "app:x:998:998::/home/app:/bin/sh\n".getBytes(StandardCharsets.UTF_8);
    Explanation e = Explainers.explain("/etc/passwd", a, b);
    assertTrue(
        text(e).contains("app: uid 999 -> 998") && text(e).contains("app: gid 999 -> 998"),
        text(e));
  }

  @Test
  void text_givesAUnifiedDiffExcerpt() {
    String common = "line\n".repeat(20);
    Explanation e =
        Explainers.explain(
            "/etc/app.conf",
            (common + "built=1\n" + common).getBytes(StandardCharsets.UTF_8),
            (common + "built=2\n" + common).getBytes(StandardCharsets.UTF_8));
    assertEquals("text", e.format());
    assertTrue(e.lines().contains("-built=1") && e.lines().contains("+built=2"), text(e));
    assertTrue(e.lines().size() < 12, "bounded to the hunk and its context: " + text(e));
  }

  @Test
  void binary_givesTheFirstDifferingOffsetAndAHexWindow() {
    byte[] a = new byte[64];
    byte[] b = new byte[64];
    b[40] = (byte) 0xab;
    Explanation e = Explainers.explain("/blob", a, b);
    assertEquals("binary", e.format());
    assertTrue(
        text(e).contains("first difference at offset 40 (0x28); 1 of 64 bytes differ"), text(e));
    assertTrue(text(e).contains("00 00 00 00 ab"), text(e));
  }

  @Test
  void elf_namesTheBuildIdAndCommentSections() throws Exception {
    byte[][] built = new byte[2][];
    for (int i = 0; i < 2; i++) {
      Path d = sub("elf" + i);
      Files.writeString(d.resolve("p.c"), "int main(void){return 0;}\n");
      run(d, "gcc", "-O1", "-Wl,--build-id=0x" + (i == 0 ? "aaaa" : "bbbb"), "-o", "p", "p.c");
      built[i] = Files.readAllBytes(d.resolve("p"));
    }
    Explanation e = Explainers.explain("/usr/bin/p", built[0], built[1]);
    assertEquals("elf", e.format(), text(e));
    assertTrue(text(e).contains(".note.gnu.build-id: build-id aaaa -> bbbb"), text(e));
    assertEquals(List.of("elf-build-id"), e.evidence(), text(e));
  }

  @Test
  void explanations_areBounded() {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      a.append("a").append(i).append('\n');
      b.append("b").append(i).append("x".repeat(500)).append('\n');
    }
    Explanation e =
        Explainers.explain(
            "/big.txt",
            a.toString().getBytes(StandardCharsets.UTF_8),
            b.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(Explainers.MAX_LINES, e.lines().size());
    assertTrue(e.lines().stream().allMatch(l -> l.length() <= Explainers.MAX_LINE));
  }
}
