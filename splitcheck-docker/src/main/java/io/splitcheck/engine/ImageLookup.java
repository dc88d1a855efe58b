package io.splitcheck.engine;

import io.splitcheck.k8s.ImageFile;
import java.util.Map;
import java.util.Optional;

/** The engine port's role that reads a local image's config. Never pulls. */
public interface ImageLookup {
  /** The local image, or empty when the engine has none by that name. */
  Optional<ContainerEngine.ImageConfig> image(String ref) throws EngineException;

  /**
   * Owner, mode and {@code security.capability} of a path in a local image, read from the engine's
   * archive of a created (never started) container; empty when the path does not exist.
   */
  default Optional<ImageFile> stat(String image, String path, Map<String, String> labels)
      throws EngineException {
    return Optional.empty();
  }

  /**
   * The engine's images as {@link ImageStore} reads them (its overlay2 store, {@code docker save}),
   * for finding which layer and step made a path; empty when this engine cannot give them.
   */
  default Optional<ImageStore> imageStore() {
    return Optional.empty();
  }
}
