package io.splitcheck.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.splitcheck.diff.explain.Explanation;
import java.util.List;

/**
 * One path that differs between two builds.
 *
 * @param layer layer index (0 = bottom)
 * @param step the Dockerfile step that made the layer (config history {@code created_by}), or null
 * @param path the path as in the image, e.g. {@code /stamp}; bytes that are not UTF-8 escaped as
 *     {@code \xNN} ({@link io.splitcheck.model.PathNames})
 * @param kinds what differs, in {@link DiffKind} order
 * @param detail old and new values, for a person
 * @param explanation for a regular file whose content differs: what differs inside it, or null
 */
public record Difference(
    int layer,
    String step,
    String path,
    List<DiffKind> kinds,
    String detail,
    @JsonInclude(JsonInclude.Include.NON_NULL) Explanation explanation) {
  public Difference {
    kinds = List.copyOf(kinds);
  }

  public Difference(int layer, String step, String path, List<DiffKind> kinds, String detail) {
    this(layer, step, path, kinds, detail, null);
  }

  public Difference withExplanation(Explanation e) {
    return new Difference(layer, step, path, kinds, detail, e);
  }
}
