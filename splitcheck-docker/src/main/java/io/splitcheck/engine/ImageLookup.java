package io.splitcheck.engine;

import java.util.Optional;

/** The engine port's role that reads a local image's config. Never pulls. */
public interface ImageLookup {
  /** The local image, or empty when the engine has none by that name. */
  Optional<ContainerEngine.ImageConfig> image(String ref) throws EngineException;
}
