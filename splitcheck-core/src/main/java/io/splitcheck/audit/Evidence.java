package io.splitcheck.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a finding was seen. Every field but {@code deletedInLaterLayer} may be null.
 *
 * @param path path in the image (or in the build context for {@code context.*})
 * @param layer 0-based layer index in the image's manifest order
 * @param step the layer's Dockerfile step, as the image history's {@code created_by} says
 * @param line 1-based Dockerfile line
 * @param size bytes
 * @param deletedInLaterLayer the file is gone (or replaced) in the final filesystem but its bytes
 *     are still in the layer that added it
 * @param base the base image the layer came with ({@link BaseImage}), null for the user's layers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(
    String path,
    Integer layer,
    String step,
    Integer line,
    Long size,
    boolean deletedInLaterLayer,
    String base) {
  public static final Evidence NONE = new Evidence(null, null, null, null, null, false, null);

  /** Evidence in no base image. */
  public Evidence(
      String path,
      Integer layer,
      String step,
      Integer line,
      Long size,
      boolean deletedInLaterLayer) {
    this(path, layer, step, line, size, deletedInLaterLayer, null);
  }

  public static Evidence path(String path) {
    return NONE.withPath(path);
  }

  public static Evidence line(int line) {
    return new Evidence(null, null, null, line, null, false, null);
  }

  public Evidence withPath(String p) {
    return new Evidence(p, layer, step, line, size, deletedInLaterLayer, base);
  }

  public Evidence withLayer(int l, String s) {
    return new Evidence(path, l, s, line, size, deletedInLaterLayer, base);
  }

  public Evidence withLine(Integer l) {
    return new Evidence(path, layer, step, l, size, deletedInLaterLayer, base);
  }

  public Evidence withStep(String s) {
    return new Evidence(path, layer, s, line, size, deletedInLaterLayer, base);
  }

  public Evidence withSize(long s) {
    return new Evidence(path, layer, step, line, s, deletedInLaterLayer, base);
  }

  public Evidence deleted(boolean d) {
    return new Evidence(path, layer, step, line, size, d, base);
  }

  public Evidence withBase(String b) {
    return new Evidence(path, layer, step, line, size, deletedInLaterLayer, b);
  }
}
