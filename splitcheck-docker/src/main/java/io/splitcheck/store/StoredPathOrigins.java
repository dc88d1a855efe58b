package io.splitcheck.store;

import io.splitcheck.json.Json;
import io.splitcheck.k8s.CauseRules;
import io.splitcheck.k8s.ImageSteps;
import io.splitcheck.k8s.LayerEntry;
import io.splitcheck.k8s.PathOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The origin of some paths ({@link PathOrigin}) read from a local engine's overlay2 layer
 * directories: each path looked up in each layer's {@code diff} directory (its owner and mode), a
 * whiteout (a 0/0 character device) of it or of a parent, or an opaque parent ({@code
 * trusted.overlay.opaque=y}) hiding what the layers below hold. Nothing is tarred or copied.
 */
public final class StoredPathOrigins {
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 020000;
  private static final int S_IFDIR = 040000;

  private StoredPathOrigins() {}

  /**
   * @param config the image config's bytes
   * @param layerDirs the layers' {@code diff} directories, base first
   */
  public static Map<String, PathOrigin> read(
      byte[] config, List<Path> layerDirs, Collection<String> paths) throws IOException {
    ImageSteps steps = ImageSteps.of(Json.mapper().readTree(config));
    if (steps.layers() != layerDirs.size()) {
      throw new IllegalArgumentException(
          "the image config declares "
              + steps.layers()
              + " layers (rootfs.diff_ids) but the store gives "
              + layerDirs.size()
              + " layer directories");
    }
    Map<String, PathOrigin> out = new TreeMap<>();
    for (String p : paths) {
      List<LayerEntry> entries = new ArrayList<>();
      for (Path dir : layerDirs) {
        entries.add(entry(dir, p));
      }
      PathOrigin o = PathOrigin.of(p, entries, steps);
      if (o != null) {
        out.put(p, o);
      }
    }
    return out;
  }

  static LayerEntry entry(Path diffDir, String path) throws IOException {
    Path file = OverlayWalk.locate(diffDir, path);
    if (file != null) {
      int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      if (whiteout(file, mode)) {
        return LayerEntry.REMOVED;
      }
      return LayerEntry.present(
          ((Number) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue(),
          ((Number) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue(),
          mode);
    }
    List<String> parents = CauseRules.ancestors(path);
    for (String parent : parents.subList(1, parents.size())) {
      Path dir = OverlayWalk.locate(diffDir, parent);
      if (dir == null) {
        continue;
      }
      int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      if (whiteout(dir, mode)
          || (mode & S_IFMT) == S_IFDIR
              && Xattrs.is(
                  dir.toString().getBytes(StandardCharsets.UTF_8), "trusted.overlay.opaque", "y")) {
        return LayerEntry.REMOVED;
      }
    }
    return LayerEntry.ABSENT;
  }

  private static boolean whiteout(Path file, int mode) throws IOException {
    return (mode & S_IFMT) == S_IFCHR
        && ((Number) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue()
            == 0;
  }
}
