package io.splitcheck.report;

import java.util.List;

/**
 * What {@code splitcheck twice} found, as the report carries it: the same fields as
 * {@code twice --json}, so that document reads straight into this record
 * ({@link ReportJson#readResult}).
 *
 * @param context the build context as given to twice
 * @param verdict reproducible, config-only, mtime-only, metadata or content
 * @param configDifferences JSON paths of differing config fields ({@code created}, ...)
 */
public record TwiceResult(
    String context,
    boolean reproducible,
    String verdict,
    ImageInfo first,
    ImageInfo second,
    List<String> configDifferences,
    List<Difference> differences,
    List<String> notes) {

  public TwiceResult {
    notes = notes == null ? List.of() : List.copyOf(notes);
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
   * @param detail old and new values, for a person, or {@code null}
   */
  public record Difference(int layer, String step, String path, List<String> kinds,
      String detail) {
    public Difference {
      kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }
  }
}
