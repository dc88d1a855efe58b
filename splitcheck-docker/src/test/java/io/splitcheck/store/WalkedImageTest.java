package io.splitcheck.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.splitcheck.diff.LayerSummary;
import io.splitcheck.model.FileEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first image's layers walked ahead give what walking them when compared gives. */
class WalkedImageTest {
  @TempDir Path root;

  private List<Path> layers(String side) throws Exception {
    Path base = Files.createDirectories(root.resolve(side + "/base/etc"));
    Files.writeString(base.resolve("os-release"), "bookworm\n");
    Path top = Files.createDirectories(root.resolve(side + "/top/data"));
    for (int i = 0; i < 200; i++) {
      Files.write(top.resolve("f" + i), new byte[1000 + i]);
    }
    Files.writeString(top.resolve("stamp"), side);
    return List.of(root.resolve(side + "/base"), root.resolve(side + "/top"));
  }

  private static List<String> lines(LayerSummary s) {
    return s.entries().stream().map(FileEntry::toString).toList();
  }

  @Test
  void layersWalkedAhead_compareAsLayersWalkedWhenCompared() throws Exception {
    List<Path> a = layers("a");
    List<Path> b = layers("b");
    OverlayImages.Image first = new OverlayImages.Image("a", new byte[0], a, List.of());
    LayerSummary[] plain =
        OverlayLayerReader.readPair("k", "sha256:a", a.get(1), "sha256:b", b.get(1));
    try (WalkedImage ahead = WalkedImage.start(first)) {
      LayerSummary[] walked =
          OverlayLayerReader.readPair("k", "sha256:a", ahead, 1, "sha256:b", b.get(1));
      assertEquals(lines(plain[0]), lines(walked[0]));
      assertEquals(lines(plain[1]), lines(walked[1]));
      assertEquals(202, walked[0].entries().size());
      // the base layer, walked ahead or now, is the same walk
      assertEquals(
          OverlayWalk.walk(a.get(0)).stream().map(i -> i.entry().toString()).toList(),
          ahead.layer(0).stream().map(i -> i.entry().toString()).toList());
    }
  }

  @Test
  void xattrs_readAValueOfAnySize_andNullWhereThereIsNone() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "trusted.* needs root");
    Path dir = Files.createDirectories(root.resolve("opaque"));
    byte[] path = dir.toString().getBytes(StandardCharsets.UTF_8);
    assertNull(Xattrs.get(path, "trusted.overlay.opaque"));
    String big = "v".repeat(1000); // larger than a first guess of a buffer
    Process p =
        new ProcessBuilder(
                "python3",
                "-c",
                "import os,sys; os.setxattr(sys.argv[1], 'trusted.overlay.opaque', b'y');"
                    + " os.setxattr(sys.argv[1], 'trusted.big', sys.argv[2].encode())",
                dir.toString(),
                big)
            .start();
    assumeTrue(p.waitFor() == 0, "trusted xattrs on the test's file system");
    assertEquals(true, Xattrs.is(path, "trusted.overlay.opaque", "y"));
    assertArrayEquals(big.getBytes(StandardCharsets.US_ASCII), Xattrs.get(path, "trusted.big"));
  }
}
