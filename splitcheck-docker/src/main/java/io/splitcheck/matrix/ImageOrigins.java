package io.splitcheck.matrix;

import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.k8s.PathOrigin;
import io.splitcheck.k8s.SavedImagePaths;
import io.splitcheck.store.StoredPathOrigins;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which layer and Dockerfile step made each path of an image ({@link PathOrigin}): read from the
 * engine's overlay2 layer directories when this host holds them, else from one {@code docker save}
 * stream (tar headers only). Each path is looked up once; the answers are kept for the run.
 */
final class ImageOrigins {
  /** Looks paths up in one image. */
  interface Source {
    Map<String, PathOrigin> origins(Collection<String> paths) throws IOException, EngineException;
  }

  private final Source source;
  private final Map<String, Optional<PathOrigin>> known = new HashMap<>();

  ImageOrigins(Source source) {
    this.source = source;
  }

  /** The image's layers through {@code images}. */
  static ImageOrigins of(ImageStore images, String image) {
    return new ImageOrigins(
        paths -> {
          Optional<ImageStore.StoredLayers> stored = images.storedLayers(image);
          if (stored.isPresent()) {
            return StoredPathOrigins.read(stored.get().config(), stored.get().layerDirs(), paths);
          }
          try (InputStream in = images.save(image)) {
            return SavedImagePaths.read(in, "docker save " + image, paths);
          }
        });
  }

  /**
   * The origins of {@code paths} that some layer holds; a failed lookup says nothing (evidence
   * only).
   */
  synchronized Map<String, PathOrigin> lookup(Collection<String> paths) {
    List<String> missing =
        new TreeSet<>(paths).stream().filter(p -> !known.containsKey(p)).toList();
    if (!missing.isEmpty()) {
      Map<String, PathOrigin> found;
      try {
        found = source.origins(missing);
      } catch (IOException | EngineException | RuntimeException e) {
        found = Map.of();
      }
      for (String p : missing) {
        known.put(p, Optional.ofNullable(found.get(p)));
      }
    }
    Map<String, PathOrigin> out = new HashMap<>();
    for (String p : paths) {
      known.get(p).ifPresent(o -> out.put(p, o));
    }
    return out;
  }
}
