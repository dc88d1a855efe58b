package io.splitcheck.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A saved image is data from a stranger: names, links and sizes are read, never trusted. */
class HostileArchiveTest {
  private static SavedImage read(byte[] layer) throws Exception {
    byte[] archive = TarFixtures.savedImage("t", List.of("RUN evil"), List.of(layer));
    return new ImageArchiveReader().read(new ByteArrayInputStream(archive), "hostile.tar");
  }

  /**
   * A 50 GiB file that is all holes but 5 bytes, written by GNU tar --sparse (10 KiB of tar).
   * Either it is summarised without expanding its holes, or — where commons-compress cannot parse
   * the header — the read fails at once with an error naming the layer; it never hangs hashing
   * zeros.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sparse-gnu.tar", "sparse-pax.tar"})
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // expanding the holes would take minutes
  void read_neverExpandsHugeSparseFiles(String fixture) throws Exception {
    byte[] layer = Files.readAllBytes(Path.of("src/test/resources/fixtures/hostile", fixture));
    try {
      FileEntry huge = read(layer).layers().get(0).entries().get(0);
      assertEquals("/huge", huge.path());
      assertEquals(50L * 1024 * 1024 * 1024 + 5, huge.size());
      assertTrue(huge.sha256().startsWith("sparse-"), huge.sha256());
    } catch (IOException e) {
      assertTrue(
          e.getMessage().startsWith("Error parsing layer 'layer0/layer.tar' of 'hostile.tar'"),
          e.getMessage());
    }
  }

  @Test
  void read_keepsLinksToOutsideAndLoopsAsData() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry hard = new TarArchiveEntry("escape", TarArchiveEntry.LF_LINK);
      hard.setLinkName("../../../etc/shadow");
      tar.putArchiveEntry(hard);
      tar.closeArchiveEntry();
      for (String[] loop : new String[][] {{"a", "b"}, {"b", "a"}}) {
        TarArchiveEntry sym = new TarArchiveEntry(loop[0], TarArchiveEntry.LF_SYMLINK);
        sym.setLinkName(loop[1]);
        tar.putArchiveEntry(sym);
        tar.closeArchiveEntry();
      }
    }
    List<FileEntry> entries = read(bytes.toByteArray()).layers().get(0).entries();

    assertEquals(EntryType.HARDLINK, entries.get(0).type());
    assertEquals(
        "/etc/shadow", entries.get(0).linkTarget()); // resolved inside the image, never on the host
    assertEquals(EntryType.SYMLINK, entries.get(1).type());
    assertEquals("b", entries.get(1).linkTarget());
  }

  @Test
  void read_acceptsNamesThatAreNotUtf8() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(bytes, StandardCharsets.ISO_8859_1.name())) {
      TarArchiveEntry e = new TarArchiveEntry("caf\u00e9-\u00ff");
      byte[] data = "x".getBytes(StandardCharsets.US_ASCII);
      e.setSize(data.length);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    List<FileEntry> entries = read(bytes.toByteArray()).layers().get(0).entries();

    assertEquals(1, entries.size());
    assertTrue(entries.get(0).path().startsWith("/caf"), entries.get(0).path());
  }
}
