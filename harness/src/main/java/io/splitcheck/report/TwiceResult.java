package io.splitcheck.report;

import java.util.List;

/**
 * What {@code splitcheck twice} found, as the report carries it.
 *
 * @param verdict reproducible, config-only, mtime-only, metadata or content
 * @param configDifferences JSON paths of differing config fields ({@code created}, ...)
 */
public record TwiceResult(
    boolean reproducible,
    String verdict,
    ImageInfo first,
    ImageInfo second,
    List<String> configDifferences,
    List<Difference> differences) {

  public TwiceResult {
    configDifferences = configDifferences == null ? List.of() : List.copyOf(configDifferences);
    differences = differences == null ? List.of() : List.copyOf(differences);
  }

  /** One build's image id and layer diffIDs. */
  public record ImageInfo(String id, List<String> layers) {
    public ImageInfo {
      layers = layers == null ? List.of() : List.copyOf(layers);
    }
  }

  /**
   * One differing file.
   *
   * @param layer layer index
   * @param step the Dockerfile step (history {@code created_by}) that made the layer
   * @param kinds subset of content, mtime, mode, owner, type, link, xattrs, added, removed, order
   */
  public record Difference(int layer, String step, String path, List<String> kinds) {
    public Difference {
      kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }
  }
}
