package io.splitcheck.diff;

import static io.splitcheck.diff.TarFixtures.Item.dir;
import static io.splitcheck.diff.TarFixtures.Item.file;
import static io.splitcheck.diff.TarFixtures.Item.symlink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageArchiveReaderTest {
  private static SavedImage read(byte[] archive) throws Exception {
    return new ImageArchiveReader().read(new ByteArrayInputStream(archive), "test.tar");
  }

  @Test
  void read_ordersLayersByManifest_andComputesDiffIdsOfTheLayerTars() throws Exception {
    byte[] l0 = TarFixtures.layer(List.of(dir("etc/"), file("etc/os-release", "debian")));
    byte[] l1 = TarFixtures.layer(List.of(file("stamp", "123")));
    SavedImage image =
        read(
            TarFixtures.savedImage(
                "2024-01-01T00:00:00Z", List.of("ADD rootfs", "RUN date"), List.of(l0, l1)));

    assertEquals(
        List.of("sha256:" + TarFixtures.sha256(l0), "sha256:" + TarFixtures.sha256(l1)),
        image.diffIds());
    assertEquals(
        image.config().path("rootfs").path("diff_ids").get(1).asText(), image.diffIds().get(1));
    assertTrue(image.id().startsWith("sha256:"));
    assertEquals(List.of("t:1"), image.repoTags());
  }

  @Test
  void read_recordsContentDigestAndNormalisedPaths() throws Exception {
    byte[] l0 =
        TarFixtures.layer(
            List.of(dir("./usr/"), file("./usr/hello", "hi\n"), symlink("usr/link", "hello")));
    SavedImage image = read(TarFixtures.savedImage("t", List.of("COPY"), List.of(l0)));
    List<FileEntry> entries = image.layers().get(0).entries();

    assertEquals(
        List.of("/usr", "/usr/hello", "/usr/link"), entries.stream().map(FileEntry::path).toList());
    assertEquals(
        TarFixtures.sha256("hi\n".getBytes(StandardCharsets.UTF_8)), entries.get(1).sha256());
    assertEquals(EntryType.SYMLINK, entries.get(2).type());
    assertEquals("hello", entries.get(2).linkTarget());
    assertNull(entries.get(0).sha256());
  }

  @Test
  void read_recognisesWhiteoutsAndOpaqueDirectories() throws Exception {
    byte[] l0 =
        TarFixtures.layer(List.of(file("etc/.wh.secret", ""), file("var/cache/.wh..wh..opq", "")));
    SavedImage image = read(TarFixtures.savedImage("t", List.of("RUN rm"), List.of(l0)));
    List<FileEntry> entries = image.layers().get(0).entries();

    assertEquals(EntryType.WHITEOUT, entries.get(0).type());
    assertEquals("/etc/secret", entries.get(0).path());
    assertEquals(EntryType.OPAQUE_WHITEOUT, entries.get(1).type());
    assertEquals("/var/cache", entries.get(1).path());
  }

  @Test
  void read_keepsHostileNamesInsideTheImage() throws Exception {
    byte[] l0 = TarFixtures.layer(List.of(file("../../etc/evil", "x"), file("/abs/path", "y")));
    SavedImage image = read(TarFixtures.savedImage("t", List.of("RUN"), List.of(l0)));

    assertEquals(
        List.of("/etc/evil", "/abs/path"),
        image.layers().get(0).entries().stream().map(FileEntry::path).toList());
  }

  @Test
  void read_handsFileBytesToTheVisitor_andStillDigestsTheWholeFile() throws Exception {
    byte[] l0 = TarFixtures.layer(List.of(file("a", "abcdef"), file("b", "zz")));
    List<String> seen = new ArrayList<>();
    SavedImage image =
        new ImageArchiveReader(
                (key, entry, content) ->
                    seen.add(
                        entry.path()
                            + "="
                            + new String(content.readNBytes(2), StandardCharsets.UTF_8)))
            .read(
                new ByteArrayInputStream(TarFixtures.savedImage("t", List.of("COPY"), List.of(l0))),
                "t");

    assertEquals(List.of("/a=ab", "/b=zz"), seen);
    assertEquals(
        TarFixtures.sha256("abcdef".getBytes(StandardCharsets.UTF_8)),
        image.layers().get(0).entries().get(0).sha256());
  }

  @Test
  void read_rejectsAnArchiveWithoutManifest_namingTheSource() {
    byte[] notAnImage = TarFixtures.layer(List.of(file("hello", "x")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> read(notAnImage));
    assertTrue(e.getMessage().contains("test.tar"), e.getMessage());
    assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
  }
}
