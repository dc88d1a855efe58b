package io.splitcheck.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.DockerImageStore;
import io.splitcheck.engine.ImageStore.StoredLayers;
import io.splitcheck.matrix.ProbeImages;
import io.splitcheck.model.FileEntry;
import io.splitcheck.store.OverlayLayerReader;
import io.splitcheck.testing.RequiresEngine;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three readers give the same entries for the same image: the saved tar streamed ({@link
 * ImageArchiveReader}), the saved tar opened at random ({@link SavedImageFiles}, and its side by
 * side {@link PairedLayerReader}), and the engine's overlay2 directories ({@link
 * OverlayLayerReader}, alone and side by side). The images hold every kind of entry ({@link
 * OverlayLayerReaderIT#DOCKERFILE}).
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReaderEqualityIT {
  private static final String DOCKER = "/usr/bin/docker";
  private static final String RUN = "reader-eq-it-" + ProcessHandle.current().pid();
  private static final List<String> TAGS =
      List.of("splitcheck-test/reader-eq:" + RUN + "-a", "splitcheck-test/reader-eq:" + RUN + "-b");

  private final DockerImageStore images = new DockerImageStore(DockerClients.fromEnvironment());
  private Path work;
  private final Path[] tars = new Path[2];

  @BeforeAll
  void build() throws Exception {
    work = Files.createTempDirectory("splitcheck-reader-eq-it-");
    Path ctx = Files.createDirectories(work.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), OverlayLayerReaderIT.DOCKERFILE);
    Files.createDirectories(ctx.resolve("ctx/sub"));
    Files.writeString(ctx.resolve("ctx/sub/same.txt"), "same in both builds\n");
    Files.write(ctx.resolve("ctx/big.bin"), new byte[3 << 20]);
    for (int i = 0; i < 2; i++) {
      ProbeImages.exec(
          ctx,
          List.of(
              DOCKER,
              "build",
              "-q",
              "--no-cache",
              "--label",
              "io.splitcheck.run=" + RUN,
              "--build-arg",
              "NAMEBYTE=" + (i == 0 ? "215" : "353"),
              "-t",
              TAGS.get(i),
              "."));
      tars[i] = work.resolve(i + ".tar");
      try (InputStream in = images.save(TAGS.get(i))) {
        Files.copy(in, tars[i], StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @AfterAll
  void remove() throws Exception {
    ProbeImages.exec(Path.of("."), List.of(DOCKER, "rmi", "-f", TAGS.get(0), TAGS.get(1)));
    try (var files = Files.walk(work)) {
      files.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
    }
  }

  private StoredLayers stored(int i) throws Exception {
    return images
        .storedLayers(TAGS.get(i))
        .orElseThrow(
            () ->
                new AssertionError(
                    "the local engine's overlay2 store of "
                        + TAGS.get(i)
                        + " is not readable from here"));
  }

  /**
   * The first layer BuildKit wrote: the base's imported layer is replayed by docker save in its own
   * order.
   */
  private int firstBuiltLayer() throws Exception {
    return images.inspect("splitcheck/debian:bookworm").orElseThrow().diffIds().size();
  }

  private static void assertSameEntries(
      List<FileEntry> expected, List<FileEntry> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": entry count");
    for (int e = 0; e < expected.size(); e++) {
      assertEquals(expected.get(e), actual.get(e), what + ": entry " + e);
    }
  }

  @Test
  void theSameImage_readStreamedAtRandomAndFromTheStore_givesTheSameEntries() throws Exception {
    SavedImage streamed = new ImageArchiveReader().read(tars[0]);
    int layers = streamed.layers().size();
    SavedImage random =
        SavedImageFiles.read(
            tars[0], IntStream.range(0, layers).boxed().collect(Collectors.toSet()));
    StoredLayers store = stored(0);
    assertEquals(streamed.id(), random.id());
    assertEquals(streamed.id(), store.id());
    assertEquals(layers, store.layerDirs().size());
    int built = firstBuiltLayer();
    assertTrue(layers >= built + 2, "COPY and RUN layers on top of the base");
    for (int i = 0; i < layers; i++) {
      LayerSummary s = streamed.layers().get(i);
      assertEquals(s.diffId(), random.layers().get(i).diffId(), "layer " + i + " diffID");
      assertSameEntries(
          s.entries(),
          random.layers().get(i).entries(),
          "layer " + i + " streamed vs random access");
      if (i >= built) {
        assertSameEntries(
            s.entries(),
            OverlayLayerReader.read(s.diffId(), s.diffId(), store.layerDirs().get(i)).entries(),
            "layer " + i + " streamed vs overlay2 store");
      }
    }
  }

  @Test
  void twoBuilds_readSideBySideFromTheTarsAndFromTheStore_giveTheSameEntriesAndEqualMarkers()
      throws Exception {
    SavedImage a = new ImageArchiveReader().read(tars[0]);
    int last = a.layers().size() - 1;
    String key = a.layers().get(last).key();
    String keyB = new ImageArchiveReader().read(tars[1]).layers().get(last).key();
    PairedLayerReader.Pair viaTars;
    try (TarFile ta = new TarFile(tars[0]);
        TarFile tb = new TarFile(tars[1]);
        InputStream in = ta.getInputStream(member(ta, key));
        InputStream jn = tb.getInputStream(member(tb, keyB))) {
      viaTars = PairedLayerReader.read(key, in, keyB, jn);
    }
    LayerSummary[] viaStore =
        OverlayLayerReader.readPair(
            key, "a", stored(0).layerDirs().get(last), "b", stored(1).layerDirs().get(last));
    // the tar side hashes files that differ in a second pass; the store side hashes them at once
    List<FileEntry> firstTars = hashedAgain(tars[0], viaTars.first(), viaTars.rehashFirst());
    List<FileEntry> secondTars = hashedAgain(tars[1], viaTars.second(), viaTars.rehashSecond());
    assertSameEntries(firstTars, viaStore[0].entries(), "first build's RUN layer, tars vs store");
    assertSameEntries(secondTars, viaStore[1].entries(), "second build's RUN layer, tars vs store");
    Set<String> equal =
        viaStore[0].entries().stream()
            .filter(e -> PairedLayerReader.EQUAL.equals(e.sha256()))
            .map(FileEntry::path)
            .collect(Collectors.toSet());
    assertTrue(
        equal.contains("/opt/a/b/f"),
        "a file equal in both builds is marked, not hashed: " + equal);
    assertTrue(
        viaStore[0].entries().stream()
            .anyMatch(
                e ->
                    e.path().equals("/stamp")
                        && e.sha256() != null
                        && !PairedLayerReader.EQUAL.equals(e.sha256())),
        "the stamp differs and is hashed");
  }

  private static org.apache.commons.compress.archivers.tar.TarArchiveEntry member(
      TarFile tar, String key) {
    return tar.getEntries().stream()
        .filter(e -> ImageArchiveReader.normaliseMemberName(e.getName()).equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no member " + key));
  }

  private static List<FileEntry> hashedAgain(Path tar, LayerSummary summary, Set<Integer> indexes)
      throws Exception {
    String key = summary.key();
    try (TarFile t = new TarFile(tar);
        InputStream in = t.getInputStream(member(t, key))) {
      return PairedLayerReader.withDigests(summary, PairedLayerReader.hash(in, indexes)).entries();
    }
  }
}
