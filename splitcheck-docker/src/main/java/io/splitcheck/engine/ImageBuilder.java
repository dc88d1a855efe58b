package io.splitcheck.engine;

/** Builds images with BuildKit. */
public interface ImageBuilder {
  BuildResult build(BuildRequest request) throws EngineException;
}
