package io.splitcheck.diff;

import static io.splitcheck.diff.TarFixtures.Item.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.model.FileEntry;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayerDifferTest {
  private static List<FileEntry> entries(List<TarFixtures.Item> items) throws Exception {
    byte[] archive = TarFixtures.savedImage("t", List.of("RUN"), List.of(TarFixtures.layer(items)));
    return new ImageArchiveReader()
        .read(new ByteArrayInputStream(archive), "t")
        .layers()
        .get(0)
        .entries();
  }

  private static List<LayerDiffer.EntryDifference> diff(
      List<TarFixtures.Item> a, List<TarFixtures.Item> b) throws Exception {
    return new LayerDiffer().diff(entries(a), entries(b));
  }

  @Test
  void diff_reportsOnlyMtimeChange_whenContentIsEqual() throws Exception {
    var d =
        diff(
            List.of(file("stamp", "x")),
            List.of(file("stamp", "x").withMtime(Instant.parse("2025-01-01T00:00:00Z"))));
    assertEquals(1, d.size());
    assertEquals(Set.of(DiffKind.MTIME), d.get(0).kinds());
    assertTrue(d.get(0).detail().contains("2025-01-01"), d.get(0).detail());
  }

  @Test
  void diff_reportsContent_whenBytesDifferWithEqualSize() throws Exception {
    var d = diff(List.of(file("stamp", "111")), List.of(file("stamp", "222")));
    assertEquals(Set.of(DiffKind.CONTENT), d.get(0).kinds());
    assertEquals("/stamp", d.get(0).path());
  }

  @Test
  void diff_reportsModeOwnerAndXattrsSeparately() throws Exception {
    var d =
        diff(
            List.of(file("a", "x"), file("b", "x"), file("c", "x")),
            List.of(
                file("a", "x").withMode(0755),
                file("b", "x").withOwner(1000, 1000),
                file("c", "x").withXattr("user.build", "2")));
    assertEquals(
        List.of(Set.of(DiffKind.MODE), Set.of(DiffKind.OWNER), Set.of(DiffKind.XATTRS)),
        d.stream().map(LayerDiffer.EntryDifference::kinds).toList());
  }

  @Test
  void diff_reportsAddedRemovedTypeAndLink() throws Exception {
    var d =
        diff(
            List.of(file("gone", "x"), file("f", "x"), TarFixtures.Item.symlink("l", "a")),
            List.of(
                file("new", "x"), TarFixtures.Item.dir("f/"), TarFixtures.Item.symlink("l", "b")));
    assertEquals(
        List.of("/f", "/gone", "/l", "/new"),
        d.stream().map(LayerDiffer.EntryDifference::path).toList());
    assertEquals(Set.of(DiffKind.TYPE), d.get(0).kinds());
    assertEquals(Set.of(DiffKind.REMOVED), d.get(1).kinds());
    assertEquals(Set.of(DiffKind.LINK), d.get(2).kinds());
    assertEquals(Set.of(DiffKind.ADDED), d.get(3).kinds());
  }

  @Test
  void diff_reportsOrder_forTheEntryThatMoved() throws Exception {
    var d =
        diff(
            List.of(file("a", "1"), file("b", "2"), file("c", "3"), file("d", "4")),
            List.of(file("a", "1"), file("c", "3"), file("d", "4"), file("b", "2")));
    assertEquals(1, d.size());
    assertEquals("/b", d.get(0).path());
    assertEquals(Set.of(DiffKind.ORDER), d.get(0).kinds());
  }

  @Test
  void diff_comparesWhiteoutsAsEntries() throws Exception {
    var d = diff(List.of(file("etc/.wh.passwd-", "")), List.of());
    assertEquals("/etc/passwd-", d.get(0).path());
    assertEquals(Set.of(DiffKind.REMOVED), d.get(0).kinds());
    assertTrue(d.get(0).detail().contains("whiteout"), d.get(0).detail());
  }

  @Test
  void diff_handlesAHundredThousandEntryLayer_namingTheOneThatDiffers() throws Exception {
    List<TarFixtures.Item> a = new ArrayList<>();
    List<TarFixtures.Item> b = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      String name = "data/f" + i;
      a.add(file(name, "v" + i));
      b.add(file(name, i == 54_321 ? "changed" : "v" + i));
    }
    var d = diff(a, b);
    assertEquals(1, d.size());
    assertEquals("/data/f54321", d.get(0).path());
    assertEquals(Set.of(DiffKind.CONTENT), d.get(0).kinds());
  }
}
