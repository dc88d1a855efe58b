package io.splitcheck.diff;

import static io.splitcheck.diff.RawTar.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.model.FileEntry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts of a layer the issue found lost: an opaque directory's mtime beside its marker, names
 * that are not UTF-8, a hard link's content, a whiteout's meaning. Each on the streaming reader,
 * the paired reader (SavedImageFiles) and the hashing reader.
 */
class LayerFactsTest {
  static final Instant T1 = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant T2 = Instant.parse("2024-06-01T00:00:00Z");

  @TempDir Path dir;

  private static List<FileEntry> streamed(byte[] layer) throws Exception {
    byte[] archive = TarFixtures.savedImage("t", List.of("RUN"), List.of(layer));
    return new ImageArchiveReader()
        .read(new ByteArrayInputStream(archive), "t")
        .layers()
        .get(0)
        .entries();
  }

  private static Map<String, Set<DiffKind>> streamedDiff(byte[] a, byte[] b) throws Exception {
    return byPath(new LayerDiffer().diff(streamed(a), streamed(b)));
  }

  private Map<String, Set<DiffKind>> pairedDiff(byte[] a, byte[] b) throws Exception {
    Path fa =
        Files.write(dir.resolve("a.tar"), TarFixtures.savedImage("1", List.of("RUN"), List.of(a)));
    Path fb =
        Files.write(dir.resolve("b.tar"), TarFixtures.savedImage("2", List.of("RUN"), List.of(b)));
    return SavedImageFiles.compare(fa, fb).differences().stream()
        .collect(Collectors.toMap(Difference::path, d -> Set.copyOf(d.kinds())));
  }

  private static Map<String, Set<DiffKind>> byPath(List<LayerDiffer.EntryDifference> d) {
    return d.stream()
        .collect(
            Collectors.toMap(
                LayerDiffer.EntryDifference::path, LayerDiffer.EntryDifference::kinds));
  }

  private static byte[] opaque(Instant dirMtime) {
    return new RawTar()
        .dir("keep/", dirMtime)
        .opaqueMarker("keep/")
        .file("keep/a", "x", T1)
        .bytes();
  }

  @Test
  void opaqueDirectory_keepsItsMtime_besideTheMarker() throws Exception {
    List<FileEntry> entries = streamed(opaque(T2));
    assertEquals(T2, entries.get(0).mtime());
    assertEquals(Map.of("/keep", Set.of(DiffKind.MTIME)), streamedDiff(opaque(T1), opaque(T2)));
    assertEquals(Map.of("/keep", Set.of(DiffKind.MTIME)), pairedDiff(opaque(T1), opaque(T2)));
  }

  @Test
  void opaqueMarker_presentInOneBuildOnly_isItsOwnDifference() throws Exception {
    byte[] plain = new RawTar().dir("keep/", T1).file("keep/a", "x", T1).bytes();
    assertEquals(
        Map.of("/keep/.wh..wh..opq", Set.of(DiffKind.REMOVED)), streamedDiff(opaque(T1), plain));
  }

  @Test
  void nonUtf8Names_fromPaxRecords_areComparedAsBytes_andShownEscaped() throws Exception {
    byte[] a = new RawTar().dir("opt/", T1).paxFile(b("opt/name-\u008d"), "x", T1).bytes();
    byte[] b = new RawTar().dir("opt/", T1).paxFile(b("opt/name-\u00eb"), "x", T1).bytes();

    assertEquals("/opt/name-\\x8d", streamed(a).get(1).path());
    Map<String, Set<DiffKind>> expected =
        Map.of(
            "/opt/name-\\x8d", Set.of(DiffKind.REMOVED), "/opt/name-\\xeb", Set.of(DiffKind.ADDED));
    assertEquals(expected, streamedDiff(a, b));
    assertEquals(expected, pairedDiff(a, b));
  }

  @Test
  void nonUtf8Names_inTheUstarField_areKeptToo() throws Exception {
    byte[] a = new RawTar().ustar(b("caf\u00e9"), "x", T1).bytes();
    byte[] b = new RawTar().ustar(b("caf\u00e8"), "x", T1).bytes();
    assertEquals(
        Map.of("/caf\\xe9", Set.of(DiffKind.REMOVED), "/caf\\xe8", Set.of(DiffKind.ADDED)),
        streamedDiff(a, b));
  }

  @Test
  void sameNonUtf8Name_withOtherContent_isContent() throws Exception {
    byte[] a = new RawTar().paxFile(b("opt/caf\u00e9"), "one", T1).bytes();
    byte[] b = new RawTar().paxFile(b("opt/caf\u00e9"), "two", T1).bytes();
    assertEquals(Map.of("/opt/caf\\xe9", Set.of(DiffKind.CONTENT)), pairedDiff(a, b));
  }

  @Test
  void hardLink_toAFileWhoseContentChanged_isContent() throws Exception {
    byte[] a =
        new RawTar().file("bin/tool", "v1", T1).hardLink("bin/alias", "bin/tool", T1).bytes();
    byte[] b =
        new RawTar().file("bin/tool", "v2", T2).hardLink("bin/alias", "bin/tool", T2).bytes();
    Map<String, Set<DiffKind>> expected =
        Map.of(
            "/bin/tool",
            Set.of(DiffKind.CONTENT, DiffKind.MTIME),
            "/bin/alias",
            Set.of(DiffKind.CONTENT, DiffKind.MTIME));
    assertEquals(expected, streamedDiff(a, b));
    assertEquals(expected, pairedDiff(a, b));
  }

  @Test
  void whiteout_differingInMtime_saysDeletedInThisLayer() throws Exception {
    byte[] a = new RawTar().file("opt/app/.wh.deploy_key", "", T1).bytes();
    byte[] b = new RawTar().file("opt/app/.wh.deploy_key", "", T2).bytes();
    List<LayerDiffer.EntryDifference> d = new LayerDiffer().diff(streamed(a), streamed(b));
    assertEquals("/opt/app/deploy_key", d.get(0).path());
    assertTrue(d.get(0).detail().startsWith("deleted in this layer"), d.get(0).detail());
  }
}
