package io.splitcheck.diff;

import java.util.List;

/**
 * Two images compared: ids, layers, config paths that differ, and every differing path.
 *
 * @param configDifferences JSON paths of the config fields that differ, sorted
 * @param configTimestampsOnly whether every config difference is a {@code created} timestamp
 * @param differences sorted by layer, then path
 */
public record ImageComparison(
    ImageSide first,
    ImageSide second,
    Verdict verdict,
    List<String> configDifferences,
    boolean configTimestampsOnly,
    List<Difference> differences,
    List<String> unexplainedLayers) {
  /** One image's identity. */
  public record ImageSide(String id, List<String> layers) {
    public ImageSide {
      layers = List.copyOf(layers);
    }
  }

  public ImageComparison {
    configDifferences = List.copyOf(configDifferences);
    differences = List.copyOf(differences);
    unexplainedLayers = List.copyOf(unexplainedLayers);
  }

  public boolean reproducible() {
    return verdict == Verdict.REPRODUCIBLE;
  }
}
