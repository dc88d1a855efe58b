package io.splitcheck.diff;

import static io.splitcheck.diff.TarFixtures.Item.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedImageFilesTest {
  @TempDir Path dir;

  private Path save(String name, String stamp) throws Exception {
    byte[] base = TarFixtures.layer(List.of(file("etc/hostname", "box")));
    byte[] top = TarFixtures.layer(List.of(file("stamp", stamp)));
    Path p = dir.resolve(name);
    Files.write(p, TarFixtures.savedImage("t-" + stamp, List.of("ADD", "RUN"), List.of(base, top)));
    return p;
  }

  @Test
  void compare_readsOnlyTheLayersWhoseDiffIdsDiffer_andNamesTheFile() throws Exception {
    ImageComparison c = SavedImageFiles.compare(save("a.tar", "1"), save("b.tar", "2"));

    assertEquals(Verdict.CONTENT, c.verdict());
    assertEquals(List.of("/stamp"), c.differences().stream().map(Difference::path).toList());
    assertEquals(1, c.differences().get(0).layer());
  }

  @Test
  void read_leavesUnrequestedLayersUnparsed_butKeepsTheirDeclaredDiffIds() throws Exception {
    SavedImage image = SavedImageFiles.read(save("a.tar", "1"), Set.of(1));

    assertTrue(image.layers().get(0).entries().isEmpty());
    assertEquals(1, image.layers().get(1).entries().size());
    assertEquals(
        image.config().path("rootfs").path("diff_ids").get(0).asText(), image.diffIds().get(0));
  }

  @Test
  void verifyingReader_rejectsALayerWhoseBytesDoNotMatchTheDeclaredDiffId() throws Exception {
    byte[] archive = Files.readAllBytes(save("a.tar", "1"));
    byte[] forged =
        new String(archive, StandardCharsets.ISO_8859_1)
            .replaceFirst("sha256:[0-9a-f]{64}\"\\]", "sha256:" + "0".repeat(64) + "\"]")
            .getBytes(StandardCharsets.ISO_8859_1);
    IllegalArgumentException e =
        Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                new ImageArchiveReader(LayerContentVisitor.NONE, true)
                    .read(new ByteArrayInputStream(forged), "forged.tar"));
    assertTrue(e.getMessage().contains("but the config declares sha256:000"), e.getMessage());
  }
}
