package io.splitcheck.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.DockerImageStore;
import io.splitcheck.engine.ImageStore.StoredLayers;
import io.splitcheck.matrix.ProbeImages;
import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import io.splitcheck.store.OverlayImages;
import io.splitcheck.store.OverlayLayerReader;
import io.splitcheck.testing.RequiresEngine;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reading images from the engine's overlay2 store gives what reading them through {@code docker
 * save} gives: every layer's entries (order, paths, types, modes, owners, mtimes, links, whiteouts,
 * opaque directories, digests), and the whole comparison of two builds.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverlayLayerReaderIT {
  private static final String DOCKER = "/usr/bin/docker";
  private static final String RUN = "overlay-it-" + ProcessHandle.current().pid();
  private static final List<String> TAGS =
      List.of("splitcheck-test/overlay:" + RUN + "-a", "splitcheck-test/overlay:" + RUN + "-b");

  /**
   * Every kind of entry a layer can hold, and a stamp so that the two builds differ; the sleep puts
   * the two builds' files a second apart (two fast builds on an idle engine shared one second).
   */
  static final String DOCKERFILE =
      """
      FROM splitcheck/debian:bookworm
      ARG NAMEBYTE
      COPY ctx /ctx
      RUN sleep 1 && touch "/opt/name-$(printf "\\\\$NAMEBYTE")" "/opt/caf$(printf '\\351')" \\
       && mkdir "/opt/d-$(printf '\\215')" && ln -s "caf$(printf '\\351')" "/opt/d-$(printf '\\215')/ln" \\
       && mkdir -p /opt/a/b /opt/z && echo hi > /opt/a/b/f && ln /opt/a/b/f /opt/a/hl \\
       && ln -s b/f /opt/a/sl && mkfifo /opt/a/fifo && chmod 4755 /opt/a/b/f \\
       && chmod 1777 /opt/z && chown 123:456 /opt/z \\
       && rm -rf /usr/share/doc && mkdir /usr/share/doc && touch /usr/share/doc/new \\
       && rm -f /etc/debian_version && touch '/opt/a/sp ace' /opt/a/Zed /opt/a/ünï \\
       && date +%s%N > /stamp
      """;

  private final DockerImageStore images = new DockerImageStore(DockerClients.fromEnvironment());

  @BeforeAll
  void build() throws Exception {
    Path ctx = Files.createTempDirectory("splitcheck-overlay-it-");
    try {
      Files.writeString(ctx.resolve("Dockerfile"), DOCKERFILE);
      Files.createDirectories(ctx.resolve("ctx/sub"));
      Files.writeString(ctx.resolve("ctx/sub/same.txt"), "same in both builds\n");
      Files.write(ctx.resolve("ctx/big.bin"), new byte[3 << 20]);
      for (String tag :
          TAGS) { // a name that is not UTF-8 and differs: \215 in one build, \353 in the other
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
                "NAMEBYTE=" + (tag.equals(TAGS.get(0)) ? "215" : "353"),
                "-t",
                tag,
                "."));
      }
    } finally {
      try (var files = Files.walk(ctx)) {
        files.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
      }
    }
  }

  @AfterAll
  void remove() throws Exception {
    ProbeImages.exec(Path.of("."), List.of(DOCKER, "rmi", "-f", TAGS.get(0), TAGS.get(1)));
  }

  private StoredLayers stored(String tag) throws Exception {
    return images
        .storedLayers(tag)
        .orElseThrow(
            () ->
                new AssertionError(
                    "the local engine's overlay2 store of " + tag + " is not readable from here"));
  }

  private SavedImage saved(String tag) throws Exception {
    try (InputStream in = images.save(tag)) {
      return new ImageArchiveReader().read(in, "docker save " + tag);
    }
  }

  /**
   * The layers BuildKit wrote (the base's imported layer is replayed by {@code docker save} from
   * the tarball it was imported from, in that tarball's order; twice never reads it, both builds
   * share it).
   */
  @Test
  void everyLayerBuildKitWrote_readFromTheStore_equalsTheEngineOwnLayerTar() throws Exception {
    SavedImage saved = saved(TAGS.get(0));
    StoredLayers store = stored(TAGS.get(0));
    assertEquals(saved.id(), store.id());
    assertEquals(saved.layers().size(), store.layerDirs().size());
    int base = images.inspect("splitcheck/debian:bookworm").orElseThrow().diffIds().size();
    assertTrue(saved.layers().size() >= base + 2, "COPY and RUN layers on top of the base");
    for (int i = base; i < saved.layers().size(); i++) {
      LayerSummary viaTar = saved.layers().get(i);
      List<FileEntry> viaStore =
          OverlayLayerReader.read(viaTar.diffId(), viaTar.diffId(), store.layerDirs().get(i))
              .entries();
      assertEquals(viaTar.entries().size(), viaStore.size(), "layer " + i + " entry count");
      for (int e = 0; e < viaStore.size(); e++) {
        assertEquals(viaTar.entries().get(e), viaStore.get(e), "layer " + i + " entry " + e);
      }
    }
    List<FileEntry> run = saved.layers().get(saved.layers().size() - 1).entries();
    assertTrue(
        run.stream()
            .anyMatch(e -> e.path().equals("/opt/d-\\x8d/ln") && "caf\\xe9".equals(e.linkTarget())),
        "names and link targets that are not UTF-8, escaped");
    assertTrue(
        run.stream()
            .anyMatch(
                e ->
                    e.path().equals("/usr/share/doc")
                        && e.type() == EntryType.DIRECTORY
                        && e.mtime().getEpochSecond() > 0),
        "the opaque directory keeps its mtime");
    assertTrue(
        run.stream()
            .anyMatch(
                e -> e.path().equals("/usr/share/doc") && e.type() == EntryType.OPAQUE_WHITEOUT),
        "and its marker");
    Set<EntryType> types =
        saved.layers().get(saved.layers().size() - 1).entries().stream()
            .map(FileEntry::type)
            .collect(Collectors.toSet());
    assertTrue(
        types.containsAll(
            List.of(
                EntryType.DIRECTORY,
                EntryType.FILE,
                EntryType.HARDLINK,
                EntryType.SYMLINK,
                EntryType.FIFO,
                EntryType.WHITEOUT,
                EntryType.OPAQUE_WHITEOUT)),
        "the RUN layer exercises every kind of entry: " + types);
  }

  @Test
  void twoBuilds_comparedFromTheStore_equalTheComparisonOfTheirSavedTars() throws Exception {
    Path a = Files.createTempFile("splitcheck-overlay-it-", ".tar");
    Path b = Files.createTempFile("splitcheck-overlay-it-", ".tar");
    try {
      try (InputStream in = images.save(TAGS.get(0))) {
        Files.copy(in, a, StandardCopyOption.REPLACE_EXISTING);
      }
      try (InputStream in = images.save(TAGS.get(1))) {
        Files.copy(in, b, StandardCopyOption.REPLACE_EXISTING);
      }
      ImageComparison viaTars = SavedImageFiles.compare(a, b);
      ImageComparison viaStore =
          OverlayImages.compare(
              new OverlayImages.Image(
                  TAGS.get(0),
                  stored(TAGS.get(0)).config(),
                  stored(TAGS.get(0)).layerDirs(),
                  stored(TAGS.get(0)).repoTags()),
              new OverlayImages.Image(
                  TAGS.get(1),
                  stored(TAGS.get(1)).config(),
                  stored(TAGS.get(1)).layerDirs(),
                  stored(TAGS.get(1)).repoTags()));
      assertEquals(Verdict.CONTENT, viaTars.verdict());
      assertTrue(
          viaTars.differences().stream().anyMatch(d -> d.toString().contains("/stamp")),
          viaTars.differences().toString());
      Map<String, List<DiffKind>> kinds =
          viaTars.differences().stream()
              .collect(Collectors.toMap(Difference::path, Difference::kinds, (x, y) -> x));
      assertEquals(List.of(DiffKind.REMOVED), kinds.get("/opt/name-\\x8d"), kinds.toString());
      assertEquals(List.of(DiffKind.ADDED), kinds.get("/opt/name-\\xeb"), kinds.toString());
      assertEquals(
          List.of(DiffKind.MTIME),
          kinds.get("/opt/caf\\xe9"),
          "the same non-UTF-8 name in both builds: one path, its build-time mtime differs");
      assertTrue(
          kinds.get("/usr/share/doc").contains(DiffKind.MTIME),
          "the opaque directory's own mtime is compared, beside its marker: " + kinds);
      assertEquals(viaTars.verdict(), viaStore.verdict());
      assertEquals(viaTars.configDifferences(), viaStore.configDifferences());
      assertEquals(viaTars.differences(), viaStore.differences());
      assertEquals(viaTars.unexplainedLayers(), viaStore.unexplainedLayers());
      assertEquals(viaTars.first(), viaStore.first());
      assertEquals(viaTars.second(), viaStore.second());
    } finally {
      Files.deleteIfExists(a);
      Files.deleteIfExists(b);
    }
  }
}
