package io.splitcheck.diff;

import static io.splitcheck.diff.TarFixtures.Item.dir;
import static io.splitcheck.diff.TarFixtures.Item.file;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.diff.TarFixtures.Item;
import io.splitcheck.model.FileEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedLayerReaderTest {
  @TempDir Path dir;

  private static PairedLayerReader.Pair read(List<Item> a, List<Item> b) throws Exception {
    return PairedLayerReader.read(
        "a",
        new ByteArrayInputStream(TarFixtures.layer(a)),
        "b",
        new ByteArrayInputStream(TarFixtures.layer(b)));
  }

  private static String digest(LayerSummary layer, String path) {
    return layer.entries().stream()
        .filter(e -> e.path().equals(path))
        .map(FileEntry::sha256)
        .findFirst()
        .orElseThrow();
  }

  private static String sha256(String content) {
    return TarFixtures.sha256(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void read_comparesFilesOfManyChunks_toTheirLastByte_andHashesThoseOutOfStepWhole()
      throws Exception {
    String big = "x".repeat(2 * 65536); // two chunks exactly
    String odd = "y".repeat(200_000); // three and a bit
    String oddLast = odd.substring(0, odd.length() - 1) + "z";
    PairedLayerReader.Pair p =
        read(
            List.of(file("big", big), file("odd", odd), file("only-a", odd)),
            List.of(file("big", big), file("odd", oddLast), file("only-b", big)));

    assertEquals(PairedLayerReader.EQUAL, digest(p.first(), "/big"));
    assertEquals(Set.of(1), p.rehashFirst(), "the last byte of the fourth chunk differs");
    assertEquals(sha256(odd), digest(p.first(), "/only-a"));
    assertEquals(sha256(big), digest(p.second(), "/only-b"));
  }

  @Test
  void read_ofALayerCutInsideAFile_isAnError() throws Exception {
    byte[] whole = TarFixtures.layer(List.of(file("a", "q".repeat(300_000))));
    byte[] cut = java.util.Arrays.copyOf(whole, 512 + 100_000);

    java.io.IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.io.IOException.class,
            () ->
                PairedLayerReader.read(
                    "a", new ByteArrayInputStream(cut), "b", new ByteArrayInputStream(whole)));

    assertEquals("Truncated TAR archive", e.getMessage());
  }

  @Test
  void read_marksEqualFilesInStep_withoutHashingThem() throws Exception {
    PairedLayerReader.Pair p =
        read(
            List.of(dir("etc"), file("etc/a", "same")), List.of(dir("etc"), file("etc/a", "same")));

    assertEquals(PairedLayerReader.EQUAL, digest(p.first(), "/etc/a"));
    assertEquals(PairedLayerReader.EQUAL, digest(p.second(), "/etc/a"));
    assertEquals(Set.of(), p.rehashFirst());
  }

  @Test
  void read_listsSameSizeFilesWithOtherBytes_forTheSecondPassToHash() throws Exception {
    List<Item> a = List.of(file("x", "1111"), file("stamp", "aaaa"));
    List<Item> b = List.of(file("x", "1111"), file("stamp", "bbbb"));
    PairedLayerReader.Pair p = read(a, b);

    assertEquals(Set.of(1), p.rehashFirst());
    assertEquals(Set.of(1), p.rehashSecond());
    Map<Integer, String> hashed =
        PairedLayerReader.hash(new ByteArrayInputStream(TarFixtures.layer(b)), p.rehashSecond());
    assertEquals(Map.of(1, sha256("bbbb")), hashed);
    assertEquals(
        sha256("bbbb"), digest(PairedLayerReader.withDigests(p.second(), hashed), "/stamp"));
  }

  @Test
  void read_hashesEntriesOutOfStep_asTheSingleReaderDoes() throws Exception {
    List<Item> a = List.of(file("one", "1"), file("two", "22"));
    List<Item> b = List.of(file("two", "22"), file("one", "1"), file("three", "333"));
    PairedLayerReader.Pair p = read(a, b);

    assertEquals(sha256("1"), digest(p.first(), "/one"));
    assertEquals(sha256("22"), digest(p.second(), "/two"));
    assertEquals(sha256("333"), digest(p.second(), "/three"));
    LayerSummary single =
        new ImageArchiveReader()
            .readLayer("b", "b", new ByteArrayInputStream(TarFixtures.layer(b)));
    assertEquals(single.entries(), p.second().entries());
    assertEquals(single.tarBytes(), p.second().tarBytes());
  }

  private Path save(String name, List<Item> top) throws Exception {
    byte[] base = TarFixtures.layer(List.of(file("etc/hostname", "box")));
    Path p = dir.resolve(name);
    Files.write(
        p,
        TarFixtures.savedImage(
            "t-" + name, List.of("ADD", "RUN"), List.of(base, TarFixtures.layer(top))));
    return p;
  }

  /**
   * Same-size change, size change, removal, addition, mode, mtime and order: one differing layer.
   */
  @Test
  void compare_namesTheSamePathsAndDetails_asHashingEveryFile() throws Exception {
    List<Item> a =
        List.of(
            dir("d"),
            file("d/same", "x".repeat(200_000)),
            file("d/stamp", "1111"),
            file("d/grows", "1"),
            file("d/gone", "g"),
            file("d/mode", "m"),
            file("d/late", "l"),
            file("d/early", "e"));
    List<Item> b =
        List.of(
            dir("d"),
            file("d/same", "x".repeat(200_000)),
            file("d/stamp", "2222"),
            file("d/grows", "12"),
            file("d/mode", "m").withMode(0600),
            file("d/early", "e"),
            file("d/late", "l").withMtime(TarFixtures.T0.plusSeconds(5)),
            file("d/new", "n"));
    Path pa = save("a.tar", a);
    Path pb = save("b.tar", b);

    ImageComparison paired = SavedImageFiles.compare(pa, pb);
    ImageComparison hashed = SavedImageFiles.compareHashingEach(pa, pb);

    assertEquals(hashed, paired);
    assertEquals(
        List.of("/d/gone", "/d/grows", "/d/late", "/d/mode", "/d/new", "/d/stamp"),
        paired.differences().stream().map(Difference::path).sorted().toList());
  }

  @Test
  void compare_readsALayerOnlyOneImageHas_whole() throws Exception {
    byte[] base = TarFixtures.layer(List.of(file("etc/hostname", "box")));
    Path pa = dir.resolve("one.tar");
    Files.write(pa, TarFixtures.savedImage("one", List.of("ADD"), List.of(base)));
    Path pb = save("two.tar", List.of(file("extra", "e")));

    assertEquals(SavedImageFiles.compareHashingEach(pa, pb), SavedImageFiles.compare(pa, pb));
  }
}
