package io.splitcheck.suite;

import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.engine.ImageStore.ImageInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scenario's image on the run's other engines for the time of its matrix: streamed out of the
 * engine that built it ({@code GET /images/TAG/get}) into each other one ({@code POST
 * /images/load}), never pulled and never written to disk. The copy carries the run's own tag
 * ({@code splitcheck-run/<run id>:...}, in the saved stream), so the run's cleanup and {@code
 * splitcheck gc} find it on every engine; closing removes the copies this made, and only those.
 */
final class ImageCopies implements AutoCloseable {
  /** One engine's images, and its URL for messages. */
  record Target(String host, ImageStore images) {}

  private final String tag;
  private final List<Target> made = new ArrayList<>();

  private ImageCopies(String tag) {
    this.tag = tag;
  }

  /**
   * Copies {@code tag} (image {@code imageId}) from {@code source} to every target that does not
   * hold it under that tag yet. A target that already does (the building engine under a second URL)
   * keeps its image and is not touched on close.
   */
  static ImageCopies spread(ImageStore source, List<Target> targets, String tag, String imageId)
      throws EngineException {
    ImageCopies copies = new ImageCopies(tag);
    try {
      for (Target target : targets) {
        if (!imageId.equals(idOf(target, tag))) {
          copies.made.add(target); // removed on close even when the load broke off half-way
          copy(source, target, tag, imageId);
        }
      }
    } catch (EngineException | RuntimeException e) {
      copies.closeQuietly(e);
      throw e;
    }
    return copies;
  }

  private static void copy(ImageStore source, Target target, String tag, String imageId)
      throws EngineException {
    String what = "copying image " + tag + " to " + target.host();
    try (InputStream tar = source.save(tag)) {
      target.images().load(tar);
    } catch (EngineException e) {
      throw new EngineException(what + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new EngineException(what + ": closing the saved image failed: " + e.getMessage(), e);
    }
    String arrived = idOf(target, tag);
    if (!imageId.equals(arrived)) {
      throw new EngineException(
          what
              + ": after POST /images/load the engine has "
              + (arrived == null
                  ? "no image " + tag
                  : tag + " = " + arrived + ", expected " + imageId));
    }
  }

  private static String idOf(Target target, String tag) throws EngineException {
    Optional<ImageInfo> info = target.images().inspect(tag);
    return info.map(ImageInfo::id).orElse(null);
  }

  @Override
  public void close() throws EngineException {
    EngineException first = null;
    for (Target target : made) {
      try {
        target.images().remove(tag);
      } catch (EngineException e) {
        first =
            first == null
                ? new EngineException(
                    "removing the copy of "
                        + tag
                        + " from "
                        + target.host()
                        + ": "
                        + e.getMessage()
                        + " (the run's cleanup tries again)",
                    e)
                : first;
      }
    }
    made.clear();
    if (first != null) {
      throw first;
    }
  }

  private void closeQuietly(Exception failure) {
    try {
      close();
    } catch (EngineException e) {
      failure.addSuppressed(e);
    }
  }
}
