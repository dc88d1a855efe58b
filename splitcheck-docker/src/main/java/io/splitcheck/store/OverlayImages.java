package io.splitcheck.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.diff.ImageArchiveReader;
import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.ImageDiffer;
import io.splitcheck.diff.LayerFiles;
import io.splitcheck.diff.LayerSummary;
import io.splitcheck.diff.SavedImage;
import io.splitcheck.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Two images compared from a local engine's overlay2 store instead of from {@code docker save}: the
 * configs as the engine stores them, and only the layers whose diffIDs differ, read from their
 * {@code diff} directories side by side ({@link OverlayLayerReader}). Gives the comparison {@link
 * SavedImageFiles#compare} gives on the saved tars (the same entries, differences and verdict;
 * layer sizes are not known without tarring and are 0), without the engine writing both whole
 * images out first.
 */
public final class OverlayImages {
  private static final ObjectMapper JSON = Json.mapper();

  /**
   * One image: {@code config} its config's bytes (sha256 of them is its id), {@code layerDirs} the
   * overlay2 {@code diff} directories of its layers, base first, one per {@code rootfs.diff_ids}
   * entry.
   */
  public record Image(String source, byte[] config, List<Path> layerDirs, List<String> repoTags) {
    public Image {
      layerDirs = List.copyOf(layerDirs);
      repoTags = List.copyOf(repoTags);
    }
  }

  private OverlayImages() {}

  /**
   * Loads what reading a store needs before it is needed (JNA and its native stub for {@code
   * lgetxattr}: 136-175 ms the first time in a fresh JVM, measured), e.g. while the builds run.
   */
  public static void prepare() {
    Xattrs.get(Path.of("/"), "security.capability");
  }

  public static ImageComparison compare(Image first, Image second) throws IOException {
    return compare(WalkedImage.now(first), second);
  }

  /**
   * As {@link #compare(Image, Image)}, with the first image's layers walked ahead ({@link
   * WalkedImage#start}, while the second was built): of the layers whose diffIDs differ, only the
   * second image's directories are walked now.
   */
  public static ImageComparison compare(WalkedImage walked, Image second) throws IOException {
    Image first = walked.image();
    walked.close(); // from here on, only the layers that differ are walked
    JsonNode ca = JSON.readTree(first.config());
    JsonNode cb = JSON.readTree(second.config());
    List<String> da = diffIds(first, ca);
    List<String> db = diffIds(second, cb);
    List<LayerSummary> la = new ArrayList<>();
    List<LayerSummary> lb = new ArrayList<>();
    for (int i = 0; i < Math.max(da.size(), db.size()); i++) {
      boolean inA = i < da.size();
      boolean inB = i < db.size();
      if (inA && inB && da.get(i).equals(db.get(i))) {
        la.add(new LayerSummary(da.get(i), da.get(i), 0, List.of()));
        lb.add(new LayerSummary(db.get(i), db.get(i), 0, List.of()));
      } else if (inA && inB) {
        LayerSummary[] pair;
        try {
          pair =
              OverlayLayerReader.readPair(
                  da.get(i), da.get(i), walked, i, db.get(i), second.layerDirs().get(i));
        } catch (IOException | RuntimeException e) {
          throw new IOException(
              "Error reading layer "
                  + i
                  + " of '"
                  + first.source()
                  + "' and '"
                  + second.source()
                  + "' from "
                  + first.layerDirs().get(i)
                  + " and "
                  + second.layerDirs().get(i)
                  + ": "
                  + e.getMessage(),
              e);
        }
        la.add(new LayerSummary(da.get(i), da.get(i), 0, pair[0].entries()));
        lb.add(new LayerSummary(db.get(i), db.get(i), 0, pair[1].entries()));
      } else if (inA) {
        la.add(OverlayLayerReader.read(da.get(i), da.get(i), first.layerDirs().get(i)));
      } else {
        lb.add(OverlayLayerReader.read(db.get(i), db.get(i), second.layerDirs().get(i)));
      }
    }
    return new ImageDiffer().compare(image(first, ca, la), image(second, cb, lb));
  }

  /** The files of both images' layer directories, for explaining what differs inside them. */
  public static LayerFiles files(Image first, Image second) {
    return (side, layer, paths, max) -> {
      Image image = side == 0 ? first : second;
      Map<String, byte[]> out = new HashMap<>();
      if (layer >= image.layerDirs().size()) {
        return out;
      }
      for (String path : paths) {
        Path file = OverlayWalk.locate(image.layerDirs().get(layer), path);
        if (file != null && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            out.put(path, in.readNBytes(max));
          }
        }
      }
      return out;
    };
  }

  private static List<String> diffIds(Image image, JsonNode config) {
    List<String> ids = new ArrayList<>();
    config.path("rootfs").path("diff_ids").forEach(d -> ids.add(d.asText()));
    if (ids.size() != image.layerDirs().size()) {
      throw new IllegalArgumentException(
          "image '"
              + image.source()
              + "': its config declares "
              + ids.size()
              + " layers (rootfs.diff_ids) but the store gives "
              + image.layerDirs().size()
              + " layer directories");
    }
    return ids;
  }

  private static SavedImage image(Image image, JsonNode config, List<LayerSummary> layers) {
    return new SavedImage(
        "sha256:" + HexFormat.of().formatHex(ImageArchiveReader.newSha256().digest(image.config())),
        config,
        layers,
        image.repoTags());
  }
}
