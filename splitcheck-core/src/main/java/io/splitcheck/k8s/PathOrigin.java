package io.splitcheck.k8s;

import java.util.List;

/**
 * Where a path of the image came from: the layer that gave it the owner and mode it has (the lowest
 * of the layers above which it keeps them), or the layer that removed it, and that layer's
 * Dockerfile step.
 *
 * @param path the path
 * @param layer the layer's index, 0 = base
 * @param layers how many layers the image has
 * @param diffId the layer's diffID
 * @param step the Dockerfile step that made the layer, or null when the history does not say
 * @param removed whether the layer removed the path (a whiteout) rather than made it
 */
public record PathOrigin(
    String path, int layer, int layers, String diffId, String step, boolean removed) {

  /**
   * The origin of {@code path} from what each layer says of it ({@code entries}, base first, one
   * per layer of {@code steps}), or null when no layer holds it.
   */
  public static PathOrigin of(String path, List<LayerEntry> entries, ImageSteps steps) {
    if (entries.size() != steps.layers()) {
      throw new IllegalArgumentException(
          "path '"
              + path
              + "': "
              + entries.size()
              + " layer entries for an image of "
              + steps.layers()
              + " layers");
    }
    int top = entries.size() - 1;
    while (top >= 0 && entries.get(top).kind() == LayerEntry.Kind.ABSENT) {
      top--;
    }
    if (top < 0) {
      return null;
    }
    LayerEntry seen = entries.get(top);
    if (seen.kind() == LayerEntry.Kind.REMOVED) {
      return new PathOrigin(path, top, steps.layers(), steps.diffId(top), steps.step(top), true);
    }
    int made = top;
    for (int i = top - 1; i >= 0; i--) {
      LayerEntry e = entries.get(i);
      if (e.kind() == LayerEntry.Kind.ABSENT) {
        continue;
      }
      if (!e.sameAs(seen)) {
        break;
      }
      made = i;
    }
    return new PathOrigin(path, made, steps.layers(), steps.diffId(made), steps.step(made), false);
  }

  /** {@code layer 2 of 2 (sha256:0123456789ab), step `RUN mkdir -p /var/cache/app`}. */
  public String describe() {
    String id = diffId.length() > 19 ? diffId.substring(0, 19) : diffId;
    return "layer "
        + (layer + 1)
        + " of "
        + layers
        + " ("
        + id
        + ")"
        + (step == null
            ? ", a step the image history does not name"
            : ", step `" + oneLine(step) + "`");
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s+", " ");
    return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
  }
}
