package io.splitcheck.k8s;

import java.util.Map;
import java.util.Optional;

/**
 * Where a failing call's path came from in the image, as a sentence to append to a culprit's
 * evidence: the layer and the Dockerfile step that gave it its owner and mode (for EACCES/EPERM),
 * that made the directory a read-only root refuses to write (EROFS, with the emptyDir fix), or that
 * removed it (ENOENT).
 */
public final class OriginNotes {
  private OriginNotes() {}

  /**
   * The note for {@code errno} on {@code path}, or empty when the image says nothing of it.
   *
   * @param blocker the path a user cause named (it refuses the access), else null
   * @param origins the origins known of {@code path}, its parents and {@code blocker}
   * @param files owner and mode of image paths
   */
  public static Optional<String> note(
      String errno,
      String path,
      String blocker,
      Map<String, PathOrigin> origins,
      CauseRules.ImageFiles files) {
    if (blocker != null) {
      return Optional.ofNullable(origins.get(blocker))
          .map(o -> blocker + " got its owner and mode from " + o.describe());
    }
    if (path == null) {
      return Optional.empty();
    }
    PathOrigin own = origins.get(path);
    if (own != null && own.removed()) {
      return Optional.of(path + " was removed from the image by " + own.describe());
    }
    Optional<PathOrigin> near =
        CauseRules.ancestors(path).stream()
            .map(origins::get)
            .filter(o -> o != null && !o.removed())
            .findFirst();
    if (near.isEmpty()) {
      return Optional.empty();
    }
    PathOrigin o = near.get();
    String held =
        files
            .stat(o.path())
            .map(f -> " (" + f.uid() + ":" + f.gid() + " " + f.octalMode() + ")")
            .orElse("");
    String what =
        o.path().equals(path)
            ? path + held + " comes from " + o.describe()
            : path + " is not in the image; " + o.path() + held + " comes from " + o.describe();
    return switch (errno) {
      case "EROFS" ->
          Optional.of(
              what
                  + " (fix: mount an emptyDir, medium Memory, at "
                  + writableDir(o, files)
                  + ", or --tmpfs "
                  + writableDir(o, files)
                  + ")");
      case "EACCES", "EPERM" -> Optional.of(what);
      case "ENOENT" -> Optional.of(what);
      default -> Optional.empty();
    };
  }

  private static String writableDir(PathOrigin o, CauseRules.ImageFiles files) {
    boolean dir = files.stat(o.path()).map(ImageFile::directory).orElse(true);
    return dir ? o.path() : o.path().substring(0, Math.max(1, o.path().lastIndexOf('/')));
  }
}
