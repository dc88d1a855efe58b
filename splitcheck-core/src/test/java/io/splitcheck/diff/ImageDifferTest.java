package io.splitcheck.diff;

import static io.splitcheck.diff.TarFixtures.Item.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDifferTest {
  private static final List<String> STEPS =
      List.of("ADD rootfs / # buildkit", "RUN date > /stamp # buildkit");

  private static SavedImage image(String created, List<TarFixtures.Item> top) throws Exception {
    byte[] base = TarFixtures.layer(List.of(file("etc/hostname", "box")));
    byte[] archive = TarFixtures.savedImage(created, STEPS, List.of(base, TarFixtures.layer(top)));
    return new ImageArchiveReader().read(new ByteArrayInputStream(archive), created);
  }

  @Test
  void compare_saysReproducible_forTheSameImage() throws Exception {
    SavedImage a = image("2024-01-01T00:00:00Z", List.of(file("stamp", "1")));
    ImageComparison c =
        new ImageDiffer().compare(a, image("2024-01-01T00:00:00Z", List.of(file("stamp", "1"))));
    assertEquals(Verdict.REPRODUCIBLE, c.verdict());
    assertTrue(c.differences().isEmpty());
    assertTrue(c.configDifferences().isEmpty());
  }

  @Test
  void compare_saysConfigOnly_whenLayersAreEqualAndTimestampsDiffer() throws Exception {
    ImageComparison c =
        new ImageDiffer()
            .compare(
                image("2024-01-01T00:00:00Z", List.of(file("stamp", "1"))),
                image("2024-01-02T00:00:00Z", List.of(file("stamp", "1"))));
    assertEquals(Verdict.CONFIG_ONLY, c.verdict());
    assertEquals(
        List.of("$.created", "$.history[0].created", "$.history[1].created"),
        c.configDifferences());
    assertTrue(c.configTimestampsOnly());
    assertTrue(c.differences().isEmpty());
  }

  @Test
  void compare_saysContent_andAttributesThePathToItsStep() throws Exception {
    ImageComparison c =
        new ImageDiffer()
            .compare(
                image("a", List.of(file("stamp", "1"))), image("b", List.of(file("stamp", "2"))));
    assertEquals(Verdict.CONTENT, c.verdict());
    Difference d = c.differences().get(0);
    assertEquals(1, d.layer());
    assertEquals("/stamp", d.path());
    assertEquals(List.of(DiffKind.CONTENT), d.kinds());
    assertEquals("RUN date > /stamp # buildkit", d.step());
    assertFalse(c.configTimestampsOnly());
  }

  @Test
  void compare_saysMtimeOnly_whenOnlyTimesDiffer() throws Exception {
    ImageComparison c =
        new ImageDiffer()
            .compare(
                image("a", List.of(file("stamp", "1"))),
                image(
                    "a",
                    List.of(file("stamp", "1").withMtime(Instant.parse("2030-01-01T00:00:00Z")))));
    assertEquals(Verdict.MTIME_ONLY, c.verdict());
  }

  @Test
  void compare_saysMetadata_whenModesDifferButBytesAreEqual() throws Exception {
    ImageComparison c =
        new ImageDiffer()
            .compare(
                image("a", List.of(file("stamp", "1"))),
                image(
                    "a",
                    List.of(
                        file("stamp", "1")
                            .withMode(0600)
                            .withMtime(Instant.parse("2030-01-01T00:00:00Z")))));
    assertEquals(Verdict.METADATA, c.verdict());
    assertEquals(List.of(DiffKind.MODE, DiffKind.MTIME), c.differences().get(0).kinds());
  }
}
