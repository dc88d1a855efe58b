package io.splitcheck.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.audit.AuditInput;
import io.splitcheck.audit.AuditReport;
import io.splitcheck.audit.Auditor;
import io.splitcheck.audit.ImageView;
import io.splitcheck.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile saved image end to end: {@code splitcheck diff a.tar b.tar} and the auditor read layers
 * whose members are named {@code ../..}, absolute, with control characters, hard-linked to the
 * host's {@code /etc/shadow}, symlinked in a loop and through a link to outside, and 100,000
 * entries; they read it all as data and write nothing but their report, in the report folder.
 */
class HostileImageTest {
  private static final int MANY = 100_000;

  @TempDir Path tmp;

  private static byte[] hostileLayer(String marker, String absolute) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      file(tar, "../../escape-rel", marker);
      file(tar, "./../../../escape-dot", marker);
      file(tar, absolute, marker);
      file(tar, "ctl\u0001\u007f<script>alert(1)</script>", marker);
      link(tar, "hard", TarArchiveEntry.LF_LINK, "../../../etc/shadow");
      link(tar, "loop-a", TarArchiveEntry.LF_SYMLINK, "loop-b");
      link(tar, "loop-b", TarArchiveEntry.LF_SYMLINK, "loop-a");
      link(tar, "up", TarArchiveEntry.LF_SYMLINK, "../../..");
      file(tar, "up/through-link", marker);
      for (int i = 0; i < MANY; i++) {
        tar.putArchiveEntry(new TarArchiveEntry(String.format("many/f%06d", i)));
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void file(TarArchiveOutputStream tar, String name, String content)
      throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, true); // preserve ../ and leading /
    e.setSize(data.length);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private static void link(TarArchiveOutputStream tar, String name, byte type, String target)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setLinkName(target);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private static Set<String> snapshot(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return new TreeSet<>(files.map(Path::toString).toList());
    }
  }

  @Test
  void diffAndAudit_writeOnlyTheirReport_whenImageNamesPointOutside() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("a/b/work"));
    Path reportDir = Files.createDirectories(work.resolve("report"));
    String absolute =
        "/splitcheck-hostile-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    Path a = work.resolve("a.tar");
    Path b = work.resolve("b.tar");
    Files.write(
        a,
        TarFixtures.savedImage(
            "2024-01-01T00:00:00Z", List.of("RUN evil"), List.of(hostileLayer("one", absolute))));
    Files.write(
        b,
        TarFixtures.savedImage(
            "2024-01-01T00:00:00Z", List.of("RUN evil"), List.of(hostileLayer("two", absolute))));
    Set<String> before = snapshot(tmp);
    Set<String> cwdBefore = snapshot(Path.of("").toAbsolutePath());

    Cli.Result diff =
        Cli.run(
            "diff",
            a.toString(),
            b.toString(),
            "--json",
            reportDir.resolve("diff.json").toString());
    AuditReport audit;
    try (InputStream in = Files.newInputStream(a)) {
      audit = new Auditor().audit(AuditInput.of(ImageView.read(in, a.toString())));
    }
    try (OutputStream out = Files.newOutputStream(reportDir.resolve("audit.json"))) {
      audit.writeJson(out);
    }

    assertEquals(1, diff.exitCode(), diff.err()); // the contents differ: read as data, compared
    String json = Files.readString(reportDir.resolve("diff.json"));
    assertTrue(json.contains("escape-rel"), "the ../ member is listed as data");
    Set<String> after = snapshot(tmp);
    after.removeAll(before);
    assertEquals(
        new TreeSet<>(
            List.of(
                reportDir.resolve("audit.json").toString(),
                reportDir.resolve("diff.json").toString())),
        after);
    assertEquals(cwdBefore, snapshot(Path.of("").toAbsolutePath()));
    assertFalse(Files.exists(Path.of(absolute)), "absolute member written to the host");
    for (String escaped : List.of("escape-rel", "escape-dot", "through-link")) {
      assertFalse(
          Files.exists(tmp.resolve(escaped))
              || Files.exists(tmp.resolve("a").resolve(escaped))
              || Files.exists(Path.of("/").resolve(escaped))
              || Files.exists(Path.of("/tmp").resolve(escaped)),
          escaped + " written outside");
    }
    System.out.println(
        "FIGURE hostile: diff exit "
            + diff.exitCode()
            + ", audit "
            + audit.findings().size()
            + " finding(s), "
            + (MANY + 9)
            + " entries per layer, files written outside the report folder: 0");
  }
}
