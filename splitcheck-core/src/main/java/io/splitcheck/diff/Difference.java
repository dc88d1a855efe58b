package io.splitcheck.diff;

import java.util.List;

/**
 * One path that differs between two builds.
 *
 * @param layer layer index (0 = bottom)
 * @param step the Dockerfile step that made the layer (config history {@code created_by}), or null
 * @param path the path as in the image, e.g. {@code /stamp}
 * @param kinds what differs, in {@link DiffKind} order
 * @param detail old and new values, for a person
 */
public record Difference(int layer, String step, String path, List<DiffKind> kinds, String detail) {
  public Difference {
    kinds = List.copyOf(kinds);
  }
}
