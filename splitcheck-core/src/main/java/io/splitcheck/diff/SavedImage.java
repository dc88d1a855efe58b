package io.splitcheck.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An image as {@code docker save} wrote it, reduced to what a comparison or an audit needs.
 *
 * @param id the image id, {@code sha256:} of the config bytes
 * @param config the image config JSON
 * @param layers layers bottom-up, in the manifest's order
 */
public record SavedImage(
    String id, JsonNode config, List<LayerSummary> layers, List<String> repoTags) {
  public SavedImage {
    layers = List.copyOf(layers);
    repoTags = List.copyOf(repoTags);
  }

  public List<String> diffIds() {
    return layers.stream().map(LayerSummary::diffId).toList();
  }
}
