package io.splitcheck.engine;

import java.io.InputStream;
import java.util.Map;

/** The engine port's role that makes labelled volumes (the tracer's bundle, a cell's files). */
public interface VolumeStore {
  /** Creates a named volume carrying {@code labels}. */
  void createVolume(String name, Map<String, String> labels) throws EngineException;

  /**
   * Extracts a tar into a volume, through a created (never started) container of {@code image} that
   * mounts the volume: no image is pulled and nothing of {@code image} runs.
   */
  void copyIntoVolume(String image, String volume, InputStream tar, Map<String, String> labels)
      throws EngineException;
}
