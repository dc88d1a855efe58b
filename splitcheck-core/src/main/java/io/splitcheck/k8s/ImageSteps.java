package io.splitcheck.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Dockerfile step that made each layer, from an image config: {@code history} entries that are
 * not {@code empty_layer} belong, in order, to {@code rootfs.diff_ids}. The step is shown as the
 * Dockerfile says it: {@code /bin/sh -c #(nop) COPY ...} (the classic builder) becomes {@code COPY
 * ...}, {@code /bin/sh -c mkdir x} becomes {@code RUN mkdir x}, BuildKit's {@code RUN /bin/sh -c
 * mkdir x # buildkit} becomes {@code RUN mkdir x}.
 */
public final class ImageSteps {
  private final List<String> diffIds;
  private final List<String> steps;

  private ImageSteps(List<String> diffIds, List<String> steps) {
    this.diffIds = List.copyOf(diffIds);
    this.steps = steps;
  }

  /**
   * @param config the image config ({@code rootfs}, {@code history})
   */
  public static ImageSteps of(JsonNode config) {
    List<String> ids = new ArrayList<>();
    config.path("rootfs").path("diff_ids").forEach(d -> ids.add(d.asText()));
    List<String> steps = new ArrayList<>();
    for (JsonNode h : config.path("history")) {
      if (!h.path("empty_layer").asBoolean(false)) {
        String by = h.path("created_by").asText("");
        // an imported base (docker import) has no created_by, only its comment ("Imported from -")
        steps.add(by.isBlank() ? h.path("comment").asText("").strip() : step(by));
      }
    }
    // a history that does not count the layers (squashed, hand-made) names no step rather than a
    // wrong one
    return new ImageSteps(ids, steps.size() == ids.size() ? steps : null);
  }

  public int layers() {
    return diffIds.size();
  }

  public String diffId(int layer) {
    return diffIds.get(layer);
  }

  /** The step that made layer {@code layer} (0 = base), or null when the history does not say. */
  public String step(int layer) {
    return steps == null || steps.get(layer).isEmpty() ? null : steps.get(layer);
  }

  static String step(String createdBy) {
    String s = createdBy.strip();
    if (s.endsWith("# buildkit")) {
      s = s.substring(0, s.length() - "# buildkit".length()).strip();
    }
    if (s.startsWith("RUN /bin/sh -c ")) {
      return "RUN " + s.substring("RUN /bin/sh -c ".length()).strip();
    }
    if (s.startsWith("/bin/sh -c #(nop) ")) {
      return s.substring("/bin/sh -c #(nop) ".length()).strip();
    }
    if (s.startsWith("/bin/sh -c ")) {
      return "RUN " + s.substring("/bin/sh -c ".length()).strip();
    }
    return s;
  }
}
